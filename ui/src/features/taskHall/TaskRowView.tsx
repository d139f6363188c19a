import { Button, Tag, Typography } from '@douyinfe/semi-ui';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskRow } from '../../bindings';
import { errorCodeText } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { industryText } from './industryText';
import { rewardLines, rewardText } from './rewardText';
import { CategoryTags } from './tags';

export { ROW_HEIGHT } from './rowStyle';

const { Text } = Typography;

interface Props {
  row: TaskRow;
  index: number;
  selected: boolean;
  onSelect: (id: string, index: number) => void;
}

export const TaskRowView = memo(function TaskRowView({ row, index, selected, onSelect }: Props) {
  const { t } = useTranslation('taskHall');
  const reward = rewardText(row, t);
  const lines = rewardLines(reward);
  const select = () => onSelect(row.id, index);
  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      className={selected ? 'task-row is-selected' : 'task-row'}
      data-testid="task-row"
      data-task-id={row.id}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <div className="task-row__main">
        <div className="task-row__title" title={row.title}>
          {row.title}
        </div>
        <div className="task-row__meta">
          <CategoryTags category={row.category} settlementMode={row.settlement_mode} />
          <span className="task-row__brand">{row.brand}</span>
          <span className="task-row__facets">
            <span className="task-row__facet">{industryText(t, row.industry)}</span>
            <span className="task-row__facet">{t(`contentForm.${row.content_form}`)}</span>
          </span>
        </div>
      </div>
      <div className="task-row__reward">
        <div className="task-row__amount" data-testid="row-reward">
          {reward.amount}
        </div>
        <div className="task-row__net" data-testid="row-net">
          {lines.first}
        </div>
        {lines.second !== null && (
          <div className="task-row__net" data-testid="row-sample">
            {lines.second}
          </div>
        )}
      </div>
      <div className="task-row__dates">
        <div>{t('row.deadline', { date: row.upload_deadline })}</div>
        <div className="task-row__muted">
          {t('row.slots', {
            taken: formatCount(row.slots_taken),
            wanted: formatCount(row.slots_wanted),
          })}
        </div>
      </div>
      <div className="task-row__eligibility" data-testid="row-eligibility">
        {row.eligible ? (
          <Tag size="small" color="green" type="light">
            {t('row.eligible')}
          </Tag>
        ) : (
          <Tag size="small" color="grey" type="light">
            {t('row.ineligible')}
          </Tag>
        )}
      </div>
    </div>
  );
});

/** A row whose page could not be read: why, and a retry of that page. */
export function TaskRowFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation(['taskHall', 'common']);
  return (
    <div className="task-row task-row--failed" data-testid="task-row-failed">
      <Text type="danger" size="small" ellipsis>
        {t('hall.rowFailed', { text: errorCodeText(t, error) })}
      </Text>
      <Button size="small" theme="borderless" onClick={onRetry}>
        {t('common:retry')}
      </Button>
    </div>
  );
}

/** What a row looks like while its page is loading. */
export function TaskRowSkeleton() {
  return (
    <div className="task-row task-row--skeleton" aria-hidden="true" data-testid="task-row-skeleton">
      <div className="task-row__main">
        <div className="skeleton-bar" style={{ width: '60%' }} />
        <div className="skeleton-bar skeleton-bar--thin" style={{ width: '40%' }} />
      </div>
      <div className="task-row__reward">
        <div className="skeleton-bar" style={{ width: 80 }} />
      </div>
      <div className="task-row__dates">
        <div className="skeleton-bar skeleton-bar--thin" style={{ width: 90 }} />
      </div>
      <div className="task-row__eligibility" />
    </div>
  );
}
