import { IconInfoCircle } from '@douyinfe/semi-icons';
import { Banner, Button, Empty, Popconfirm, Switch, Tag, Typography } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AcceptanceView, InvitationsView, InvitationView, NetPreview } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatInstant, formatMoney, formatTime } from '../../shared/format';
import { answerInvitation, setStarsPlan } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { putAnswer } from '../../shared/putAnswer';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { refusalWords } from '../../shared/refusals';
import { clockText, secondsUntil, URGENT_SECONDS, useNow } from './countdown';
import { putInvitation, rightsKeys, useInvitations } from './queries';

const { Title, Text } = Typography;

/** A dispatch still to answer counts down its hour (R-PREF-4). */
const countsDown = (i: InvitationView) =>
  i.status === 'pending' && i.kind === 'dispatch' && i.respond_by !== null;

/**
 * 优选派单 (R-PREF-1..7): the acceptance rate against its 80% floor, the Stars-plan switch,
 * and the invitations, those to answer first. A dispatch counts down its hour on the local
 * clock; accepting shows what the order nets, declining what the rate becomes.
 */
export function InvitationsSection() {
  const { t } = useTranslation(['rights', 'common']);
  const view = useInvitations();
  return (
    <section className="rts-card rts-invitations" data-testid="rights-invitations">
      <header className="rts-card__head">
        <Title heading={6}>{t('invitations.title')}</Title>
        {view.data !== undefined && <StarsPlanSwitch member={view.data.stars_plan} />}
      </header>
      <Text type="tertiary" size="small">
        {t('invitations.intro')}
      </Text>
      <QueryView
        query={view}
        pending={<Loading className="rts-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('invitations.loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(v) => <Invitations view={v} />}
      </QueryView>
    </section>
  );
}

function StarsPlanSwitch({ member }: { member: boolean }) {
  const { t } = useTranslation(['rights', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['rights', 'common']);
  const set = useMutation({
    mutationFn: setStarsPlan,
    onSuccess: (fresh) => void putAnswer(client, rightsKeys.invitations, fresh),
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  return (
    <span className="rts-switch">
      <Switch
        checked={member}
        loading={set.isPending}
        onChange={(checked) => set.mutate(checked)}
        data-testid="stars-plan"
        aria-label={t('invitations.starsPlan')}
      />
      <Text>{t('invitations.starsPlan')}</Text>
    </span>
  );
}

/** Those to answer first, a dispatch's hour soonest over at the top; the rest in core's
 * order. */
function answerFirst(items: readonly InvitationView[]): InvitationView[] {
  const clock = (i: InvitationView) =>
    countsDown(i) && i.respond_by !== null ? Date.parse(i.respond_by) : Number.POSITIVE_INFINITY;
  const pending = items
    .map((i, at) => ({ i, at }))
    .filter(({ i }) => i.status === 'pending')
    .sort((a, b) => clock(a.i) - clock(b.i) || a.at - b.at)
    .map(({ i }) => i);
  return [...pending, ...items.filter((i) => i.status !== 'pending')];
}

function Invitations({ view }: { view: InvitationsView }) {
  const { t } = useTranslation('rights');
  const items = answerFirst(view.items);
  const now = useNow(items.some(countsDown));
  return (
    <>
      <Acceptance acceptance={view.acceptance} />
      {items.length === 0 ? (
        <Empty title={t('invitations.empty')} data-testid="invitations-empty" />
      ) : (
        <ul className="rts-invitations__list">
          {items.map((i) => (
            <InvitationCard key={i.id} invitation={i} view={view} now={now} />
          ))}
        </ul>
      )}
    </>
  );
}

function Acceptance({ acceptance: a }: { acceptance: AcceptanceView }) {
  const { t } = useTranslation('rights');
  return (
    <div
      className="rts-acceptance"
      data-testid="invitation-acceptance"
      data-below-floor={a.below_floor ? 'true' : 'false'}
    >
      <div className="rts-acceptance__line">
        <Text strong type={a.below_floor ? 'danger' : undefined} data-testid="acceptance-rate">
          {t('invitations.rate', { rate: a.rate, accepted: a.accepted, total: a.total })}
        </Text>
        <Text type="tertiary" size="small">
          {t('invitations.floor', { floor: a.floor })}
        </Text>
        {/* Below the floor already, the banner below says so: no count of declines left. */}
        {!a.below_floor && (
          <Tag
            size="small"
            color={a.declines_left === 0 ? 'orange' : 'grey'}
            data-testid="acceptance-declines-left"
          >
            {a.declines_left === 0
              ? t('invitations.noDeclinesLeft', { floor: a.floor })
              : t('invitations.declinesLeft', { count: a.declines_left })}
          </Tag>
        )}
      </div>
      {a.below_floor && (
        <Banner
          type="danger"
          closeIcon={null}
          fullMode={false}
          data-testid="acceptance-warning"
          description={t('invitations.belowFloor', { floor: a.floor })}
        />
      )}
    </div>
  );
}

function InvitationCard({
  invitation: i,
  view,
  now,
}: {
  invitation: InvitationView;
  view: InvitationsView;
  now: number;
}) {
  const { t } = useTranslation(['rights', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['rights', 'common']);
  const answer = useMutation({
    mutationFn: (accept: boolean) => answerInvitation(i.id, accept),
    // Queued: the card shows 接单中 / 拒绝中 until core says the platform answered.
    onSuccess: (answered) => void putInvitation(client, answered),
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  const seconds = countsDown(i) && i.respond_by !== null ? secondsUntil(i.respond_by, now) : null;
  const timedOut = i.status === 'expired' || seconds === 0;
  const waiting = i.send_state === 'waiting';
  const answerable = i.status === 'pending' && !waiting;
  const { acceptance } = view;
  // Not literals, so the data attributes pass ButtonProps' excess-property check.
  const acceptOk: ButtonProps = { type: 'primary', ...{ 'data-testid': `accept-ok-${i.id}` } };
  const declineOk: ButtonProps = { type: 'danger', ...{ 'data-testid': `decline-ok-${i.id}` } };

  return (
    <li
      className={`rts-invitation is-${i.status}`}
      data-testid={`invitation-${i.id}`}
      data-status={i.status}
      data-kind={i.kind}
      data-send-state={i.send_state ?? undefined}
    >
      <div className="rts-invitation__head">
        <Tag color={i.kind === 'dispatch' ? 'violet' : 'cyan'} size="small">
          {t(`invitations.kinds.${i.kind}`)}
        </Tag>
        <Text strong>
          {i.brand}
          {i.brand !== '' && i.task_title !== '' && ' · '}
          {i.task_title}
        </Text>
        <Tag size="small" color={i.status === 'pending' ? 'orange' : 'grey'}>
          {t(`invitations.status.${i.status}`)}
        </Tag>
      </div>
      <Text type="tertiary" size="small">
        {t('invitations.received', { time: formatInstant(i.received_at) })}
        {' · '}
        {t('invitations.price', { price: formatMoney(i.net.price), net: formatMoney(i.net.net) })}
      </Text>
      {seconds !== null && i.respond_by !== null && (
        <div className="rts-invitation__clock">
          <Text type="tertiary" size="small">
            {t('invitations.respondBy', { time: formatTime(i.respond_by) })}
          </Text>
          <span
            className={
              seconds === 0
                ? 'rts-countdown is-over'
                : seconds < URGENT_SECONDS
                  ? 'rts-countdown is-urgent'
                  : 'rts-countdown'
            }
            data-testid={`invitation-countdown-${i.id}`}
            data-seconds={seconds}
            data-urgent={seconds < URGENT_SECONDS ? 'true' : 'false'}
          >
            {seconds === 0 ? t('invitations.expired') : clockText(seconds)}
          </span>
        </div>
      )}
      {view.stars_plan && (
        <Text type="warning" size="small" data-testid={`invitation-stars-note-${i.id}`}>
          {t('invitations.starsNote')}
        </Text>
      )}
      {waiting && (
        <Tag color="blue" data-testid={`invitation-sending-${i.id}`}>
          {t(i.answer === 'decline' ? 'invitations.declining' : 'invitations.accepting')}
        </Tag>
      )}
      {i.send_state === 'refused' && (
        <Text type="danger" size="small" data-testid={`invitation-refused-${i.id}`}>
          {t('invitations.refused', {
            error: refusalWords(t, i.send_refusal) ?? i.send_error ?? '',
          })}
        </Text>
      )}
      {answerable && (
        <div className="rts-invitation__actions">
          <Popconfirm
            title={t('invitations.acceptTitle')}
            icon={<IconInfoCircle className="rts-confirm__icon" size="extra-large" />}
            content={<NetTable net={i.net} agency={view.agency} testId={`net-preview-${i.id}`} />}
            okText={t('invitations.accept')}
            cancelText={t('common:cancel')}
            okButtonProps={acceptOk}
            disabled={timedOut}
            onConfirm={() => answer.mutate(true)}
          >
            <span>
              <Button
                theme="solid"
                size="small"
                disabled={timedOut}
                loading={answer.isPending && answer.variables === true}
                data-testid={`accept-${i.id}`}
              >
                {t('invitations.accept')}
              </Button>
            </span>
          </Popconfirm>
          <Popconfirm
            title={t('invitations.declineTitle')}
            content={
              <Text
                type={
                  i.kind === 'inquiry' && acceptance.after_decline_below_floor
                    ? 'danger'
                    : undefined
                }
                className="rts-confirm"
                data-testid={`decline-preview-${i.id}`}
                data-below-floor={acceptance.after_decline_below_floor ? 'true' : 'false'}
              >
                {i.kind === 'dispatch'
                  ? t('invitations.declineDispatch')
                  : acceptance.after_decline_below_floor
                    ? t('invitations.afterDeclineBelow', {
                        rate: acceptance.after_decline,
                        floor: acceptance.floor,
                      })
                    : t('invitations.afterDecline', { rate: acceptance.after_decline })}
              </Text>
            }
            okText={t('invitations.decline')}
            cancelText={t('common:cancel')}
            okType="danger"
            okButtonProps={declineOk}
            disabled={timedOut}
            onConfirm={() => answer.mutate(false)}
          >
            <span>
              <Button
                type="danger"
                size="small"
                disabled={timedOut}
                loading={answer.isPending && answer.variables === false}
                data-testid={`decline-${i.id}`}
              >
                {t('invitations.decline')}
              </Button>
            </span>
          </Popconfirm>
        </div>
      )}
    </li>
  );
}

/** What a preferred order nets (R-PREF-3): the price, less the 15% technical fee and, for
 * a creator bound to no agency, the 5% platform fee. */
function NetTable({ net, agency, testId }: { net: NetPreview; agency: boolean; testId: string }) {
  const { t } = useTranslation('rights');
  return (
    <div className="rts-net rts-confirm" data-testid={testId}>
      <dl>
        <dt>{t('invitations.net.price')}</dt>
        <dd data-testid={`${testId}-price`}>{formatMoney(net.price)}</dd>
        <dt>{t('invitations.net.technical')}</dt>
        <dd data-testid={`${testId}-technical`}>−{formatMoney(net.technical_fee)}</dd>
        <dt>{t('invitations.net.platform')}</dt>
        <dd data-testid={`${testId}-platform`}>−{formatMoney(net.platform_fee)}</dd>
        <dt className="rts-net__total">{t('invitations.net.net')}</dt>
        <dd className="rts-net__total" data-testid={`${testId}-net`}>
          {formatMoney(net.net)}
        </dd>
      </dl>
      <Text type="tertiary" size="small">
        {t(agency ? 'invitations.net.agency' : 'invitations.net.independent')}
      </Text>
    </div>
  );
}
