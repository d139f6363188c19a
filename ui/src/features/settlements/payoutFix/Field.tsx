import { Typography } from '@douyinfe/semi-ui';
import type { ReactNode } from 'react';

const { Text } = Typography;

/** A labelled control of the fix guide's forms, with an optional hint below it. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="fix-field">
      <span className="fix-field__label">{label}</span>
      {children}
      {hint && (
        <Text type="tertiary" size="small">
          {hint}
        </Text>
      )}
    </label>
  );
}
