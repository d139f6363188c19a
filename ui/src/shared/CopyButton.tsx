import { IconCopy } from '@douyinfe/semi-icons';
import { Button } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import { copyText } from './clipboard';
import { useNotify } from './notify';

/** 复制: puts `text` on the clipboard and says whether it worked. */
export function CopyButton({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  return (
    <Button
      size="small"
      icon={<IconCopy />}
      data-testid={testId}
      onClick={() => {
        void copyText(text).then((ok) =>
          ok ? notify.success((t) => t('copy.done')) : notify.error((t) => t('copy.failed')),
        );
      }}
    >
      {t('copy.button')}
    </Button>
  );
}
