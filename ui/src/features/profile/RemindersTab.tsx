import { Button, Checkbox, CheckboxGroup, InputNumber, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderSettings } from '../../bindings';
import { errorText } from '../../shared/errors';
import { setReminderSettings } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { customLead, DEFAULT_LEAD_DAYS, leadLabel, sameLeads, withLeads } from './leadDays';
import { useReminderSettings } from './queries';

const { Text } = Typography;

/** 提醒: how long before each campaign date a reminder comes. */
export function RemindersTab() {
  const { t } = useTranslation(['profile', 'common']);
  const settings = useReminderSettings();
  return (
    <div className="profile-tab" data-testid="reminders-tab">
      <Text>{t('reminders.intro')}</Text>
      <QueryView
        query={settings}
        pending={<Loading className="profile-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('reminders.loadFailed')}
            description={errorText(t, error)}
            onRetry={retry}
          />
        )}
      >
        {/* What is saved changed (core's event): start again from it. */}
        {(s) => <LeadDaysForm key={s.lead_days.join(',')} settings={s} />}
      </QueryView>
      <Text type="tertiary" size="small" data-testid="reminder-delivery">
        {t('reminders.delivery')}
      </Text>
    </div>
  );
}

function LeadDaysForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify(['profile', 'common']);
  const [chosen, setChosen] = useState<number[]>(settings.lead_days);
  const [offered, setOffered] = useState(() => withLeads(DEFAULT_LEAD_DAYS, settings.lead_days));
  const [custom, setCustom] = useState<number | string>('');
  const save = useMutation({
    mutationFn: setReminderSettings,
    onSuccess: () => notify.success((t) => t('reminders.saved')),
  });

  const added = customLead(custom, settings.max_lead_days);
  const add = () => {
    if (added === null) return;
    setOffered((o) => withLeads(o, [added]));
    setChosen((c) => withLeads(c, [added]));
    setCustom('');
  };

  return (
    <div className="profile-leads">
      <CheckboxGroup
        type="pureCard"
        direction="horizontal"
        value={chosen}
        onChange={(value) => setChosen(withLeads(value as number[], []))}
        aria-label={t('reminders.leadsLabel')}
        className="profile-leads__chips"
      >
        {offered.map((days) => (
          <Checkbox key={days} value={days} data-testid={`reminder-lead-${days}`}>
            {leadLabel(t, days)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <div className="profile-leads__custom">
        <InputNumber
          value={custom}
          onChange={setCustom}
          min={1}
          max={settings.max_lead_days}
          precision={0}
          placeholder={t('reminders.custom')}
          aria-label={t('reminders.custom')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
          style={{ width: 140 }}
          data-testid="reminder-custom"
        />
        <Button onClick={add} disabled={added === null} data-testid="reminder-add">
          {t('reminders.add')}
        </Button>
        <Text type="tertiary" size="small">
          {t('reminders.max', { max: settings.max_lead_days })}
        </Text>
      </div>
      {chosen.length === 0 && (
        <Text type="warning" size="small" data-testid="reminder-none">
          {t('reminders.none')}
        </Text>
      )}
      {save.isError && (
        <Text type="danger" data-testid="reminder-error">
          {t('failed', { text: errorText(t, save.error) })}
        </Text>
      )}
      <div>
        <Button
          theme="solid"
          disabled={sameLeads(chosen, settings.lead_days)}
          loading={save.isPending}
          onClick={() => save.mutate(chosen)}
          data-testid="reminder-save"
        >
          {t('common:save')}
        </Button>
      </div>
    </div>
  );
}
