import { IconLock } from '@douyinfe/semi-icons';
import { Empty, Table, Typography } from '@douyinfe/semi-ui';
import type { ColumnProps } from '@douyinfe/semi-ui/lib/es/table';
import { useTranslation } from 'react-i18next';
import type { AddressDisclosure } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { ShippingText } from './CampaignCard';
import { useAddressDisclosures } from './queries';
import { StatusTag } from './StatusTag';

const { Text } = Typography;

const PAGE_SIZE = 20;

/**
 * 谁有我的地址, in 设置: every brand an application carried the address to, for which
 * campaign and when — the address is for that sample only (R-REVIEW-4), so this is whom
 * to ask to delete it.
 */
export function AddressDisclosuresTab() {
  const { t } = useTranslation(['campaigns', 'common']);
  const disclosures = useAddressDisclosures();
  const columns: ColumnProps<AddressDisclosure>[] = [
    {
      title: t('disclosures.brand'),
      dataIndex: 'brand',
      width: 110,
      render: (_v, d) => <span data-testid="disclosure-brand">{d.brand || '—'}</span>,
    },
    {
      title: t('disclosures.campaign'),
      dataIndex: 'task_title',
      render: (_v, d) => (
        <div className="cmp-disclosure__campaign">
          <span data-testid="disclosure-campaign">
            {d.task_title || t('card.untitled', { id: d.task_id })}
          </span>
          <StatusTag status={d.status} />
        </div>
      ),
    },
    {
      title: t('disclosures.sentAt'),
      dataIndex: 'sent_at',
      width: 140,
      render: (_v, d) => <span data-testid="disclosure-sent-at">{formatInstant(d.sent_at)}</span>,
    },
    {
      title: t('disclosures.shipping'),
      dataIndex: 'shipping',
      render: (_v, d) => <ShippingText shipping={d.shipping} testId="disclosure-shipping" />,
    },
  ];
  return (
    <div className="cmp-disclosures" data-testid="disclosures-tab">
      <div className="profile-privacy" data-testid="disclosures-rule">
        <IconLock size="small" />
        <Text type="tertiary" size="small">
          {t('disclosures.intro')}
        </Text>
      </div>
      <QueryView
        query={disclosures}
        pending={<Loading className="cmp-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('disclosures.loadFailed')}
            description={errorText(t, error)}
            onRetry={retry}
          />
        )}
        isEmpty={(list) => list.length === 0}
        empty={
          <Empty
            className="cmp-empty"
            title={t('disclosures.empty')}
            data-testid="disclosures-empty"
          />
        }
      >
        {(list) => (
          <Table<AddressDisclosure>
            size="small"
            rowKey="application_id"
            columns={columns}
            dataSource={list}
            pagination={list.length > PAGE_SIZE ? { pageSize: PAGE_SIZE } : false}
            onRow={(d) =>
              ({
                'data-testid': 'disclosure-row',
                'data-application-id': d?.application_id,
              }) as never
            }
          />
        )}
      </QueryView>
    </div>
  );
}
