import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, Reject } from '../../test/ipcMock';
import { chinaToday } from './dates';
import { renderCampaignsPage } from './renderCampaignsPage';

const SLOW = { timeout: 30_000 };

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);
const cards = () => screen.getAllByTestId('campaign-card');
const cardOf = (id: string) => {
  const card = cards().find((c) => c.getAttribute('data-application-id') === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
};
describe('my campaigns: actions', () => {
  it('only what core allows is offered', async () => {
    renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    const has = (id: string, testId: string) => within(cardOf(id)).queryByTestId(testId) !== null;
    expect(has('A2', 'campaign-withdraw')).toBe(true);
    expect(has('A1', 'campaign-withdraw')).toBe(false);
    expect(has('A1', 'campaign-received')).toBe(true);
    expect(has('A1', 'campaign-not-arrived')).toBe(true);
    expect(has('A1', 'campaign-refuse')).toBe(true);
    expect(has('A6', 'campaign-received')).toBe(false);
    expect(has('A6', 'campaign-report-content')).toBe(true);
    expect(has('A3', 'campaign-actions')).toBe(false);
    expect(has('A4', 'campaign-actions')).toBe(false);
  });

  it('withdraw asks first, then calls withdraw_application', SLOW, async () => {
    const { calls, user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    await user.click(within(cardOf('A2')).getByTestId('campaign-withdraw'));
    expect(await screen.findByText('撤回这个申请？')).toBeInTheDocument();
    expect(argsOf(calls, 'withdraw_application')).toEqual([]);
    await user.click(screen.getByTestId('campaign-withdraw-confirm'));
    await waitFor(() => expect(argsOf(calls, 'withdraw_application')).toEqual([{ id: 'A2' }]));
    expect(await screen.findByText('申请已撤回')).toBeInTheDocument();
    // Core's event, not the action, read the list again.
    await waitFor(() => expect(argsOf(calls, 'applications')).toHaveLength(2));
  });

  it('a refused action says why in words', SLOW, async () => {
    const { user } = renderCampaignsPage({
      withdraw_application: () => {
        throw new Reject({ code: 'refused', message: '409 not_withdrawable' });
      },
    });
    await screen.findAllByTestId('campaign-card');
    await user.click(within(cardOf('A2')).getByTestId('campaign-withdraw'));
    await user.click(await screen.findByTestId('campaign-withdraw-confirm'));
    expect(await screen.findByText('操作失败：平台拒绝了这个操作 (refused)')).toBeInTheDocument();
    expect(screen.queryByText(/409/)).toBeNull();
  });

  it('sample arrived: report_receipt(id, true, null)', SLOW, async () => {
    const { calls, user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    await user.click(within(cardOf('A1')).getByTestId('campaign-received'));
    await waitFor(() =>
      expect(argsOf(calls, 'report_receipt')).toEqual([{ id: 'A1', received: true, note: null }]),
    );
    expect(await screen.findByText('已告知品牌方：样品已签收')).toBeInTheDocument();
  });

  it(
    'did not arrive: a drafted, editable note to the brand, sent with report_receipt (R-REVIEW-16)',
    SLOW,
    async () => {
      const { calls, user } = renderCampaignsPage();
      await screen.findAllByTestId('campaign-card');
      await user.click(within(cardOf('A1')).getByTestId('campaign-not-arrived'));
      const form = await screen.findByTestId('receipt-form');
      expect(form).toHaveAttribute('data-problem', 'not_arrived');
      expect(screen.getByText('告知品牌方：样品未收到')).toBeInTheDocument();
      const note = screen.getByTestId('receipt-note') as HTMLTextAreaElement;
      const drafted = `珀莱雅您好，我是“珀莱雅双抗精华 30ml 测评”的测评达人。样品（顺丰速运 SF1420123456789）截至 ${chinaToday()} 仍未收到，麻烦帮忙查询物流。谢谢！`;
      expect(note.value).toBe(drafted);
      expect(screen.getByTestId('receipt-copy')).toBeInTheDocument();
      fireEvent.change(note, { target: { value: `${drafted}快递员说已放驿站，但驿站查无此件。` } });
      await user.click(screen.getByTestId('receipt-send'));
      await waitFor(() =>
        expect(argsOf(calls, 'report_receipt')).toEqual([
          {
            id: 'A1',
            received: false,
            note: `${drafted}快递员说已放驿站，但驿站查无此件。`,
          },
        ]),
      );
      await waitFor(() => expect(screen.queryByTestId('receipt-form')).toBeNull());
      expect(await screen.findByText('已告知品牌方')).toBeInTheDocument();
    },
  );

  it('refuse: its own draft; an empty note is not sent', SLOW, async () => {
    const { calls, user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    await user.click(within(cardOf('A1')).getByTestId('campaign-refuse'));
    const note = (await screen.findByTestId('receipt-note')) as HTMLTextAreaElement;
    expect(note.value).toContain(`已于 ${chinaToday()} 拒收，原因：`);
    fireEvent.change(note, { target: { value: '   ' } });
    await user.click(screen.getByTestId('receipt-send'));
    expect(await screen.findByTestId('receipt-problem')).toHaveTextContent('请填写说明');
    expect(argsOf(calls, 'report_receipt')).toEqual([]);
  });

  it('report the work: url and published day to report_content', SLOW, async () => {
    const { calls, user } = renderCampaignsPage();
    await screen.findAllByTestId('campaign-card');
    await user.click(within(cardOf('A6')).getByTestId('campaign-report-content'));
    await screen.findByTestId('content-form');
    // Not a link: said so, nothing sent.
    fireEvent.change(screen.getByTestId('content-url'), { target: { value: 'douyin.com/v/1' } });
    await user.click(screen.getByTestId('content-submit'));
    expect(await screen.findByTestId('content-url-problem')).toBeInTheDocument();
    expect(argsOf(calls, 'report_content')).toEqual([]);

    const url = 'https://www.douyin.com/video/7490000000000000003';
    fireEvent.change(screen.getByTestId('content-url'), { target: { value: ` ${url} ` } });
    const day = within(screen.getByTestId('content-form')).getByDisplayValue(chinaToday());
    await user.clear(day);
    await user.type(day, '2026-03-27{enter}');
    await user.click(screen.getByTestId('content-submit'));
    await waitFor(() =>
      expect(argsOf(calls, 'report_content')).toEqual([
        { id: 'A6', url, publishedOn: '2026-03-27' },
      ]),
    );
    expect(await screen.findByText('作品已提交，等待品牌方审核')).toBeInTheDocument();
  });
});
