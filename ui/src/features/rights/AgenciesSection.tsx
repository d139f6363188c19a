import { Table, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { AgencyView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { useAgencies } from './queries';
import { AGENCY_CHANNELS, codeOf } from './rightsText';

const { Title, Text } = Typography;

/** 机构名录 (R-MCN-1/2): each agency's level and the channel that rated it, so a creator
 * sees it before binding. */
export function AgenciesSection() {
  const { t } = useTranslation(['rights', 'common']);
  const list = useAgencies();
  const dash = '—';
  const columns = [
    { title: t('agencies.name'), dataIndex: 'name' },
    {
      title: t('agencies.level'),
      dataIndex: 'level',
      render: (level: number | null) =>
        level === null ? (
          <Text type="tertiary">{t('agencies.notRated')}</Text>
        ) : (
          t('agencies.levelValue', { level })
        ),
    },
    {
      title: t('agencies.channel'),
      dataIndex: 'channel',
      render: (channel: string | null) => {
        const code = codeOf(AGENCY_CHANNELS, channel);
        return code === null ? (channel ?? dash) : t(`agencies.channels.${code}`);
      },
    },
    {
      title: t('agencies.ratedOn'),
      dataIndex: 'rated_on',
      render: (day: string | null) => day ?? dash,
    },
    {
      title: t('agencies.creators'),
      dataIndex: 'creators',
      render: (n: number) => formatCount(n),
    },
    { title: t('agencies.nextRating'), dataIndex: 'next_rating_on' },
  ];
  return (
    <section className="rts-card rts-agencies" data-testid="rights-agencies">
      <header className="rts-card__head">
        <Title heading={6}>{t('agencies.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('agencies.intro')}
      </Text>
      <QueryView
        query={list}
        pending={<Loading className="rts-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('agencies.loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(agencies) => (
          <Table<AgencyView>
            size="small"
            columns={columns}
            dataSource={agencies}
            rowKey="id"
            pagination={false}
            empty={t('agencies.empty')}
            onRow={(a) => ({ 'data-testid': `agency-${a?.id ?? ''}` }) as never}
          />
        )}
      </QueryView>
    </section>
  );
}
