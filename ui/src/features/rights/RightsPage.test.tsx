import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RightsView } from '../../bindings';
import i18n from '../../i18n';
import { type Call, Reject } from '../../test/ipcMock';
import * as fx from '../../test/rightsFixtures';
import { renderRightsPage } from './renderRightsPage';

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('gridcell')
    .map((c) => c.textContent);

beforeEach(() => {
  // The fixtures are as of 10:00 China time on 2026-03-28; so is the page's clock.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(fx.NOW));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('rights center: the level card (R-LEVEL-1/2)', () => {
  it('the level, when it was read, and every LV3 requirement met or not', async () => {
    renderRightsPage();
    const card = await screen.findByTestId('rights-level');
    expect(within(card).getByTestId('rights-level-value')).toHaveTextContent('LV2');
    expect(within(card).getByTestId('rights-synced-at')).toHaveTextContent('数据日期 2026-03-27');

    const list = within(card).getByTestId('rights-checklist');
    expect(list).toHaveAttribute('data-level', '3');
    expect(within(list).getByTestId('rights-checklist-count')).toHaveTextContent('已满足 1/7 项');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => [r.getAttribute('data-testid'), r.getAttribute('data-met')])).toEqual([
      ['req-courses_completed', 'false'],
      ['req-posts_30d', 'false'],
      ['req-avg_valid_plays', 'false'],
      ['req-orders', 'false'],
      ['req-followers', 'false'],
      ['req-likes', 'false'],
      ['req-credit_score', 'true'],
    ]);
    const followers = within(list).getByTestId('req-followers');
    expect(followers).toHaveTextContent('粉丝数');
    expect(within(followers).getByTestId('req-followers-value')).toHaveTextContent(
      '32,000 / > 300,000',
    );
    // 32,000 of 300,000: a tenth of the way.
    expect(within(followers).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10');
    expect(within(list).getByTestId('req-credit_score-value')).toHaveTextContent('82 / ≥ 50');
    expect(within(list).getByTestId('req-courses_completed-value')).toHaveTextContent('6 / ≥ 8');
  });

  it('what the current level takes to keep, folded: LV1’s too (R-LEVEL-1, cumulative); a yes/no item is ✓ or ✗', async () => {
    const { user } = renderRightsPage();
    await screen.findByTestId('rights-checklist');
    expect(screen.queryByTestId('rights-own')).toBeNull();
    await user.click(screen.getByTestId('rights-own-toggle'));
    const own = screen.getByTestId('rights-own');
    expect(
      within(own)
        .getAllByRole('listitem')
        .map((r) => r.getAttribute('data-testid')),
    ).toEqual([
      'own-req-courses_completed',
      'own-req-posts_30d',
      'own-req-avg_valid_plays',
      'own-req-submission_tasks_joined',
      // LV2 is held only while LV1's requirements hold too; LV1's courses and posts are
      // left out, LV2's ask more of each.
      'own-req-profile_complete',
    ]);
    expect(within(own).getByTestId('own-req-courses_completed-value')).toHaveTextContent('≥ 5');
    expect(within(own).getByTestId('own-req-profile_complete')).toHaveAttribute('data-met', 'true');
    expect(within(own).getByTestId('own-req-avg_valid_plays')).toHaveAttribute('data-met', 'true');
    expect(within(own).getByTestId('own-req-avg_valid_plays-value')).toHaveTextContent(
      '10,800 / > 10,000',
    );
  });

  it('LV0 before the first sync: says so; LV1’s checklist shows profile complete as ✗', async () => {
    renderRightsPage({ rights: () => fx.rightsNeverSynced });
    expect(await screen.findByTestId('rights-never-synced')).toBeInTheDocument();
    expect(screen.getByTestId('rights-level-value')).toHaveTextContent('LV0');
    const profile = screen.getByTestId('req-profile_complete');
    expect(profile).toHaveAttribute('data-met', 'false');
    expect(screen.getByTestId('req-profile_complete-value')).toHaveTextContent('✗');
    expect(screen.getByTestId('forecast-none')).toBeInTheDocument();
  });

  it('at LV4: the top level, no checklist', async () => {
    const top = fx.report({
      ...fx.metrics,
      followers: 620_000,
      courses_completed: 12,
      posts_30d: 34,
      avg_valid_plays: 160_000,
      likes: 48_000,
      orders: 5,
    });
    expect(top.level).toBe(4);
    renderRightsPage({ rights: () => ({ ...fx.rightsView, level: top }) });
    expect(await screen.findByTestId('rights-top-level')).toHaveTextContent('已是最高等级');
    expect(screen.queryByTestId('rights-checklist')).toBeNull();
  });

  it('refresh: asks core, shows what it read; a failure in words', async () => {
    const fresh: RightsView = { ...fx.rightsView, as_of: '2026-03-28' };
    let stored = fx.rightsView;
    const { calls, user } = renderRightsPage({
      rights: () => stored,
      refresh_rights: () => {
        stored = fresh;
        return fresh;
      },
    });
    await screen.findByTestId('rights-level');
    await user.click(screen.getByTestId('rights-refresh'));
    expect(await screen.findByText('权益中心已刷新')).toBeInTheDocument();
    expect(argsOf(calls, 'refresh_rights')).toHaveLength(1);
    expect(screen.getByTestId('rights-synced-at')).toHaveTextContent('数据日期 2026-03-28');
  });

  it('refresh failed: the code in words, never the message', async () => {
    const { user } = renderRightsPage({
      refresh_rights: () => {
        throw new Reject({ code: 'platform_unreachable', message: 'tcp connect error' });
      },
    });
    await screen.findByTestId('rights-level');
    await user.click(screen.getByTestId('rights-refresh'));
    expect(
      await screen.findByText('刷新失败：无法连接平台 (platform_unreachable)'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/tcp connect/)).toBeNull();
  });
});

describe('rights center: the forecast', () => {
  it('how many posts by when keep the level, the days left, and what is near the line', async () => {
    renderRightsPage();
    const forecast = await screen.findByTestId('rights-forecast');
    expect(within(forecast).getByTestId('forecast-sentence')).toHaveTextContent(
      '在 03-31 前再发布 1 条作品，才能保住 LV2',
    );
    expect(within(forecast).getByTestId('forecast-days-left')).toHaveTextContent('还剩 3 天');
    // Why a creator above the floor today still has to post: the window rolls on.
    expect(within(forecast).getByTestId('forecast-why')).toHaveTextContent(
      '如果不再发布，03-31 那天只剩 7 条。',
    );
    expect(within(forecast).getByTestId('forecast-posts')).toHaveTextContent(
      '近 30 天已发布 8 条，LV2 至少需要 8 条',
    );
    const near = within(forecast).getByTestId('forecast-near-avg_valid_plays');
    expect(near).toHaveTextContent('接近门槛平均有效播放10,800 / > 10,000');
    expect(within(forecast).queryByTestId(/^forecast-failing-/)).toBeNull();
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    renderRightsPage();
    expect(await screen.findByTestId('forecast-sentence')).toHaveTextContent(
      'Post 1 more video by 03-31 to keep LV2',
    );
    expect(screen.getByTestId('forecast-days-left')).toHaveTextContent('3 days left');
    expect(screen.getByTestId('forecast-why')).toHaveTextContent(
      'with nothing new, only 7 posts are left on 03-31.',
    );
  });

  it('nothing leaving the window: safe; a failing requirement is tagged', async () => {
    const credit = fx.level.requirements.find(
      (r) => r.level === 2 && r.item === 'courses_completed',
    );
    if (credit === undefined) throw new Error('fixtures');
    renderRightsPage({
      rights: () => ({
        ...fx.rightsView,
        forecast: {
          ...fx.rightsView.forecast,
          drops_on: null,
          posts_needed: null,
          failing: [{ ...credit, have: 4, met: false }],
        },
      }),
    });
    expect(await screen.findByTestId('forecast-safe')).toHaveTextContent(
      '按现在的发布数，未来 30 天 LV2 都不会因为发布数降级。',
    );
    expect(screen.getByTestId('forecast-failing-courses_completed')).toHaveTextContent('已不满足');
  });
});

describe('rights center: the level planner', () => {
  it('prefilled with the metrics; evaluates the edited ones with core', async () => {
    const { calls, user } = renderRightsPage();
    await screen.findByTestId('rights-planner');
    await user.click(screen.getByTestId('planner-toggle'));
    expect(screen.getByTestId('planner-followers')).toHaveValue('32000');
    fireEvent.change(screen.getByTestId('planner-followers'), { target: { value: '320000' } });
    fireEvent.change(screen.getByTestId('planner-courses_completed'), { target: { value: '8' } });
    fireEvent.change(screen.getByTestId('planner-posts_30d'), { target: { value: '21' } });
    await user.click(within(screen.getByTestId('planner-profile_complete')).getByRole('switch'));
    await user.click(screen.getByTestId('planner-evaluate'));
    await waitFor(() =>
      expect(argsOf(calls, 'plan_level')).toEqual([
        {
          metrics: {
            ...fx.metrics,
            followers: 320_000,
            courses_completed: 8,
            posts_30d: 21,
            profile_complete: false,
          },
        },
      ]),
    );
    // Profile incomplete: LV1 does not hold, so neither does anything above it.
    const result = await screen.findByTestId('planner-result');
    expect(result).toHaveAttribute('data-level', '0');
    expect(within(result).getByTestId('planner-missing-profile_complete')).toBeInTheDocument();

    await user.click(within(screen.getByTestId('planner-profile_complete')).getByRole('switch'));
    await user.click(screen.getByTestId('planner-evaluate'));
    await waitFor(() =>
      expect(screen.getByTestId('planner-result')).toHaveAttribute('data-level', '2'),
    );
    const missing = within(screen.getByTestId('planner-missing'))
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-testid'));
    expect(missing).toEqual([
      'planner-missing-avg_valid_plays',
      'planner-missing-orders',
      'planner-missing-likes',
    ]);
  });
});

describe('rights center: reward tasks (R-LEVEL-3)', () => {
  it('the cycle’s months, a month of no order as 0, the averages and each level’s bar', async () => {
    renderRightsPage();
    const reward = await screen.findByTestId('rights-reward');
    expect(cells(within(reward).getByTestId('reward-month-2026-01'))).toEqual([
      '2026-01',
      '1',
      '11,200',
      '0',
    ]);
    expect(cells(within(reward).getByTestId('reward-month-2026-02'))).toEqual([
      '2026-02',
      '0',
      '9,800',
      '0',
    ]);
    expect(within(reward).getByTestId('reward-average')).toHaveTextContent(
      '月均 0.67 单 · 短视频平均播放 11,033.33 · 直播平均播放 1,066.67按短视频计',
    );
    expect(
      [1, 2, 3, 4].map((l) =>
        within(reward).getByTestId(`reward-bar-${l}`).getAttribute('data-met'),
      ),
    ).toEqual(['false', 'false', 'false', 'false']);
    const lv1 = within(reward).getByTestId('reward-bar-1');
    expect(lv1).toHaveTextContent('LV1 奖励');
    expect(lv1).toHaveTextContent('月均接单 ≥ 1');
    expect(lv1).toHaveTextContent('平均播放 > 5,000');
    expect(within(reward).getByTestId('reward-bar-1-state')).toHaveTextContent('未达标');
  });
});

describe('rights center: the benefits wallet and DOU+ ledger', () => {
  it('the cards in core’s order, values and expiry; urgent within 7 days', async () => {
    renderRightsPage();
    const wallet = await screen.findByTestId('rights-benefits');
    const cards = within(wallet)
      .getAllByTestId(/^benefit-b-\d+$/)
      .map((c) => [c.getAttribute('data-testid'), c.getAttribute('data-status')]);
    expect(cards).toEqual([
      ['benefit-b-201', 'available'],
      ['benefit-b-202', 'available'],
      ['benefit-b-210', 'available'],
      ['benefit-b-101', 'claimed'],
      ['benefit-b-102', 'available'],
      ['benefit-b-103', 'claimed'],
    ]);
    expect(screen.getByTestId('benefit-name-b-201')).toHaveTextContent('投稿任务收益保底卡');
    expect(screen.getByTestId('benefit-value-b-201')).toHaveTextContent('¥50.00');
    expect(screen.getByTestId('benefit-value-b-102')).toHaveTextContent('¥5,000.00');
    const expiry = screen.getByTestId('benefit-expiry-b-201');
    expect(expiry).toHaveTextContent('还剩 4 天');
    expect(expiry).toHaveAttribute('data-urgent', 'true');
    expect(screen.getByTestId('benefit-expiry-b-210')).toHaveAttribute('data-urgent', 'false');
    expect(screen.getByTestId('benefit-expiry-b-101')).toHaveTextContent('长期有效');
    // A kind this version does not know keeps the platform's name.
    expect(screen.getByTestId('benefit-name-b-103')).toHaveTextContent('学院直播课席位');
    // Granted automatically: nothing to claim.
    expect(screen.queryByTestId('claim-b-101')).toBeNull();
    expect(screen.queryByTestId('claim-b-103')).toBeNull();
    // Dispatched by the platform, reported as claimed: 自动发放, not 已领取 (R-LEVEL-5);
    // a card the creator claimed says 已领取.
    expect(screen.getByTestId('benefit-auto-b-101')).toHaveTextContent('自动发放');
    expect(screen.getByTestId('benefit-b-101')).not.toHaveTextContent('已领取');
    expect(screen.getByTestId('benefit-auto-b-102')).toHaveTextContent('自动发放');
    expect(screen.queryByTestId('benefit-auto-b-103')).toBeNull();
    expect(screen.getByTestId('benefit-b-103')).toHaveTextContent('已领取');
  });

  it('claim: asks core with the id; the card shows 领取中 while it waits', async () => {
    const { calls, user } = renderRightsPage();
    await user.click(await screen.findByTestId('claim-b-201'));
    await waitFor(() => expect(argsOf(calls, 'claim_benefit')).toEqual([{ id: 'b-201' }]));
    expect(await screen.findByTestId('benefit-claiming-b-201')).toHaveTextContent('领取中');
    expect(screen.getByTestId('benefit-b-201')).toHaveAttribute('data-send-state', 'waiting');
    expect(screen.queryByTestId('claim-b-201')).toBeNull();
    // The other card is untouched.
    expect(screen.getByTestId('claim-b-202')).toBeInTheDocument();
  });

  it('a refused claim says why and may be claimed again', async () => {
    renderRightsPage({
      benefits: () => ({
        ...fx.benefitsView,
        items: [{ ...fx.cardA, send_state: 'refused', send_error: '权益已被领取' }],
      }),
    });
    expect(await screen.findByTestId('benefit-refused-b-201')).toHaveTextContent(
      '平台没有接受这次领取：权益已被领取',
    );
    expect(screen.getByTestId('claim-b-201')).toHaveTextContent('重新领取');
  });

  it("a refusal the platform gave a documented reason for is said in the window's words", async () => {
    renderRightsPage({
      benefits: () => ({
        ...fx.benefitsView,
        items: [
          {
            ...fx.cardA,
            send_state: 'refused',
            send_refusal: 'benefit_expired',
            send_error: 'the platform refused: benefit_expired (benefit b-201 expired)',
          },
        ],
      }),
    });
    const refused = await screen.findByTestId('benefit-refused-b-201');
    expect(refused).toHaveTextContent('平台没有接受这次领取：权益已过期（R-LEVEL-6）');
    expect(refused).not.toHaveTextContent('the platform refused');
  });

  it('used and expired cards are folded away', async () => {
    const { user } = renderRightsPage();
    const toggle = await screen.findByTestId('benefits-history-toggle');
    expect(toggle).toHaveTextContent('已使用和已过期（2）');
    expect(screen.queryByTestId('benefit-b-050')).toBeNull();
    await user.click(toggle);
    expect(screen.getByTestId('benefit-b-050')).toHaveAttribute('data-status', 'used');
    expect(screen.getByTestId('benefit-b-051')).toHaveAttribute('data-status', 'expired');
    expect(screen.getByTestId('benefit-expiry-b-051')).toHaveTextContent('已过期');
  });

  it('the DOU+ ledger: each period, what it owes, and the total (R-LEVEL-7)', async () => {
    renderRightsPage();
    const ledger = await screen.findByTestId('rights-douplus');
    expect(within(ledger).getByTestId('douplus-total')).toHaveTextContent('累计应补偿 20 DOU+');
    expect(cells(within(ledger).getByTestId('dispatch-2026-02-14'))).toEqual([
      '2026-02-14 – 2026-03-15',
      '8',
      '7',
      '1',
      '20',
    ]);
    const current = within(ledger).getByTestId('dispatch-2026-03-16');
    expect(current).toHaveAttribute('data-current', 'true');
    expect(cells(current)).toEqual(['2026-03-16 – 2026-04-14本期', '8', '5', '进行中', '—']);
  });
});

describe('rights center: the star index (R-LEVEL-9)', () => {
  it('the chart’s container with its points, and the latest values with their change', async () => {
    const { calls } = renderRightsPage();
    const chart = await screen.findByTestId('star-index-chart');
    expect(chart).toHaveAttribute('data-points', '14');
    expect(argsOf(calls, 'star_index')).toEqual([{ days: 90 }]);
    const index = screen.getByTestId('star-latest-index');
    expect(index).toHaveTextContent('星图指数83.20+0.40');
    expect(index).toHaveAttribute('data-trend', 'up');
    expect(screen.getByTestId('star-latest-seeding')).toHaveAttribute('data-trend', 'down');
    expect(screen.getByTestId('star-change-seeding')).toHaveTextContent('-0.20');
    expect(screen.getByTestId('star-latest-cooperation')).toHaveAttribute('data-trend', 'flat');
  });

  it('no points yet: an empty state, no chart', async () => {
    renderRightsPage({ star_index: () => ({ days: 90, points: [], change: null }) });
    expect(await screen.findByTestId('star-index-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('star-index-chart')).toBeNull();
  });
});

describe('rights center: preferred invitations (R-PREF)', () => {
  it('the acceptance rate against its floor; pending first, a dispatch’s hour at the top', async () => {
    renderRightsPage();
    const section = await screen.findByTestId('rights-invitations');
    expect(await within(section).findByTestId('acceptance-rate')).toHaveTextContent(
      '意向询问接受率 81.82%（9/11）',
    );
    expect(within(section).getByTestId('acceptance-declines-left')).toHaveTextContent(
      '再拒绝一次就会低于 80%',
    );
    expect(within(section).queryByTestId('acceptance-warning')).toBeNull();
    const order = within(section)
      .getAllByTestId(/^invitation-inv-\d+$/)
      .map((i) => [i.getAttribute('data-testid'), i.getAttribute('data-status')]);
    expect(order).toEqual([
      ['invitation-inv-31', 'pending'],
      ['invitation-inv-30', 'pending'],
      ['invitation-inv-28', 'accepted'],
      ['invitation-inv-25', 'declined'],
    ]);
    // Only a pending dispatch counts down.
    expect(screen.getByTestId('invitation-countdown-inv-31')).toHaveTextContent('50:00');
    expect(screen.queryByTestId('invitation-countdown-inv-30')).toBeNull();
    expect(screen.queryByTestId('invitation-countdown-inv-28')).toBeNull();
  });

  it('below the floor: a warning', async () => {
    renderRightsPage({
      invitations: () => ({
        ...fx.invitationsView,
        acceptance: {
          ...fx.invitationsView.acceptance,
          rate: '72.73',
          below_floor: true,
          declines_left: 0,
        },
      }),
    });
    expect(await screen.findByTestId('acceptance-warning')).toHaveTextContent(
      '接受率低于 80%：优选派单会减少甚至停止（R-PREF-2）。',
    );
    // Not "one more decline takes you below 80%": it is below already.
    expect(screen.queryByTestId('acceptance-declines-left')).toBeNull();
  });

  it('decline asks first, showing the rate after declining in red; then queues it', async () => {
    const { calls, user } = renderRightsPage();
    await user.click(await screen.findByTestId('decline-inv-30'));
    const preview = await screen.findByTestId('decline-preview-inv-30');
    expect(preview).toHaveTextContent('拒绝后接受率将降到 75.00%，低于 80%');
    expect(preview).toHaveAttribute('data-below-floor', 'true');
    expect(preview.className).toContain('danger');
    expect(argsOf(calls, 'answer_invitation')).toEqual([]);
    await user.click(screen.getByTestId('decline-ok-inv-30'));
    await waitFor(() =>
      expect(argsOf(calls, 'answer_invitation')).toEqual([{ id: 'inv-30', accept: false }]),
    );
    expect(await screen.findByTestId('invitation-sending-inv-30')).toHaveTextContent('拒绝中');
    expect(screen.queryByTestId('decline-inv-30')).toBeNull();
  });

  it('declining a dispatch names the refusal rules (R-PREF-5), not the inquiry rate', async () => {
    const { user } = renderRightsPage();
    await user.click(await screen.findByTestId('decline-inv-31'));
    const preview = await screen.findByTestId('decline-preview-inv-31');
    expect(preview).toHaveTextContent(
      '拒绝派单按一口价任务规则处理；多次拒绝会被移出优选池（R-PREF-5）。',
    );
    expect(preview).not.toHaveTextContent('75.00%');
  });

  it('accept shows what the order nets (R-PREF-3) before it is sent', async () => {
    const { calls, user } = renderRightsPage();
    await user.click(await screen.findByTestId('accept-inv-31'));
    const net = await screen.findByTestId('net-preview-inv-31');
    expect(within(net).getByTestId('net-preview-inv-31-price')).toHaveTextContent('¥2,000.00');
    expect(within(net).getByTestId('net-preview-inv-31-technical')).toHaveTextContent('−¥300.00');
    expect(within(net).getByTestId('net-preview-inv-31-platform')).toHaveTextContent('−¥100.00');
    expect(within(net).getByTestId('net-preview-inv-31-net')).toHaveTextContent('¥1,600.00');
    expect(net).toHaveTextContent('独立达人另收 5% 平台服务费');
    await user.click(screen.getByTestId('accept-ok-inv-31'));
    await waitFor(() =>
      expect(argsOf(calls, 'answer_invitation')).toEqual([{ id: 'inv-31', accept: true }]),
    );
    expect(await screen.findByTestId('invitation-sending-inv-31')).toHaveTextContent('接单中');
  });

  it('an answer confirmed before the window hears back stays accepted, not 接单中 again', async () => {
    let list = fx.invitationsView;
    let release: () => void = () => {};
    const { events, user } = renderRightsPage({
      invitations: () => list,
      answer_invitation: ({ id, accept }) => {
        const queued = fx.answered(id, accept);
        // As in the app: core's job sends the answer at once, the platform confirms it and
        // the area changes; the window reads the list again before this answer reaches it.
        list = {
          ...list,
          items: list.items.map((i) =>
            i.id === id ? { ...i, status: 'accepted', answer: 'accept', send_state: null } : i,
          ),
        };
        events.emit('data_changed', { areas: ['rights'] });
        return new Promise((resolve) => {
          release = () => resolve(queued);
        });
      },
    });
    await user.click(await screen.findByTestId('accept-inv-31'));
    await user.click(screen.getByTestId('accept-ok-inv-31'));
    const card = () => screen.getByTestId('invitation-inv-31');
    // The event's read has landed: accepted, while the answer is still on its way.
    await waitFor(() => expect(card()).toHaveAttribute('data-status', 'accepted'));
    release();
    // The older answer (queued) must not stay over it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => expect(card()).toHaveAttribute('data-status', 'accepted'));
    expect(card()).not.toHaveAttribute('data-send-state');
    expect(screen.queryByTestId('invitation-sending-inv-31')).toBeNull();
  });

  it('an answer is on the card at once, before the list is read again', async () => {
    let answered = false;
    const { user } = renderRightsPage({
      // The read after the answer never comes back: what shows is the answer itself.
      invitations: () => (answered ? new Promise(() => {}) : fx.invitationsView),
      answer_invitation: ({ id, accept }) => {
        answered = true;
        return fx.answered(id, accept);
      },
    });
    await user.click(await screen.findByTestId('decline-inv-30'));
    await user.click(screen.getByTestId('decline-ok-inv-30'));
    expect(await screen.findByTestId('invitation-sending-inv-30')).toHaveTextContent('拒绝中');
    expect(screen.getByTestId('invitation-inv-30')).toHaveAttribute('data-send-state', 'waiting');
  });

  it('a refused answer says why', async () => {
    renderRightsPage({
      invitations: () => ({
        ...fx.invitationsView,
        items: [{ ...fx.inquiry, send_state: 'refused', send_error: '邀约已失效' }],
      }),
    });
    expect(await screen.findByTestId('invitation-refused-inv-30')).toHaveTextContent(
      '平台没有接受这次回复：邀约已失效',
    );
  });

  it('the Stars plan switch asks core; then each order says what the plan means (R-PREF-6)', async () => {
    const { calls, user } = renderRightsPage();
    const toggle = await screen.findByTestId('stars-plan');
    expect(screen.queryByTestId('invitation-stars-note-inv-31')).toBeNull();
    await user.click(within(toggle).getByRole('switch'));
    await waitFor(() => expect(argsOf(calls, 'set_stars_plan')).toEqual([{ member: true }]));
    expect(await screen.findByTestId('invitation-stars-note-inv-31')).toHaveTextContent(
      '不计入繁星计划的订单数；月底结算时仍扣 15% 技术服务费（R-PREF-6）。',
    );
    expect(within(toggle).getByRole('switch')).toBeChecked();
  });
});

describe('rights center: a dispatch’s hour (R-PREF-4)', () => {
  beforeEach(() => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date(fx.NOW));
  });

  it('counts down every second on the local clock, red under 10 minutes, expired at 0', async () => {
    renderRightsPage();
    const clock = await screen.findByTestId('invitation-countdown-inv-31');
    expect(clock).toHaveTextContent('50:00');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(clock).toHaveTextContent('49:59');
    act(() => {
      vi.advanceTimersByTime(39 * 60_000 + 59_000);
    });
    expect(clock).toHaveTextContent('10:00');
    expect(clock).toHaveAttribute('data-urgent', 'false');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(clock).toHaveTextContent('09:59');
    expect(clock).toHaveAttribute('data-urgent', 'true');
    expect(screen.getByTestId('accept-inv-31')).toBeEnabled();
    act(() => {
      vi.advanceTimersByTime(599_000);
    });
    expect(clock).toHaveTextContent('已超时');
    expect(screen.getByTestId('accept-inv-31')).toBeDisabled();
    expect(screen.getByTestId('decline-inv-31')).toBeDisabled();
    // An inquiry has no hour: still answerable.
    expect(screen.getByTestId('accept-inv-30')).toBeEnabled();
  });
});

describe('rights center: joining, agencies, the featured case', () => {
  it('joining (R-JOIN-1): core checks the followers and the day; it says by when', async () => {
    const { calls, user } = renderRightsPage();
    await screen.findByTestId('rights-joining');
    expect(screen.getByTestId('joining-date')).toHaveAttribute('data-value', fx.TODAY);
    fireEvent.change(screen.getByTestId('joining-main'), { target: { value: '80000' } });
    fireEvent.change(screen.getByTestId('joining-other'), { target: { value: '52000' } });
    await user.click(screen.getByTestId('joining-check'));
    await waitFor(() =>
      expect(argsOf(calls, 'check_joining')).toEqual([
        {
          input: {
            main_followers: 80_000,
            other_platform_followers: 52_000,
            applied_on: fx.TODAY,
          },
        },
      ]),
    );
    const result = await screen.findByTestId('joining-result');
    expect(result).toHaveAttribute('data-can-open', 'true');
    expect(result).toHaveTextContent('可以开通：预计 2026-04-01 前开通（3 个工作日）。');

    fireEvent.change(screen.getByTestId('joining-other'), { target: { value: '20000' } });
    await user.click(screen.getByTestId('joining-check'));
    await waitFor(() =>
      expect(screen.getByTestId('joining-result')).toHaveAttribute('data-can-open', 'false'),
    );
    expect(screen.getByTestId('joining-result')).toHaveTextContent(
      '暂时不能开通：需要主平台粉丝 ≥ 100,000，或其他平台粉丝 ≥ 50,000。',
    );
  });

  it('agencies (R-MCN-1): level, channel, rating days; a new one not rated yet', async () => {
    renderRightsPage();
    const section = await screen.findByTestId('rights-agencies');
    expect(section).toHaveTextContent('每月 3 日');
    expect(cells(await within(section).findByTestId('agency-ag-1'))).toEqual([
      '星河传媒',
      '4 级',
      '高等级达人数',
      '2026-03-03',
      '128',
      '2026-04-03',
    ]);
    expect(cells(within(section).getByTestId('agency-ag-2'))[2]).toBe('月度GMV');
    expect(cells(within(section).getByTestId('agency-ag-3')).slice(1, 4)).toEqual([
      '未评级',
      '—',
      '—',
    ]);
  });

  it('the featured case (R-LEVEL-8): below LV2 it may not be submitted yet', async () => {
    renderRightsPage({
      rights: () => ({
        ...fx.rightsView,
        level: { ...fx.rightsView.level, level: 1 },
        featured_case_allowed: false,
      }),
    });
    expect(await screen.findByTestId('featured-locked')).toHaveTextContent('LV2 起可提交精选案例');
    expect(screen.queryByTestId('featured-text')).toBeNull();
  });

  it('from LV2 (R-LEVEL-4): write it and submit; then it shows under review', async () => {
    const { calls, user } = renderRightsPage();
    const text = await screen.findByTestId('featured-text');
    expect(screen.getByTestId('featured-submit')).toBeDisabled();
    await user.type(text, '为珀莱雅做的双抗精华测评，30 天播放 52 万');
    await user.click(screen.getByTestId('featured-submit'));
    await waitFor(() =>
      expect(argsOf(calls, 'submit_featured_case')).toEqual([
        { text: '为珀莱雅做的双抗精华测评，30 天播放 52 万' },
      ]),
    );
    const shown = await screen.findByTestId('featured-case');
    expect(shown).toHaveAttribute('data-status', 'under_review');
    expect(shown).toHaveTextContent('审核中');
  });
});
