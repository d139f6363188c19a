import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ParcelView } from '../../bindings';
import i18n from '../../i18n';
import { Reject } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderLogisticsPage } from './renderLogisticsPage';

const SLOW = { timeout: 30_000 };

const open = async (
  user: ReturnType<typeof renderLogisticsPage>['user'],
  id: string,
): Promise<HTMLElement> => {
  const rows = await screen.findAllByTestId('parcel-row');
  const row = rows.find((r) => r.getAttribute('data-parcel-id') === id);
  if (!row) throw new Error(`no parcel ${id}`);
  await user.click(within(row).getByTestId('parcel-open'));
  return screen.findByTestId('parcel-detail');
};

describe('logistics: a parcel', () => {
  it('its scans newest first, Beijing time as given, whatever order they came in', async () => {
    const [newest, middle, oldest] = fx.events;
    const { user } = renderLogisticsPage({
      // Not in order: the sheet still shows the newest first.
      parcel: () => ({
        parcel: fx.silent,
        events: [middle, oldest, newest].flatMap((e) => e ?? []),
      }),
    });
    const detail = await open(user, '11');
    expect(detail).toHaveAttribute('data-parcel-id', '11');
    const timeline = within(detail).getByTestId('parcel-timeline');
    const events = within(timeline).getAllByTestId('parcel-event');
    expect(events.map((e) => e.getAttribute('data-time'))).toEqual([
      '2026-03-25 06:12:40',
      '2026-03-24 21:30:05',
      '2026-03-24 16:02:11',
    ]);
    expect(events[0]).toHaveTextContent('【杭州转运中心】已发出');
    expect(events[0]).toHaveTextContent('2026-03-25 06:12');
    expect(events[0]).toHaveTextContent('运输中 · 浙江省杭州市');
    expect(events[2]).toHaveTextContent('顺丰速运已收取快件');
    expect(events[2]).toHaveTextContent('已揽收');
    // The sheet says where it is and when it is asked next.
    expect(within(detail).getByTestId('parcel-state')).toHaveTextContent('运输中');
    expect(within(detail).getByTestId('parcel-last-queried')).not.toHaveTextContent('尚未查询');
    expect(within(detail).getByTestId('parcel-next-query')).toHaveTextContent(
      /^\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(within(detail).getByTestId('campaign-status')).toHaveTextContent('样品已寄出');
  });

  it('refresh now asks the carrier at once (force)', async () => {
    const { calls, user } = renderLogisticsPage();
    const detail = await open(user, '11');
    await user.click(within(detail).getByTestId('parcel-refresh'));
    expect(await screen.findByText('物流信息已更新')).toBeInTheDocument();
    expect(calls.filter((c) => c.command === 'track_parcel').map((c) => c.args)).toEqual([
      { id: '11', force: true },
    ]);
  });

  it('within 30 minutes of the last answer, refresh asks first: kuaidi100 would lock the number', async () => {
    const asked = new Date(Date.now() - 10 * 60_000).toISOString();
    // After a busy answer the background check waits an hour: the warning says when.
    const next = new Date(Date.now() + 50 * 60_000).toISOString();
    const { calls, user } = renderLogisticsPage({
      parcel: () => fx.detailOf({ ...fx.silent, last_queried_at: asked, next_query_at: next }),
    });
    const tracked = () => calls.filter((c) => c.command === 'track_parcel').map((c) => c.args);
    const detail = await open(user, '11');
    await user.click(within(detail).getByTestId('parcel-refresh'));
    const confirm = await screen.findByTestId('parcel-refresh-confirm');
    expect(confirm).toHaveTextContent('快递100 会锁定 30 分钟内被多次查询的单号');
    // The time it is checked again on its own: the parcel's next check.
    const again = new Date(next);
    const hhmm = (d: Date) =>
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(confirm).toHaveTextContent(`${hhmm(again)} 后台会自动再查`);
    expect(screen.getByText(`${hhmm(new Date(asked))} 刚查询过`)).toBeInTheDocument();
    expect(tracked()).toEqual([]);

    // Cancelled: nothing asked.
    await user.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByTestId('parcel-refresh-confirm')).toBeNull());
    expect(tracked()).toEqual([]);

    // Asked anyway: at once, forced, once.
    await user.click(within(detail).getByTestId('parcel-refresh'));
    await user.click(await screen.findByTestId('parcel-refresh-anyway'));
    expect(await screen.findByText('物流信息已更新')).toBeInTheDocument();
    expect(tracked()).toEqual([{ id: '11', force: true }]);
  });

  it('a parcel that is done is not checked again on its own: the warning names no time', async () => {
    const asked = new Date(Date.now() - 5 * 60_000).toISOString();
    const { user } = renderLogisticsPage({
      parcel: () =>
        fx.detailOf({ ...fx.silent, last_queried_at: asked, next_query_at: null, is_final: true }),
    });
    const detail = await open(user, '11');
    await user.click(within(detail).getByTestId('parcel-refresh'));
    const confirm = await screen.findByTestId('parcel-refresh-confirm');
    expect(confirm).toHaveTextContent('快递100 会锁定 30 分钟内被多次查询的单号');
    expect(confirm).not.toHaveTextContent('后台会自动再查');
  });

  it('a refused refresh says why in words: the code’s meaning and the service’s reason', async () => {
    let current: ParcelView = { ...fx.noPhone, last_error: null };
    const { events, user } = renderLogisticsPage({
      parcel: () => fx.detailOf(current),
      track_parcel: () => {
        // As core does: the failure is kept on the parcel, the area changes, the call fails.
        current = fx.noPhone;
        events.emit('data_changed', { areas: ['logistics'] });
        throw new Reject({
          code: 'tracking_refused',
          message: 'the tracking service answered 408: the phone number check failed',
        });
      },
    });
    const detail = await open(user, '15');
    expect(within(detail).queryByTestId('parcel-last-error')).toBeNull();
    await user.click(within(detail).getByTestId('parcel-refresh'));
    const error = await screen.findByTestId('parcel-refresh-error');
    expect(error).toHaveAttribute('data-code', 'tracking_refused');
    expect(error).toHaveTextContent('刷新失败：快递查询服务拒绝了这次查询 (tracking_refused)');
    await waitFor(() =>
      expect(error).toHaveTextContent('手机号校验失败：顺丰、中通需要收件人手机号后 4 位（408）'),
    );
    expect(screen.getByTestId('parcel-detail')).not.toHaveTextContent(/answered|phone number/);
    // One explanation, not two.
    expect(screen.queryByTestId('parcel-last-error')).toBeNull();
  });

  it('the last failure as the parcel keeps it, and the missing phone digits', async () => {
    const { user } = renderLogisticsPage();
    const detail = await open(user, '15');
    const error = within(detail).getByTestId('parcel-last-error');
    expect(error).toHaveAttribute('data-code', '408');
    expect(error).toHaveTextContent('上次查询失败');
    expect(error).toHaveTextContent('手机号校验失败');
    expect(within(detail).getByTestId('parcel-phone-banner')).toHaveTextContent(
      '顺丰、中通需要收件人手机号后 4 位才能查询',
    );
  });

  it('R-REVIEW-16: a refused sample, the drafted message to the brand to copy', async () => {
    const { user } = renderLogisticsPage();
    const detail = await open(user, '12');
    expect(within(detail).getByTestId('parcel-alert')).toHaveTextContent(
      '包裹已被拒收，请尽快告知品牌方。',
    );
    const draft = within(detail).getByTestId('parcel-draft-text');
    expect(draft).toHaveValue(fx.refused.alerts[0]?.draft);
    expect(draft).toHaveAttribute('readonly');
    expect(within(detail).getByTestId('parcel-draft-copy')).toHaveTextContent('复制');
    // A sample of a campaign is confirmed on 我的合作 (its receipt), not here.
    expect(within(detail).queryByTestId('parcel-confirm-received')).toBeNull();
  });

  it('R-REVIEW-13 and R-REVIEW-10: a sample too late, its days, and a draft for each alert', async () => {
    const { user } = renderLogisticsPage();
    const detail = await open(user, '16');
    const alerts = within(detail).getAllByTestId('parcel-alert-text');
    expect(alerts.map((a) => a.textContent)).toEqual([
      '样品到得太晚：按 2026-03-27 到手、通常的制作时间计算，作品要到 2026-03-30 才能完成，比上传截止日（2026-03-25）晚 5 天，请向品牌方申请延期。',
      '品牌方 2026-03-18 才寄出样品，比逾期寄样起算日（2026-03-10）晚 8 天，延误责任在品牌方，可以向品牌方申请延期。',
    ]);
    const drafts = within(detail).getAllByTestId('parcel-draft-text');
    expect(drafts.map((d) => (d as HTMLTextAreaElement).value)).toEqual(
      fx.tooLate.alerts.map((a) => a.draft),
    );
  });

  it('opens its campaign on 我的合作', async () => {
    const { navigation, user } = renderLogisticsPage();
    const detail = await open(user, '11');
    await user.click(within(detail).getByTestId('parcel-open-application'));
    expect(navigation.go).toHaveBeenCalledWith('campaigns', 'A1');
  });

  it('a parcel of no campaign: confirm it arrived', async () => {
    const { calls, user } = renderLogisticsPage();
    const detail = await open(user, '13');
    expect(within(detail).queryByTestId('parcel-open-application')).toBeNull();
    await user.click(within(detail).getByTestId('parcel-confirm-received'));
    expect(await screen.findByText('已确认收到这个包裹')).toBeInTheDocument();
    expect(calls.filter((c) => c.command === 'confirm_parcel_received').map((c) => c.args)).toEqual(
      [{ id: '13' }],
    );
  });

  it('delete asks first, then closes the sheet', SLOW, async () => {
    const { calls, user } = renderLogisticsPage();
    const detail = await open(user, '13');
    await user.click(within(detail).getByTestId('parcel-delete'));
    expect(await screen.findByText('不再跟踪这个包裹？')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'delete_parcel')).toBe(false);
    await user.click(screen.getByTestId('parcel-delete-ok'));
    expect(await screen.findByText('已删除这个包裹')).toBeInTheDocument();
    expect(calls.filter((c) => c.command === 'delete_parcel').map((c) => c.args)).toEqual([
      { id: '13' },
    ]);
    await waitFor(() => expect(screen.queryByTestId('parcel-detail')).toBeNull());
  });

  it('another page may open a parcel (物流 opened on it)', async () => {
    renderLogisticsPage({}, { page: 'logistics', id: '14', seq: 1 });
    const detail = await screen.findByTestId('parcel-detail');
    expect(detail).toHaveAttribute('data-parcel-id', '14');
    expect(within(detail).getByTestId('parcel-no-events')).toHaveTextContent('还没有物流动态');
    expect(within(detail).getByTestId('parcel-next-query')).toHaveTextContent('待安排');
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    const { user } = renderLogisticsPage();
    const detail = await open(user, '15');
    expect(within(detail).getByTestId('parcel-last-error')).toHaveTextContent(
      'The phone check failed',
    );
    expect(within(detail).getByTestId('parcel-refresh')).toHaveTextContent('Refresh now');
    expect(within(detail).getByTestId('parcel-last-queried')).not.toHaveTextContent('Not checked');
  });
});
