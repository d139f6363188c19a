import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { Reject } from '../../test/ipcMock';
import { renderCampaignsPage } from './renderCampaignsPage';

const SLOW = { timeout: 30_000 };

const cards = () => screen.getAllByTestId('campaign-card');
const cardOf = (id: string) => {
  const card = cards().find((c) => c.getAttribute('data-application-id') === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
};
const stepsOf = (id: string) => within(cardOf(id)).getAllByTestId('timeline-step');
const stepOf = (id: string, key: string) => {
  const step = stepsOf(id).find((s) => s.getAttribute('data-key') === key);
  if (!step) throw new Error(`no ${key} on ${id}`);
  return step;
};

describe('my campaigns: the list', () => {
  it('filters by status group, with counts', SLOW, async () => {
    const { user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    const ids = () => cards().map((c) => c.getAttribute('data-application-id'));
    expect(ids()).toEqual(['A2', 'A1', 'A6', 'A5', 'A3', 'A4']);
    const count = (g: string) =>
      screen.getByTestId(`campaign-filter-${g}`).getAttribute('data-count');
    expect(['all', 'pending', 'active', 'done', 'closed'].map(count)).toEqual([
      '6',
      '1',
      '2',
      '1',
      '2',
    ]);
    expect(screen.getByTestId('campaign-filter-active')).toHaveTextContent('进行中 2');

    await user.click(screen.getByTestId('campaign-filter-active'));
    expect(ids()).toEqual(['A1', 'A6']);
    await user.click(screen.getByTestId('campaign-filter-closed'));
    expect(ids()).toEqual(['A5', 'A3']);
    await user.click(screen.getByTestId('campaign-filter-pending'));
    expect(ids()).toEqual(['A2']);
    await user.click(screen.getByTestId('campaign-filter-all'));
    expect(cards()).toHaveLength(6);
  });

  it('a card: title, brand, status in words, masked shipping, carrier, tracking, reward', async () => {
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    const a1 = cardOf('A1');
    expect(within(a1).getByTestId('campaign-title')).toHaveTextContent('珀莱雅双抗精华 30ml 测评');
    expect(within(a1).getByTestId('campaign-brand')).toHaveTextContent('珀莱雅');
    expect(within(a1).getByTestId('campaign-status')).toHaveTextContent('样品已寄出');
    expect(within(a1).getByTestId('campaign-applied')).toHaveTextContent('2026-02-24 报名');
    expect(within(a1).getByTestId('campaign-shipping')).toHaveTextContent(
      '陆小鹿 138****5678 · 浙江省 杭州市 西湖区',
    );
    expect(within(a1).getByTestId('campaign-carrier')).toHaveTextContent('顺丰速运');
    expect(within(a1).getByTestId('campaign-tracking')).toHaveTextContent('SF1420123456789');
    expect(within(a1).getByTestId('campaign-copy-tracking')).toBeInTheDocument();

    const a3 = cardOf('A3');
    expect(within(a3).getByTestId('campaign-status')).toHaveTextContent('未完成');
    expect(within(a3).getByTestId('campaign-carrier')).toHaveTextContent('中通快递');
    expect(within(a3).getByTestId('campaign-content')).toHaveAttribute('data-review', 'rejected');
    expect(within(a3).getByTestId('campaign-review-reason')).toHaveTextContent(
      '未通过原因：画面中没有出现产品成分表',
    );
    expect(within(a3).getByTestId('campaign-receipt')).toHaveTextContent('你已确认收到样品');

    const a4 = cardOf('A4');
    expect(within(a4).getByTestId('campaign-status')).toHaveTextContent('奖励已发放');
    expect(within(a4).getByTestId('campaign-reward')).toHaveTextContent(
      '¥1,000.00 · 2026-02-18 公示 · 2026-02-21 已发放',
    );
    // A carrier without a name shows its code.
    expect(within(a4).getByTestId('campaign-carrier')).toHaveTextContent('annengwuliu');
    // Terms not synced yet: the task id stands in, and the timeline says it is to come.
    const a5 = cardOf('A5');
    expect(within(a5).getByTestId('campaign-title')).toHaveTextContent('任务 7405（条款尚未同步）');
    expect(within(a5).getByTestId('campaign-timeline-unknown')).toBeInTheDocument();
    // The shipping details never show a full phone number.
    for (const s of screen.getAllByTestId('campaign-shipping')) {
      expect(s.textContent).not.toMatch(/1[3-9]\d{9}/);
    }
  });

  it('no application yet: says so', async () => {
    renderCampaignsPage({ applications: () => [] });
    expect(await screen.findByTestId('campaigns-empty')).toHaveTextContent('还没有报名的合作');
  });

  it('a failed load says why in words, with 重试', async () => {
    renderCampaignsPage({
      applications: () => {
        throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
      },
    });
    expect(await screen.findByText('无法读取合作：本地数据库出错 (store_failed)')).toBeVisible();
    expect(screen.getByText('重试')).toBeInTheDocument();
  });
});

describe('my campaigns: the timeline', () => {
  it('every date in order, its state, the countdown, who was late (R-REVIEW-10)', async () => {
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    const steps = stepsOf('A1');
    expect(steps.map((s) => s.getAttribute('data-key'))).toEqual([
      'selection_by',
      'ship_by',
      'late_shipping_after',
      'upload_by',
      'cooperation_ends',
      'reward_publicity_ends',
      'retain_until',
    ]);
    expect(steps.map((s) => s.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'done',
      'next',
      'later',
      'later',
      'not_applicable',
    ]);
    expect(steps.map((s) => within(s).getByTestId('timeline-name').textContent)).toEqual([
      '品牌方选择截止',
      '样品寄出截止',
      '逾期寄样起算',
      '作品上传截止',
      '合作期结束',
      '奖励公示结束',
      '作品保留至',
    ]);
    const upload = stepOf('A1', 'upload_by');
    expect(upload).toHaveTextContent('2026-03-31');
    expect(upload).toHaveAttribute('aria-current', 'step');
    expect(within(upload).getByTestId('timeline-countdown')).toHaveTextContent('还剩 3 天');
    // Only the next date counts down.
    expect(within(cardOf('A1')).getAllByTestId('timeline-countdown')).toHaveLength(1);
    expect(within(stepOf('A1', 'ship_by')).getByTestId('timeline-late')).toHaveTextContent(
      '品牌方逾期',
    );
    expect(within(stepOf('A1', 'retain_until')).getByTestId('timeline-date')).toHaveTextContent(
      '发布后确定',
    );
    expect(stepOf('A1', 'retain_until')).toHaveTextContent('不适用');
    const fault = within(cardOf('A1')).getByTestId('campaign-fault');
    expect(fault).toHaveAttribute('data-party', 'brand');
    // Shipped after the promised day, not past the upload deadline − 15 days.
    expect(fault).toHaveAttribute('data-key', 'ship_by');
    expect(fault).toHaveTextContent(
      '品牌方晚于约定的寄样日期发货（R-REVIEW-10）：如果因此来不及按时上传，可以向品牌方申请延期。',
    );
    // The rule id of each date, for its tooltip.
    expect(within(upload).getByTestId('timeline-name')).toHaveAttribute('data-rule', 'R-REVIEW-13');
  });

  it('due today, overdue, and the creator at fault (R-REVIEW-13)', async () => {
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    expect(
      within(stepOf('A2', 'selection_by')).getByTestId('timeline-countdown'),
    ).toHaveTextContent('今天截止');
    expect(within(cardOf('A2')).queryByTestId('campaign-fault')).toBeNull();
    const upload = stepOf('A3', 'upload_by');
    expect(upload).toHaveAttribute('data-state', 'missed');
    expect(within(upload).getByTestId('timeline-countdown')).toHaveTextContent('已逾期 2 天');
    expect(within(upload).getByTestId('timeline-late')).toHaveTextContent('达人逾期');
    expect(within(cardOf('A3')).getByTestId('campaign-fault')).toHaveTextContent(
      '达人逾期（R-REVIEW-13）',
    );
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    expect(within(cardOf('A1')).getByTestId('campaign-status')).toHaveTextContent('Sample shipped');
    expect(within(cardOf('A1')).getByTestId('campaign-carrier')).toHaveTextContent('SF Express');
    expect(within(stepOf('A1', 'upload_by')).getByTestId('timeline-name')).toHaveTextContent(
      'Upload by',
    );
    expect(within(stepOf('A1', 'upload_by')).getByTestId('timeline-countdown')).toHaveTextContent(
      '3 days left',
    );
    expect(within(cardOf('A1')).getByTestId('campaign-fault')).toHaveTextContent(
      'The brand shipped after the date it promised (R-REVIEW-10)',
    );
    expect(within(stepOf('A3', 'upload_by')).getByTestId('timeline-countdown')).toHaveTextContent(
      '2 days overdue',
    );
    expect(screen.getByTestId('campaign-filter-active')).toHaveTextContent('In progress 2');
  });

  it('the rule shows in a tooltip', SLOW, async () => {
    const { user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    await user.hover(within(stepOf('A1', 'upload_by')).getByTestId('timeline-name'));
    expect(await screen.findByText('规则 R-REVIEW-13')).toBeInTheDocument();
  });
});

describe('my campaigns: the tracked parcel', () => {
  it('a shipped sample shows its parcel’s state and newest scan, and links to 物流', async () => {
    const { navigation, user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    const a1 = cardOf('A1');
    const state = within(a1).getByTestId('campaign-parcel-state');
    expect(state).toHaveAttribute('data-state', 'in_transit');
    expect(state).toHaveTextContent('运输中');
    expect(within(a1).getByTestId('campaign-parcel-event')).toHaveTextContent(
      '2026-03-27 14:05 快件已到达【杭州转运中心】',
    );
    expect(within(cardOf('A3')).getByTestId('campaign-parcel-state')).toHaveAttribute(
      'data-state',
      'delivered',
    );
    // Not tracked (a carrier StarDesk does not know), not shipped: no parcel to show.
    expect(within(cardOf('A4')).queryByTestId('campaign-parcel')).toBeNull();
    expect(within(cardOf('A2')).queryByTestId('campaign-parcel')).toBeNull();

    await user.click(within(a1).getByTestId('campaign-track'));
    expect(navigation.go).toHaveBeenCalledWith('logistics', '11');
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    expect(within(cardOf('A1')).getByTestId('campaign-parcel-state')).toHaveTextContent(
      'In transit',
    );
    expect(within(cardOf('A1')).getByTestId('campaign-track')).toHaveTextContent('Track');
  });

  it('opened from 物流 on an application: that card is marked and scrolled into view', async () => {
    // jsdom lays nothing out and has no scrollIntoView: record the calls.
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    try {
      renderCampaignsPage({}, { page: 'campaigns', id: 'A6', seq: 1 });
      await screen.findAllByTestId('campaign-card');
      expect(cardOf('A6')).toHaveAttribute('data-focused', 'true');
      expect(cardOf('A1')).not.toHaveAttribute('data-focused');
      expect(scrolled).toHaveBeenCalledTimes(1);
      expect(scrolled.mock.contexts[0]).toBe(cardOf('A6'));
    } finally {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
    }
  });
});
