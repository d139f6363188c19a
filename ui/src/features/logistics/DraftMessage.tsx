import { IconChevronDown, IconChevronUp } from '@douyinfe/semi-icons';
import { Button, TextArea, Typography } from '@douyinfe/semi-ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../shared/CopyButton';

const { Text } = Typography;

/** A message to the brand that core drafted for an alert (R-REVIEW-10, 13, 16): read, then
 * copy it into the platform's chat. `folded`: only its bar until asked (a list's row). */
export function DraftMessage({ text, folded = false }: { text: string; folded?: boolean }) {
  const { t } = useTranslation('logistics');
  const id = useId();
  const [open, setOpen] = useState(!folded);
  return (
    <div className="lgx-draft" data-testid="parcel-draft">
      <div className="lgx-draft__bar">
        {folded ? (
          <Button
            size="small"
            theme="borderless"
            icon={open ? <IconChevronUp /> : <IconChevronDown />}
            iconPosition="right"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen((o) => !o)}
            data-testid="parcel-draft-toggle"
          >
            {t('sheet.draft')}
          </Button>
        ) : (
          <label className="lgx-label" htmlFor={id}>
            {t('sheet.draft')}
          </label>
        )}
        <Text type="tertiary" size="small">
          {t('sheet.draftHint')}
        </Text>
        <CopyButton text={text} testId="parcel-draft-copy" />
      </div>
      {open && (
        <TextArea
          id={id}
          className="lgx-draft__text"
          value={text}
          readonly
          autosize={{ minRows: 2, maxRows: 6 }}
          data-testid="parcel-draft-text"
        />
      )}
    </div>
  );
}
