import { IconDownload } from '@douyinfe/semi-icons';
import { IllustrationConstruction } from '@douyinfe/semi-illustrations';
import { Button, DatePicker, Empty, TabPane, Tabs, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassCode, ReportFormat } from '../../bindings';
import { errorText } from '../../shared/errors';
import { exportReport } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { chinaToday } from '../campaigns/dates';
import { DecisionsTab } from './DecisionsTab';
import { DiscrepancyTab } from './DiscrepancyTab';
import { ImportBar } from './ImportBar';
import { ImportedFiles } from './ImportedFiles';
import { IncomeChart } from './IncomeChart';
import { MatchesTab } from './MatchesTab';
import type { DiscrepancyClass } from './model';
import { PayoutFixSheet } from './payoutFix/PayoutFixSheet';
import { useImportFiles, useReconcile } from './queries';
import { SummaryCards } from './SummaryCards';
import { TaxCheck } from './tax/TaxCheck';

const { Title, Text } = Typography;

type Tab = 'discrepancies' | 'matches' | 'decisions';

const ILLUSTRATION = 140;
const illustration = { width: ILLUSTRATION, height: ILLUSTRATION };

/** 结算对账: import the files, see what does not add up, decide, fix failed payouts. */
export function SettlementsPage() {
  const { t } = useTranslation('settlements');
  const files = useImportFiles();

  return (
    <div className="settle" data-testid="settlements-page">
      <header className="settle__head">
        <Title heading={4}>{t('title')}</Title>
        <Text type="tertiary">{t('intro')}</Text>
      </header>
      <ImportBar />
      <QueryView
        query={files}
        pending={<Loading className="settle-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={ILLUSTRATION}
            title={t('loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
        isEmpty={(list) => list.length === 0}
        empty={<SettlementsEmpty />}
      >
        {(list) => (
          <>
            <ImportedFiles files={list} />
            <Reconciliation />
          </>
        )}
      </QueryView>
    </div>
  );
}

function SettlementsEmpty() {
  const { t } = useTranslation('settlements');
  return (
    <Empty
      className="settle-empty"
      data-testid="settlements-empty"
      image={<IllustrationConstruction style={illustration} />}
      title={t('empty.title')}
      description={
        <div className="settle-empty__body">
          <p>{t('empty.body')}</p>
          <ol>
            <li>{t('empty.expected')}</li>
            <li>{t('empty.statement')}</li>
            <li>{t('empty.bank')}</li>
            <li>{t('empty.invoices')}</li>
          </ol>
          <p className="settle-empty__privacy">{t('empty.privacy')}</p>
        </div>
      }
    />
  );
}

/**
 * Everything below the file list: as-of date, export, summary, the tabs, the chart and
 * the tax check.
 */
function Reconciliation() {
  const { t } = useTranslation('settlements');
  const notify = useNotify('settlements');
  // Today by default, China's (the platform's calendar, as core and the CLI take it), and
  // still today after China's midnight; a day picked stays picked.
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const asOf = picked === undefined ? chinaToday() : picked;
  const [tab, setTab] = useState<Tab>('discrepancies');
  const [classes, setClasses] = useState<DiscrepancyClass[]>([]);
  const [fixing, setFixing] = useState<string | null>(null);
  const view = useReconcile(asOf);

  const exporter = useMutation({
    // A cleared date is judged on today (core's null): the name says that day.
    mutationFn: (format: ReportFormat) =>
      exportReport(format, asOf, t('reportFileName', { asOf: asOf ?? chinaToday() })),
    onSuccess: (path) => {
      if (path !== null) notify.success((t) => t('exported', { path }));
    },
    onError: (error) => notify.error((t) => errorText(t, error)),
  });

  const active = classes.length === 1 ? (classes[0] ?? null) : null;
  const pickClass = (cls: ClassCode) => {
    if (cls === 'matched') {
      setTab('matches');
      return;
    }
    setTab('discrepancies');
    setClasses(active === cls ? [] : [cls]);
  };

  const body = (
    <QueryView
      query={view}
      pending={<Loading className="settle-center" />}
      error={(error, retry) => (
        <LoadFailed
          size={ILLUSTRATION}
          title={t('loadFailed', { text: errorText(t, error) })}
          onRetry={retry}
        />
      )}
    >
      {(v) => (
        <>
          <SummaryCards
            summary={v.summary}
            active={tab === 'matches' ? 'matched' : active}
            onPick={pickClass}
          />
          <section className="settle-section">
            <Tabs
              type="line"
              activeKey={tab}
              onChange={(k) => setTab(k as Tab)}
              lazyRender
              keepDOM={false}
            >
              <TabPane
                itemKey="discrepancies"
                tab={<span data-testid="tab-discrepancies">{t('tabs.discrepancies')}</span>}
              >
                <DiscrepancyTab
                  view={v}
                  classes={classes}
                  onClassesChange={setClasses}
                  onFixPayout={setFixing}
                />
              </TabPane>
              <TabPane
                itemKey="matches"
                tab={<span data-testid="tab-matches">{t('tabs.matches')}</span>}
              >
                <MatchesTab view={v} />
              </TabPane>
              <TabPane
                itemKey="decisions"
                tab={<span data-testid="tab-decisions">{t('tabs.decisions')}</span>}
              >
                <DecisionsTab ignored={v.ignored_decisions} />
              </TabPane>
            </Tabs>
          </section>
        </>
      )}
    </QueryView>
  );

  return (
    <>
      <section className="settle-section settle-toolbar">
        <div className="settle-toolbar__as-of">
          <Text strong>{t('asOf')}</Text>
          <DatePicker
            type="date"
            value={asOf ?? undefined}
            format="yyyy-MM-dd"
            onChange={(_date, text) =>
              setPicked(typeof text === 'string' && text !== '' ? text : null)
            }
            data-testid="as-of"
            style={{ width: 160 }}
          />
          <Text type="tertiary" size="small">
            {t('asOfHint')}
          </Text>
        </div>
        <div className="settle-toolbar__export">
          <Button
            icon={<IconDownload />}
            loading={exporter.isPending && exporter.variables === 'xlsx'}
            disabled={exporter.isPending}
            data-testid="export-xlsx"
            onClick={() => exporter.mutate('xlsx')}
          >
            {t('exportXlsx')}
          </Button>
          <Button
            icon={<IconDownload />}
            loading={exporter.isPending && exporter.variables === 'csv'}
            disabled={exporter.isPending}
            data-testid="export-csv"
            onClick={() => exporter.mutate('csv')}
          >
            {t('exportCsv')}
          </Button>
        </div>
      </section>
      {body}
      <IncomeChart />
      <TaxCheck />
      <PayoutFixSheet statementId={fixing} onClose={() => setFixing(null)} />
    </>
  );
}
