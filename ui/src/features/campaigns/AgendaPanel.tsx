import { IconCalendar } from '@douyinfe/semi-icons';
import { Button, Empty, Tag, Tooltip, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../bindings';
import { errorText } from '../../shared/errors';
import { exportCalendar } from '../../shared/ipc';
import { useNavigation } from '../../shared/navigation';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { rightsSubjectText } from '../rights/rightsText';
import { agendaDays, dayLabel } from './agenda';
import { AGENDA_DAYS, useAgenda } from './queries';
import { daysLeftText } from './timeline';

const { Text } = Typography;

/** 日程: the campaign dates of the next 14 days by day (and the rights center's: a benefit
 * card expiring, the level dropping), and the calendar export. */
export function AgendaPanel() {
  const { t } = useTranslation(['campaigns', 'common']);
  const notify = useNotify(['campaigns', 'common']);
  const agenda = useAgenda(AGENDA_DAYS);
  const exporter = useMutation({
    mutationFn: () => exportCalendar(t('agenda.fileName')),
    // null: the save dialog was cancelled; nothing to say.
    onSuccess: (path) => {
      if (path !== null) notify.success((t) => t('agenda.exported', { path }));
    },
    onError: (error) =>
      notify.error((t) => t('agenda.exportFailed', { text: errorText(t, error) })),
  });

  return (
    <section className="cmp-agenda" data-testid="agenda">
      <div className="cmp-agenda__bar">
        <div>
          <Text strong>{t('agenda.title')}</Text>
          <br />
          <Text type="tertiary" size="small">
            {t('agenda.intro')}
          </Text>
        </div>
        <Button
          icon={<IconCalendar />}
          loading={exporter.isPending}
          onClick={() => exporter.mutate()}
          data-testid="agenda-export"
        >
          {t('agenda.export')}
        </Button>
      </div>
      <QueryView
        query={agenda}
        pending={<Loading className="cmp-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('agenda.loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
        isEmpty={(items) => items.length === 0}
        empty={<Empty className="cmp-empty" title={t('agenda.empty')} data-testid="agenda-empty" />}
      >
        {(items) => (
          <ol className="cmp-agenda__days">
            {agendaDays(items).map((day) => (
              <li
                key={day.date}
                className="cmp-agenda__day"
                data-testid="agenda-day"
                data-date={day.date}
              >
                <div className="cmp-agenda__date">
                  <Text strong>{dayLabel(t, day.daysLeft)}</Text>
                  <Text type="tertiary" size="small">
                    {day.date}
                  </Text>
                </div>
                <ul className="cmp-agenda__items">
                  {day.items.map((item) => (
                    <AgendaRow key={`${item.application_id}-${item.key}`} item={item} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}

/** One date: what it is, whose (an application's task, or the card or level a rights date
 * names), how long is left; it opens its application, or the rights center. */
function AgendaRow({ item }: { item: AgendaItem }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const { go } = useNavigation();
  const rights = item.feature === 'rights';
  return (
    <li
      className="cmp-agenda__item"
      data-testid="agenda-item"
      data-key={item.key}
      data-feature={item.feature}
      data-application-id={item.application_id}
    >
      <Tooltip content={t('timeline.rule', { rule: item.rule })}>
        <Text strong>{t(`common:timelineKeys.${item.key}`)}</Text>
      </Tooltip>
      <Text>
        {rights
          ? rightsSubjectText(t, item.rights, item.task_title)
          : item.task_title || item.task_id}
        {item.brand !== '' && <Text type="tertiary"> · {item.brand}</Text>}
      </Text>
      <Text type={item.days_left === 0 ? 'danger' : 'secondary'} data-testid="agenda-countdown">
        {daysLeftText(t, item.days_left)}
      </Text>
      {item.late !== null && (
        <Tag size="small" color="red">
          {t(`timeline.late.${item.late}`)}
        </Tag>
      )}
      {rights ? (
        <Button
          theme="borderless"
          size="small"
          onClick={() => go('rights')}
          data-testid="agenda-open-rights"
        >
          {t('agenda.openRights')}
        </Button>
      ) : (
        <Button
          theme="borderless"
          size="small"
          onClick={() => go('campaigns', item.application_id)}
          data-testid="agenda-open-application"
        >
          {t('agenda.openApplication')}
        </Button>
      )}
    </li>
  );
}
