import { IconDelete } from '@douyinfe/semi-icons';
import { Button, Popconfirm } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useTranslation } from 'react-i18next';

/** A row's 删除 button that asks first; the confirm's button is `<testId>-confirm`. */
export function ConfirmDelete({
  title,
  content,
  testId,
  loading,
  onConfirm,
}: {
  title: string;
  content?: string;
  testId: string;
  loading: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation(['profile', 'common']);
  // Not a literal, so the data attribute passes ButtonProps' excess-property check.
  const okButtonProps: ButtonProps = { type: 'danger', ...{ 'data-testid': `${testId}-confirm` } };
  return (
    <Popconfirm
      title={title}
      content={content && <div className="profile-confirm">{content}</div>}
      okText={t('delete')}
      cancelText={t('common:cancel')}
      okType="danger"
      okButtonProps={okButtonProps}
      onConfirm={onConfirm}
    >
      <span>
        <Button
          size="small"
          type="danger"
          theme="borderless"
          icon={<IconDelete />}
          loading={loading}
          data-testid={testId}
        >
          {t('delete')}
        </Button>
      </span>
    </Popconfirm>
  );
}
