import { Typography } from '@douyinfe/semi-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agoFrom, formatInstant } from '../../shared/format';

const { Text } = Typography;

/** Re-renders every 30 s so "3 分钟前" keeps up with the clock. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 上次同步：3 分钟前 — the time since the last sync, kept current. */
export function LastSynced({ at }: { at: string | null }) {
  const { t } = useTranslation('sync');
  const now = useNow();
  let when: string;
  if (at === null) {
    when = t('neverSynced');
  } else {
    const ago = agoFrom(at, now);
    switch (ago.unit) {
      case 'now':
        when = t('agoNow');
        break;
      case 'minutes':
        when = t('agoMinutes', { count: ago.count });
        break;
      case 'hours':
        when = t('agoHours', { count: ago.count });
        break;
      case 'days':
        when = t('agoDays', { count: ago.count });
        break;
      case 'absolute':
        when = ago.text;
        break;
    }
  }
  return (
    <Text
      type="tertiary"
      size="small"
      data-testid="last-synced"
      title={at === null ? undefined : formatInstant(at)}
    >
      {t('lastSynced', { when })}
    </Text>
  );
}
