import { TextArea, Typography } from '@douyinfe/semi-ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../shared/CopyButton';

const { Text } = Typography;

/** A message to the brand that core drafted for an alert (R-REVIEW-10, 13, 16): read, then
 * copy it into the platform's chat. */
export function DraftMessage({ text }: { text: string }) {
  const { t } = useTranslation('logistics');
  const id = useId();
  return (
    <div className="lgx-draft" data-testid="parcel-draft">
      <div className="lgx-draft__bar">
        <label className="lgx-label" htmlFor={id}>
          {t('sheet.draft')}
        </label>
        <Text type="tertiary" size="small">
          {t('sheet.draftHint')}
        </Text>
        <CopyButton text={text} testId="parcel-draft-copy" />
      </div>
      <TextArea id={id} value={text} readonly rows={4} data-testid="parcel-draft-text" />
    </div>
  );
}
