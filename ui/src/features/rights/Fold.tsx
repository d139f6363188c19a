import { IconChevronDown, IconChevronRight } from '@douyinfe/semi-icons';
import { Button } from '@douyinfe/semi-ui';
import { type ReactNode, useState } from 'react';

/** A part shown on demand: a borderless toggle with its label, the content below it once
 * opened (and not rendered before). */
export function Fold({
  label,
  testId,
  defaultOpen = false,
  children,
}: {
  label: ReactNode;
  testId: string;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <div className="rts-fold" data-open={open ? 'true' : 'false'}>
      <Button
        theme="borderless"
        size="small"
        icon={open ? <IconChevronDown /> : <IconChevronRight />}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {label}
      </Button>
      {open && <div className="rts-fold__body">{children}</div>}
    </div>
  );
}
