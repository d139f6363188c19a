import { Banner, Button, Empty, Table, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DecisionView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { deleteDecision } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { QueryView } from '../../shared/QueryView';
import { PAGE_SIZE } from './DiscrepancyTab';
import { useDecisions } from './queries';

const { Text } = Typography;

const ACTION_COLOR = { accept: 'green', reject: 'red', manual_match: 'violet' } as const;

/** 我的决定: every accept, reject and manual match, each undoable. */
export function DecisionsTab({ ignored }: { ignored: number }) {
  const { t } = useTranslation('settlements');
  const notify = useNotify('settlements');
  const list = useDecisions();

  const undo = useMutation({
    mutationFn: deleteDecision,
    onSuccess: () => notify.success((t) => t('decision.undone')),
    onError: (error) => notify.error((t) => t('decideFailed', { text: errorText(t, error) })),
  });

  const columns = [
    {
      title: t('decision.createdAt'),
      dataIndex: 'created_at',
      width: 160,
      render: (_: unknown, d: DecisionView) => formatInstant(d.created_at),
    },
    {
      title: t('list.class'),
      dataIndex: 'action',
      width: 200,
      render: (_: unknown, d: DecisionView) => (
        <span className="tag-pair">
          <Tag size="small" type="light" color={ACTION_COLOR[d.decision.action]}>
            {t(`decision.action.${d.decision.action}`)}
          </Tag>
          <Tag size="small" type="light" color="grey">
            {t(`match.kind.${d.decision.kind}`)}
          </Tag>
        </span>
      ),
    },
    {
      title: t('decision.lines'),
      dataIndex: 'lines',
      render: (_: unknown, d: DecisionView) => (
        <Text type="tertiary">
          {t('decision.lineCounts', {
            expected: d.decision.expected === null ? 0 : 1,
            statement: d.decision.statement.length,
            bank: d.decision.bank.length,
          })}
        </Text>
      ),
    },
    {
      title: t('list.actions'),
      dataIndex: 'undo',
      width: 100,
      render: (_: unknown, d: DecisionView) => (
        <Button
          size="small"
          theme="borderless"
          disabled={undo.isPending}
          data-testid="decision-undo"
          onClick={() => undo.mutate(d.id)}
        >
          {t('decision.undo')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="decision-list" className="decisions">
      {ignored > 0 && (
        <div data-testid="ignored-decisions">
          <Banner
            type="info"
            closeIcon={null}
            description={t('decision.ignored', { count: ignored })}
          />
        </div>
      )}
      <QueryView query={list} error={(error) => <Text type="danger">{errorText(t, error)}</Text>}>
        {(data) => (
          <Table<DecisionView>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={data}
            pagination={data.length > PAGE_SIZE ? { pageSize: PAGE_SIZE } : false}
            onRow={() => ({ 'data-testid': 'decision-row' }) as never}
            empty={<Empty description={t('decision.empty')} />}
          />
        )}
      </QueryView>
    </div>
  );
}
