import { IconSearch } from '@douyinfe/semi-icons';
import { Input, RadioGroup, Select, Switch } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { Category, ContentForm, TaskSort } from '../../bindings';
import {
  CATEGORIES,
  CONTENT_FORMS,
  DEADLINE_WINDOWS,
  type FilterState,
  isBadAmount,
  SORTS,
} from './filters';
import { industryText } from './industryText';

interface Props {
  value: FilterState;
  industries: string[];
  onChange: (next: FilterState) => void;
}

const SORT_LABEL = {
  newest: 'hall.sortNewest',
  deadline: 'hall.sortDeadline',
  reward: 'hall.sortReward',
} as const satisfies Record<TaskSort, string>;

/** Search, filters and sort. Text is debounced by the task hall, not here. */
export function FilterBar({ value, industries, onChange }: Props) {
  const { t } = useTranslation('taskHall');
  const set = <K extends keyof FilterState>(key: K, v: FilterState[K]) =>
    onChange({ ...value, [key]: v });
  const badMin = isBadAmount(value.rewardMin);
  const badMax = isBadAmount(value.rewardMax);

  return (
    <div className="filter-bar">
      <div className="filter-bar__row">
        <Input
          className="filter-bar__search"
          prefix={<IconSearch />}
          placeholder={t('hall.searchPlaceholder')}
          value={value.search}
          onChange={(v) => set('search', v)}
          showClear
          data-testid="search-input"
          aria-label={t('hall.searchPlaceholder')}
        />
        <RadioGroup
          type="button"
          value={value.sort}
          onChange={(e) => set('sort', e.target.value as TaskSort)}
          aria-label={t('hall.sort')}
          data-testid="sort"
          options={SORTS.map((s) => ({ value: s, label: t(SORT_LABEL[s]) }))}
        />
      </div>
      <div className="filter-bar__row filter-bar__row--wrap">
        <Select
          multiple
          maxTagCount={2}
          showClear
          className="filter-bar__select"
          placeholder={t('hall.category')}
          value={value.categories}
          onChange={(v) => set('categories', (v as Category[]) ?? [])}
          optionList={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          data-testid="filter-category"
          aria-label={t('hall.category')}
        />
        <Select
          multiple
          filter
          maxTagCount={2}
          showClear
          className="filter-bar__select"
          placeholder={t('hall.industry')}
          value={value.industries}
          onChange={(v) => set('industries', (v as string[]) ?? [])}
          optionList={industries.map((i) => ({ value: i, label: industryText(t, i) }))}
          data-testid="filter-industry"
          aria-label={t('hall.industry')}
        />
        <Select
          multiple
          maxTagCount={2}
          showClear
          className="filter-bar__select filter-bar__select--narrow"
          placeholder={t('hall.contentForm')}
          value={value.contentForms}
          onChange={(v) => set('contentForms', (v as ContentForm[]) ?? [])}
          optionList={CONTENT_FORMS.map((f) => ({ value: f, label: t(`contentForm.${f}`) }))}
          data-testid="filter-content-form"
          aria-label={t('hall.contentForm')}
        />
        <span className="filter-bar__range">
          <Input
            className="filter-bar__amount"
            prefix="¥"
            placeholder={t('hall.rewardMinHint')}
            value={value.rewardMin}
            onChange={(v) => set('rewardMin', v)}
            validateStatus={badMin ? 'error' : 'default'}
            title={badMin ? t('hall.invalidAmount') : undefined}
            inputMode="decimal"
            data-testid="reward-min"
            aria-label={t('hall.rewardMin')}
            aria-invalid={badMin}
          />
          <span className="filter-bar__to">{t('hall.rewardTo')}</span>
          <Input
            className="filter-bar__amount"
            prefix="¥"
            placeholder={t('hall.rewardMaxHint')}
            value={value.rewardMax}
            onChange={(v) => set('rewardMax', v)}
            validateStatus={badMax ? 'error' : 'default'}
            title={badMax ? t('hall.invalidAmount') : undefined}
            inputMode="decimal"
            data-testid="reward-max"
            aria-label={t('hall.rewardMax')}
            aria-invalid={badMax}
          />
        </span>
        <Select
          className="filter-bar__select filter-bar__select--narrow"
          value={value.deadlineWithinDays ?? 0}
          onChange={(v) => set('deadlineWithinDays', v === 0 ? null : (v as number))}
          optionList={[
            { value: 0, label: t('hall.deadlineAny') },
            ...DEADLINE_WINDOWS.map((d) => ({
              value: d,
              label: t('hall.deadlineWithin', { count: d }),
            })),
          ]}
          data-testid="filter-deadline"
          aria-label={t('hall.deadline')}
        />
        <span className="filter-bar__switch">
          <Switch
            checked={value.eligibleOnly}
            onChange={(checked) => set('eligibleOnly', checked)}
            data-testid="eligible-only"
            aria-label={t('hall.eligibleOnly')}
          />
          <span>{t('hall.eligibleOnly')}</span>
        </span>
      </div>
    </div>
  );
}
