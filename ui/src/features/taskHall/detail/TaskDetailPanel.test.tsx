import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../../bindings';
import {
  agencyDetail,
  netScenarios,
  rankDetail,
  sampleRow,
  tiersDetail,
} from '../../../test/fixtures';
import { mockEvents, mockIpc, Reject } from '../../../test/ipcMock';
import { renderWithProviders } from '../../../test/render';
import { TaskDetailPanel } from './TaskDetailPanel';

async function showDetail(detail: TaskDetail) {
  mockEvents();
  const calls = mockIpc({ task_detail: () => detail });
  renderWithProviders(<TaskDetailPanel id={detail.row.id} />);
  const panel = await screen.findByTestId('detail-net');
  return { calls, panel: screen.getByTestId('task-detail'), net: panel };
}

describe('detail panel', () => {
  it('asks for the selected task by id', async () => {
    const { calls } = await showDetail(tiersDetail);
    const detailCalls = calls.filter((c) => c.command === 'task_detail');
    expect(detailCalls.map((c) => [c.command, c.args])).toEqual([
      ['task_detail', { id: '9007199254740993002' }],
    ]);
  });

  it('R-REVIEW-5: tiers with the lower bound exclusive and the upper inclusive', async () => {
    await showDetail(tiersDetail);
    const rows = within(screen.getByTestId('reward-tiers')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '5,000 < 播放 ≤ 10,000¥100',
      '10,000 < 播放 ≤ 100,000¥500',
      '100,000 < 播放¥1,000',
    ]);
    expect(screen.getByTestId('detail-reward')).toHaveTextContent('R-REVIEW-5');
    expect(screen.getByTestId('detail-reward')).toHaveTextContent('样品价值¥299');
  });

  it('R-REVIEW-6: rank prizes, per person for shared ranks', async () => {
    await showDetail(rankDetail);
    const rows = within(screen.getByTestId('reward-ranks')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '第1名¥2,000',
      '第2–3名每人 ¥500',
      '第4–6名每人 ¥200',
    ]);
  });

  it('R-PREF-3: the four net scenarios, the applying one highlighted as 你的情况', async () => {
    const { net } = await showDetail(tiersDetail);
    const rows = within(net).getAllByTestId('net-row');
    expect(rows).toHaveLength(4);
    const applying = rows.filter((r) => r.dataset.applies === 'true');
    expect(applying).toHaveLength(1);
    const mine = applying[0] as HTMLElement;
    expect(mine).toHaveClass('is-applying');
    expect(mine).toHaveTextContent('普通订单 · 独立达人');
    // The dot stays with the order: a narrow column breaks after it, never before.
    expect(mine.textContent).toContain('普通订单\u00a0· 独立达人');
    expect(mine).toHaveTextContent('你的情况');
    expect(mine).toHaveTextContent('平台服务费 5% -¥50.00 R-PREF-3');
    expect(mine).toHaveTextContent('¥950.00');
    expect(within(net).getAllByText('你的情况')).toHaveLength(1);

    const preferredIndependent = rows[2] as HTMLElement;
    expect(preferredIndependent).toHaveTextContent('优选订单 · 独立达人');
    expect(preferredIndependent).toHaveTextContent('优选技术服务费 15% -¥150.00');
    expect(preferredIndependent).toHaveTextContent('¥800.00');
    expect(preferredIndependent).not.toHaveClass('is-applying');
    expect(rows[1]).toHaveTextContent('无');
  });

  it('a sample-only task still lists the four cases, at ¥0.00, and says there is no cash', async () => {
    const zero = netScenarios.map((s) => ({
      ...s,
      gross: '0.00',
      net: '0.00',
      fees: s.fees.map((f) => ({ ...f, amount: '0.00' })),
    }));
    const { net } = await showDetail({
      ...tiersDetail,
      row: sampleRow,
      reward: { kind: 'sample_only' },
      net: zero,
    });
    expect(net).toHaveTextContent('这个任务没有现金报酬，不涉及服务费。');
    expect(within(net).getAllByTestId('net-row')).toHaveLength(4);
    expect(screen.getByTestId('detail-reward')).toHaveTextContent('仅提供样品，无现金报酬');
    expect(screen.getByTestId('detail-reward')).toHaveTextContent('样品价值¥299');
  });

  it('shows every date, the follower requirement and the slots', async () => {
    const { panel } = await showDetail(tiersDetail);
    expect(panel).toHaveTextContent('2025-03-01 至 2025-03-15');
    expect(panel).toHaveTextContent('发货截止2025-03-18');
    expect(panel).toHaveTextContent('上传截止2025-04-10');
    expect(panel).toHaveTextContent('保留时长30 天');
    expect(panel).toHaveTextContent('粉丝要求1万–50万');
    expect(panel).toHaveTextContent('已报 12 / 需要 50');
    expect(panel).toHaveTextContent('视频需挂载商品组件');
  });

  it('eligibility: each check from code + params with ✓/✗ and its rule id', async () => {
    await showDetail(tiersDetail);
    const box = screen.getByTestId('detail-eligibility');
    expect(within(box).getByTestId('eligibility-overall')).toHaveTextContent('可接');
    const checks = within(box).getAllByTestId('eligibility-check');
    expect(checks.map((c) => c.textContent)).toEqual([
      '✓ R-JOIN-1 开通达人账号需 ≥ 10万 粉丝，你有 26.8万',
      '✓ R-REVIEW-11 非机构达人需 1万–50万 粉丝，你有 26.8万',
      '✓ 任务要求 1万–50万 粉丝，你有 26.8万',
      '✓ R-REVIEW-2 报名时间 2025-03-01 至 2025-03-15，今天 2025-03-05',
    ]);
  });

  it('eligibility failures are marked ✗ with the rule they break', async () => {
    await showDetail(rankDetail);
    const box = screen.getByTestId('detail-eligibility');
    expect(within(box).getByTestId('eligibility-overall')).toHaveTextContent('不可接');
    const failed = within(box)
      .getAllByTestId('eligibility-check')
      .filter((c) => c.dataset.ok === 'false');
    expect(failed.map((c) => c.textContent)).toEqual([
      '✗ R-REVIEW-11 非机构达人需 1万–50万 粉丝，你有 8,600',
      '✗ R-REVIEW-2 剩余名额 0（已报 50/50）',
    ]);
  });

  it('an agency creator: the deposit check (R-REVIEW-11) and the task follower floor', async () => {
    await showDetail(agencyDetail);
    const checks = within(screen.getByTestId('detail-eligibility')).getAllByTestId(
      'eligibility-check',
    );
    expect(checks.map((c) => c.textContent)).toEqual([
      '✗ R-REVIEW-11 所属机构曾被扣除保证金，不能接好物测评任务',
      '✗ 任务要求 ≥ 60万 粉丝，你有 26.8万',
    ]);
  });

  it('says so when the task is gone (not_found), without showing the message', async () => {
    mockEvents();
    mockIpc({
      task_detail: () => {
        throw new Reject({ code: 'not_found', message: 'no row 42 in tasks' });
      },
    });
    renderWithProviders(<TaskDetailPanel id="42" />);
    expect(await screen.findByText('这个任务已下架或被删除')).toBeInTheDocument();
    expect(screen.queryByText(/no row 42/)).toBeNull();
  });
});
