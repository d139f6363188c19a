import { IllustrationConstruction, IllustrationNoResult } from '@douyinfe/semi-illustrations';
import { Button, Empty } from '@douyinfe/semi-ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AppStatus } from '../../bindings';
import { dismissFirstPaint, reportHallRows } from '../../firstPaint/firstPaint';
import { errorCodeText } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { startupMark } from '../../shared/startupMarks';
import { useDebouncedValue } from '../../shared/useDebouncedValue';
import { useSync } from '../sync/SyncProvider';
import { TaskDetailPanel } from './detail/TaskDetailPanel';
import { FilterBar } from './FilterBar';
import { EMPTY_FILTERS, type FilterState, isNarrowed, toTaskFilter } from './filters';
import { platformIndustry } from './industryText';
import { taskPageQuery, useFacets } from './queries';
import { type Selection, TaskList } from './TaskList';

export const SEARCH_DEBOUNCE_MS = 250;

const ILLUSTRATION = 160;
const illustration = { width: ILLUSTRATION, height: ILLUSTRATION };

/** 任务大厅: filters on top, the virtual list, and the selected task on the right. */
export function TaskHall({ status }: { status: AppStatus | undefined }) {
  const { t } = useTranslation('taskHall');
  const facets = useFacets();
  const [filters, setFilters] = useState<FilterState>(EMPTY_FILTERS);
  const [selection, setSelection] = useState<Selection | null>(null);

  // Typing is debounced; clicks (selects, switches, sort) apply at once.
  const search = useDebouncedValue(filters.search, SEARCH_DEBOUNCE_MS);
  const rewardMin = useDebouncedValue(filters.rewardMin, SEARCH_DEBOUNCE_MS);
  const rewardMax = useDebouncedValue(filters.rewardMax, SEARCH_DEBOUNCE_MS);
  const { categories, industries, contentForms, deadlineWithinDays, eligibleOnly, sort } = filters;
  const filter = useMemo(
    () =>
      toTaskFilter({
        // An industry typed by its name in the window's language is searched by the
        // platform's ("Beauty" → 美妆): the search reads the platform's words.
        search: platformIndustry(t, search) ?? search,
        categories,
        industries,
        contentForms,
        rewardMin,
        rewardMax,
        deadlineWithinDays,
        eligibleOnly,
        sort,
      }),
    [
      t,
      search,
      categories,
      industries,
      contentForms,
      rewardMin,
      rewardMax,
      deadlineWithinDays,
      eligibleOnly,
      sort,
    ],
  );

  // Page 0 carries the total; the list shares it from the cache.
  const first = useQuery({
    ...taskPageQuery(filter, 0),
    placeholderData: keepPreviousData,
  });
  const total = first.data?.total ?? 0;

  // The first real result is on screen (after the next paint): reported once per window
  // (`reportHallRows`); this hall marks it once.
  const reportedReady = useRef(false);
  const firstRows = first.isSuccess && !first.isPlaceholderData ? first.data.rows.length : null;
  useEffect(() => {
    if (reportedReady.current || firstRows === null) return;
    reportedReady.current = true;
    startupMark('rows_committed');
    requestAnimationFrame(() => {
      startupMark('rows_frame');
      reportHallRows(firstRows);
    });
  }, [firstRows]);

  // The first paint stood for the rows; with none to show, the hall shows why instead.
  const nothingToList = first.isError || (first.isSuccess && total === 0);
  useLayoutEffect(() => {
    if (nothingToList) dismissFirstPaint();
  }, [nothingToList]);

  // Positions mean nothing in a new result list; the selected task stays selected.
  const filterKey = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter changes
  useEffect(() => {
    setSelection((s) => (s?.id ? { id: s.id, index: -1 } : null));
  }, [filterKey]);

  const onSelect = useCallback((next: Selection) => setSelection(next), []);
  const reset = () => setFilters(EMPTY_FILTERS);

  const list = (
    <QueryView
      query={first}
      pending={<Loading className="hall-center" />}
      error={(error, retry) => (
        <LoadFailed
          className="hall-empty"
          size={ILLUSTRATION}
          title={t('hall.loadFailed')}
          description={errorCodeText(t, error)}
          onRetry={retry}
        />
      )}
      isEmpty={(page) => page.total === 0 && !first.isPlaceholderData}
      empty={
        <HallEmpty
          narrowed={isNarrowed(filters)}
          neverSynced={status?.last_synced_at == null}
          onReset={reset}
        />
      }
    >
      {() => <TaskList filter={filter} total={total} selection={selection} onSelect={onSelect} />}
    </QueryView>
  );

  return (
    <div className="hall">
      <div className="hall-main">
        <FilterBar
          value={filters}
          industries={facets.data?.industries ?? []}
          onChange={setFilters}
        />
        <div className="hall-summary">
          <span className="hall-summary__total">
            <Trans
              i18nKey="hall.total"
              t={t}
              count={total}
              values={{ shown: formatCount(total) }}
              components={{
                n: (
                  <span
                    className="hall-summary__count"
                    data-testid="task-total"
                    data-total={total}
                  />
                ),
              }}
            />
          </span>
          {isNarrowed(filters) && (
            <Button size="small" theme="borderless" onClick={reset}>
              {t('hall.reset')}
            </Button>
          )}
        </div>
        <div className="hall-list">{list}</div>
      </div>
      <aside className="hall-detail">
        <TaskDetailPanel id={selection?.id ?? null} />
      </aside>
    </div>
  );
}

/** Nothing to list: filters that match nothing, a store never synced, or an empty hall. */
function HallEmpty({
  narrowed,
  neverSynced,
  onReset,
}: {
  narrowed: boolean;
  neverSynced: boolean;
  onReset: () => void;
}) {
  const { t } = useTranslation('taskHall');
  const sync = useSync();
  if (narrowed) {
    return (
      <Empty
        className="hall-empty"
        data-testid="empty-no-results"
        image={<IllustrationNoResult style={illustration} />}
        title={t('hall.emptyNoResultsTitle')}
        description={t('hall.emptyNoResultsBody')}
      >
        <Button onClick={onReset}>{t('hall.reset')}</Button>
      </Empty>
    );
  }
  if (neverSynced) {
    return (
      <Empty
        className="hall-empty"
        data-testid="empty-never-synced"
        image={<IllustrationConstruction style={illustration} />}
        title={t('hall.emptyNeverSyncedTitle')}
        description={t('hall.emptyNeverSyncedBody')}
      >
        <Button theme="solid" loading={sync.running} onClick={sync.start}>
          {t('hall.emptyNeverSyncedAction')}
        </Button>
      </Empty>
    );
  }
  return (
    <Empty
      className="hall-empty"
      data-testid="empty-no-tasks"
      image={<IllustrationNoResult style={illustration} />}
      title={t('hall.emptyNoTasksTitle')}
      description={t('hall.emptyNoTasksBody')}
    />
  );
}
