import { IconAlertCircle, IconTickCircle } from '@douyinfe/semi-icons';
import { Progress, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { RequirementView } from '../../bindings';
import { isYesNo, requirementPercent, requirementValue } from './rightsText';

const { Text } = Typography;

/** One requirement of a level: the item, what the creator has against the threshold, and
 * how far along it is (a yes/no item is ✓ or ✗). */
export function RequirementRow({
  req,
  testId = `req-${req.item}`,
}: {
  req: RequirementView;
  testId?: string;
}) {
  const { t } = useTranslation('rights');
  const percent = requirementPercent(req);
  return (
    <li
      className={req.met ? 'rts-req is-met' : 'rts-req'}
      data-testid={testId}
      data-met={req.met ? 'true' : 'false'}
    >
      <span className="rts-req__mark" title={t(req.met ? 'level.met' : 'level.unmet')}>
        {req.met ? <IconTickCircle /> : <IconAlertCircle />}
      </span>
      <Text className="rts-req__label">{t(`items.${req.item}`)}</Text>
      <Text className="rts-req__value" data-testid={`${testId}-value`}>
        {requirementValue(req)}
      </Text>
      {isYesNo(req) ? (
        <span className="rts-req__bar" />
      ) : (
        <Progress
          className="rts-req__bar"
          percent={percent}
          size="small"
          stroke={req.met ? 'var(--semi-color-success)' : 'var(--semi-color-warning)'}
          aria-label={t(`items.${req.item}`)}
        />
      )}
    </li>
  );
}
