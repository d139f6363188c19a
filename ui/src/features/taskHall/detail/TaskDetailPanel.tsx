import { IllustrationNoContent } from '@douyinfe/semi-illustrations';
import { Banner, Button, Empty, Skeleton } from '@douyinfe/semi-ui';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../../shared/errors';
import { QueryView } from '../../../shared/QueryView';
import { useTaskDetail } from '../queries';

// The body (and the apply form with it) loads on the first selection.
const DetailBody = lazy(() => import('./DetailBody').then((m) => ({ default: m.DetailBody })));

const skeleton = <Skeleton active placeholder={<Skeleton.Paragraph rows={12} />} loading />;

/** The right-hand panel: everything about the selected task. */
export function TaskDetailPanel({ id }: { id: string | null }) {
  const { t } = useTranslation(['taskHall', 'common']);
  const detail = useTaskDetail(id);

  return (
    <div className="task-detail" data-testid="task-detail" aria-busy={detail.isFetching}>
      {id === null ? (
        <Empty
          className="detail-empty"
          image={<IllustrationNoContent style={{ width: 120, height: 120 }} />}
          description={t('detail.selectHint')}
        />
      ) : (
        <QueryView
          query={detail}
          pending={skeleton}
          error={(error, retry) => {
            const code = errorCode(error);
            return (
              <Banner
                type={code === 'not_found' ? 'warning' : 'danger'}
                closeIcon={null}
                description={
                  code === 'not_found'
                    ? t('detail.notFound')
                    : t('detail.loadFailed', { text: t(`common:errors.${code}`) })
                }
              >
                {/* Gone from the platform: nothing to read again. */}
                {code !== 'not_found' && (
                  <Button size="small" theme="borderless" onClick={retry}>
                    {t('common:retry')}
                  </Button>
                )}
              </Banner>
            );
          }}
        >
          {(data) => (
            <Suspense fallback={skeleton}>
              <DetailBody detail={data} />
            </Suspense>
          )}
        </QueryView>
      )}
    </div>
  );
}
