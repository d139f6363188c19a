import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ParcelInput, ParcelView } from '../../bindings';
import { type Call, Reject } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderLogisticsPage } from './renderLogisticsPage';

const SLOW = { timeout: 30_000 };

type User = ReturnType<typeof userEvent.setup>;

const sent = (calls: Call[], command: 'add_parcel' | 'correct_parcel') =>
  calls.filter((c) => c.command === command).map((c) => c.args as { input: ParcelInput });
const guessed = (calls: Call[]) =>
  calls.filter((c) => c.command === 'guess_carriers').map((c) => c.args);
const fieldErrors = () => screen.queryAllByTestId('parcel-field-error').map((e) => e.textContent);

/**
 * Picks an option of a Semi Select. A controlled Select reports the change when its
 * dropdown's closing animation ends, and jsdom runs no animation: its end is sent here
 * (React listens for `webkitAnimationEnd` where `AnimationEvent` is missing, as in jsdom).
 */
async function pick(user: User, testId: string, option: string) {
  await user.click(screen.getByTestId(testId));
  const popup = await screen.findByRole('listbox');
  await user.click(within(popup).getByText(option));
  for (const wrapper of document.querySelectorAll('.semi-popover-wrapper')) {
    fireEvent(wrapper, new Event('webkitAnimationEnd', { bubbles: true }));
  }
}

const sf = fx.carriers.filter((c) => c.code.startsWith('shunfeng'));
const added: ParcelView = {
  ...fx.noPhone,
  id: '16',
  tracking_no: 'SF1420987654321',
  last_error: null,
  phone_known: true,
};

async function openForm(user: User) {
  await screen.findAllByTestId('parcel-row');
  await user.click(screen.getByTestId('parcel-add'));
  return screen.findByTestId('parcel-form');
}

describe('logistics: adding a parcel', () => {
  it(
    'guesses the carrier as the number is typed, asks 顺丰’s phone digits, sends it',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage({
        guess_carriers: () => sf,
        add_parcel: () => added,
        parcel: () => fx.detailOf(added),
      });
      await openForm(user);
      expect(screen.queryByTestId('parcel-phone')).toBeNull();
      await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
      expect(await screen.findByText('根据单号识别为：顺丰速运')).toBeInTheDocument();
      const carrier = screen.getByTestId('parcel-carrier');
      expect(carrier).toHaveAttribute('data-carrier', 'shunfeng');
      expect(carrier).toHaveTextContent('顺丰速运');
      // Asked once the number settled, not at every key.
      expect(guessed(calls)).toEqual([{ number: 'SF1420987654321' }]);

      // 顺丰 needs the receiver's phone digits when no campaign's address gives them.
      expect(screen.getByTestId('parcel-phone')).toBeInTheDocument();
      expect(screen.getByText(/顺丰、中通查询物流需要收件人手机号后 4 位/)).toBeInTheDocument();
      await user.click(screen.getByTestId('parcel-submit'));
      expect(fieldErrors()).toEqual(['请填写收件人手机号或后 4 位数字']);
      expect(sent(calls, 'add_parcel')).toEqual([]);

      await user.type(screen.getByTestId('parcel-phone'), '5678');
      expect(fieldErrors()).toEqual([]);
      await user.click(screen.getByTestId('parcel-submit'));
      await waitFor(() =>
        expect(sent(calls, 'add_parcel')).toEqual([
          {
            input: {
              application_id: null,
              leg: 'outbound',
              carrier: 'shunfeng',
              tracking_no: 'SF1420987654321',
              phone: '5678',
              return_due: null,
            },
          },
        ]),
      );
      expect(await screen.findByText('已添加，正在查询物流')).toBeInTheDocument();
      // The new parcel opens.
      expect(await screen.findByTestId('parcel-detail')).toHaveAttribute('data-parcel-id', '16');
      expect(screen.queryByTestId('parcel-form')).toBeNull();
    },
  );

  it('another carrier picked by hand stays; no phone for one that needs none', SLOW, async () => {
    const { calls, user } = renderLogisticsPage({
      guess_carriers: () => sf,
      add_parcel: () => added,
    });
    await openForm(user);
    await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
    await screen.findByText('根据单号识别为：顺丰速运');
    await pick(user, 'parcel-carrier', '圆通速递');
    await waitFor(() =>
      expect(screen.getByTestId('parcel-carrier')).toHaveAttribute('data-carrier', 'yuantong'),
    );
    expect(screen.queryByTestId('parcel-carrier-hint')).toBeNull();
    expect(screen.queryByTestId('parcel-phone')).toBeNull();
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(sent(calls, 'add_parcel')).toHaveLength(1));
    expect(sent(calls, 'add_parcel')[0]?.input).toMatchObject({ carrier: 'yuantong', phone: null });
  });

  it('core’s refusal lands on its field, in words', SLOW, async () => {
    const { user } = renderLogisticsPage({
      guess_carriers: () => [fx.carriers[2] ?? sf[0]].flatMap((c) => c ?? []),
      add_parcel: () => {
        throw new Reject({
          code: 'invalid_input',
          message: 'the tracking number YT8801234567890 is already tracked',
        });
      },
    });
    await openForm(user);
    await user.type(screen.getByTestId('parcel-number'), 'YT8801234567890');
    await screen.findByText('根据单号识别为：圆通速递');
    await user.click(screen.getByTestId('parcel-submit'));
    expect(await screen.findByTestId('parcel-field-error')).toHaveTextContent(
      '这个单号已经在跟踪中',
    );
    expect(screen.getByTestId('parcel-form')).not.toHaveTextContent('already tracked');
    // The form stays open to fix it; typing clears the problem.
    await user.type(screen.getByTestId('parcel-number'), '1');
    expect(fieldErrors()).toEqual([]);
  });

  it(
    'a malformed number and a return without its due date are caught before sending',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage();
      await openForm(user);
      await user.type(screen.getByTestId('parcel-number'), 'SF-12 34');
      await user.click(screen.getByTestId('parcel-leg-return'));
      expect(screen.getByTestId('parcel-return-due')).toBeInTheDocument();
      await user.click(screen.getByTestId('parcel-submit'));
      expect(fieldErrors()).toEqual([
        '单号只能包含字母和数字，最多 32 位',
        '无法识别快递公司，请手动选择',
        '寄回品牌方的包裹需要填写寄回截止日期',
      ]);
      expect(sent(calls, 'add_parcel')).toEqual([]);
    },
  );
});

describe('logistics: correcting a parcel', () => {
  it('starts from the parcel; its campaign gives the phone; sends a correction', SLOW, async () => {
    const { calls, user } = renderLogisticsPage({
      correct_parcel: ({ id }) => ({ ...fx.silent, id }),
    });
    const rows = await screen.findAllByTestId('parcel-row');
    const row = rows.find((r) => r.getAttribute('data-parcel-id') === '11');
    if (!row) throw new Error('no parcel 11');
    await user.click(within(row).getByTestId('parcel-open'));
    await user.click(await screen.findByTestId('parcel-edit'));
    const form = await screen.findByTestId('parcel-form');
    expect(within(form).getByTestId('parcel-number')).toHaveValue('SF1420123456789');
    expect(within(form).getByTestId('parcel-carrier')).toHaveAttribute('data-carrier', 'shunfeng');
    expect(within(form).getByTestId('parcel-application')).toHaveTextContent(
      '珀莱雅双抗精华 30ml 测评 · 珀莱雅',
    );
    // 顺丰, but the campaign's address has the phone.
    expect(within(form).queryByTestId('parcel-phone')).toBeNull();
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'correct_parcel').map((c) => c.args)).toEqual([
        {
          id: '11',
          input: {
            application_id: 'A1',
            leg: 'outbound',
            carrier: 'shunfeng',
            tracking_no: 'SF1420123456789',
            phone: null,
            return_due: null,
          },
        },
      ]),
    );
    expect(await screen.findByText('修改已保存')).toBeInTheDocument();
  });
});
