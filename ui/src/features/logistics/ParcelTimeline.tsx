import { Timeline, Typography } from '@douyinfe/semi-ui';
import type { TimelineItemProps } from '@douyinfe/semi-ui/lib/es/timeline';
import { useTranslation } from 'react-i18next';
import type { ShipmentEventView, ShipmentStateCode } from '../../bindings';
import { eventTime, newestFirst } from './events';

const { Text } = Typography;

const WRONG: ReadonlySet<ShipmentStateCode> = new Set<ShipmentStateCode>([
  'problem',
  'refused',
  'returned',
  'returning',
]);

/** The newest scan is where the parcel is: coloured by its state; older ones are plain. */
function itemType(e: ShipmentEventView, newest: boolean): TimelineItemProps['type'] {
  if (!newest) return 'default';
  if (e.state === 'delivered') return 'success';
  if (e.state !== null && WRONG.has(e.state)) return 'error';
  return 'ongoing';
}

/** Every carrier scan of a parcel, newest first, in Beijing time as the carrier gave it. */
export function ParcelTimeline({ events }: { events: readonly ShipmentEventView[] }) {
  const { t } = useTranslation('logistics');
  if (events.length === 0) {
    return (
      <Text type="tertiary" data-testid="parcel-no-events">
        {t('sheet.noEvents')}
      </Text>
    );
  }
  return (
    <Timeline className="lgx-timeline" data-testid="parcel-timeline">
      {newestFirst(events).map((e, i) => (
        <Timeline.Item
          key={`${e.time} ${e.text} ${e.area ?? ''}`}
          time={eventTime(e.time)}
          type={itemType(e, i === 0)}
          data-testid="parcel-event"
          data-time={e.time}
          data-state={e.state ?? ''}
        >
          <div className="lgx-timeline__text">{e.text}</div>
          {(e.state !== null || (e.area !== null && e.area !== '')) && (
            <Text type="tertiary" size="small">
              {[e.state === null ? null : t(`states.${e.state}`), e.area]
                .filter((part) => part !== null && part !== '')
                .join(' · ')}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
