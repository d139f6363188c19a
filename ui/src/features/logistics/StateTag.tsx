import { Tag } from '@douyinfe/semi-ui';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShipmentStateCode } from '../../bindings';

type TagColor = NonNullable<ComponentProps<typeof Tag>['color']>;

/** On its way in blues, waiting for the creator in amber, arrived in green, gone wrong in
 * reds, nothing more to come in grey. */
const STATE_COLOR: Record<ShipmentStateCode, TagColor> = {
  ordered: 'grey',
  awaiting_pickup: 'light-blue',
  picked_up: 'cyan',
  in_transit: 'blue',
  at_delivery_city: 'blue',
  out_for_delivery: 'indigo',
  at_pickup_point: 'amber',
  delivered: 'green',
  problem: 'red',
  returning: 'orange',
  returned: 'orange',
  refused: 'red',
  customs: 'violet',
  cancelled: 'grey',
};

/** `data-state` of a parcel not queried yet. */
export const NOT_QUERIED = 'none';

/** A parcel's state in words (运输中, 待取件, …); 待查询 before the first answer. */
export function StateTag({
  state,
  testId = 'parcel-state',
}: {
  state: ShipmentStateCode | null;
  testId?: string;
}) {
  const { t } = useTranslation('logistics');
  return (
    <Tag
      size="small"
      color={state === null ? 'white' : STATE_COLOR[state]}
      type={state === null ? 'ghost' : 'light'}
      data-testid={testId}
      data-state={state ?? NOT_QUERIED}
    >
      {state === null ? t('notQueried') : t(`states.${state}`)}
    </Tag>
  );
}
