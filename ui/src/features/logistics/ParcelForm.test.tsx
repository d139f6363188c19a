import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ParcelInput, ParcelProblem, ParcelView } from '../../bindings';
import * as cmp from '../../test/campaignFixtures';
import { type Call, type Commands, Reject } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderLogisticsPage } from './renderLogisticsPage';

const SLOW = { timeout: 30_000 };

type User = ReturnType<typeof userEvent.setup>;

const sent = (calls: Call[], command: 'add_parcel' | 'correct_parcel') =>
  calls
    .filter((c) => c.command === command)
    .map((c) => c.args as { input: ParcelInput; id?: string });
const checked = (calls: Call[]) =>
  calls
    .filter((c) => c.command === 'check_parcel')
    .map((c) => c.args as { input: ParcelInput; id: string | null });
const guessed = (calls: Call[]) =>
  calls.filter((c) => c.command === 'guess_carriers').map((c) => c.args);
const fieldErrors = () => screen.queryAllByTestId('parcel-field-error').map((e) => e.textContent);
/** Each problem shown, by the field it is beside. */
const errorsByField = () =>
  Object.fromEntries(
    screen
      .queryAllByTestId('parcel-field-error')
      .map((e) => [e.getAttribute('data-field'), e.textContent]),
  );

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

/** 顺丰 bought by the creator (no campaign), the receiver's digits kept by core. */
const kept: ParcelView = {
  ...fx.noPhone,
  id: '17',
  tracking_no: 'SF1420555566667',
  phone_known: true,
  last_error: null,
};
const withKept: Partial<Commands> = {
  logistics: () => ({ ...fx.view, parcels: [...fx.parcels, kept] }),
  parcel: ({ id }) =>
    fx.detailOf(id === kept.id ? kept : (fx.parcels.find((p) => p.id === id) ?? kept)),
  check_parcel: ({ input, id }) =>
    fx.checkParcel(input, id, {
      parcels: [...fx.parcels, kept],
      applications: cmp.applications.map((a) => a.id),
    }),
  correct_parcel: ({ id }) => ({ ...kept, id }),
};

async function openForm(user: User) {
  await screen.findAllByTestId('parcel-row');
  await user.click(screen.getByTestId('parcel-add'));
  return screen.findByTestId('parcel-form');
}

/** Opens the parcel's sheet, then its 修改 form. */
async function openCorrection(user: User, id: string) {
  const rows = await screen.findAllByTestId('parcel-row');
  const row = rows.find((r) => r.getAttribute('data-parcel-id') === id);
  if (!row) throw new Error(`no parcel ${id}`);
  await user.click(within(row).getByTestId('parcel-open'));
  await user.click(await screen.findByTestId('parcel-edit'));
  return screen.findByTestId('parcel-form');
}

const PHONE_REQUIRED = '顺丰、中通查询需要收件人手机号后四位';

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
      await user.type(screen.getByTestId('parcel-phone'), '12');
      await user.click(screen.getByTestId('parcel-submit'));
      // Core checks first; its problem shows beside the phone and nothing is sent.
      expect(await screen.findByTestId('parcel-field-error')).toHaveAttribute(
        'data-field',
        'phone',
      );
      expect(fieldErrors()).toEqual(['手机号请填写完整号码或后四位']);
      expect(checked(calls).at(-1)).toEqual({
        input: expect.objectContaining({ phone: '12' }),
        id: null,
      });
      expect(sent(calls, 'add_parcel')).toEqual([]);

      await user.clear(screen.getByTestId('parcel-phone'));
      await user.type(screen.getByTestId('parcel-phone'), '5678');
      expect(fieldErrors()).toEqual([]);
      await user.click(screen.getByTestId('parcel-submit'));
      const input: ParcelInput = {
        application_id: null,
        leg: 'outbound',
        carrier: 'shunfeng',
        tracking_no: 'SF1420987654321',
        phone: '5678',
        return_due: null,
      };
      await waitFor(() => expect(sent(calls, 'add_parcel')).toEqual([{ input }]));
      // What was sent is what core found nothing wrong with, checked just before.
      expect(checked(calls).at(-1)).toEqual({ input, id: null });
      const order = calls.map((c) => c.command).filter((c) => c.endsWith('_parcel'));
      expect(order.slice(-2)).toEqual(['check_parcel', 'add_parcel']);
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

  it(
    'a number already tracked: core’s code, worded beside the number; nothing is sent',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage({
        guess_carriers: () => fx.carriers.filter((c) => c.code === 'yuantong'),
      });
      await openForm(user);
      // 圆通's parcel 13 has this number.
      await user.type(screen.getByTestId('parcel-number'), 'YT8801234567890');
      await screen.findByText('根据单号识别为：圆通速递');
      await user.click(screen.getByTestId('parcel-submit'));
      expect(await screen.findByTestId('parcel-field-error')).toHaveTextContent(
        '这个单号已经在跟踪',
      );
      expect(errorsByField()).toEqual({ tracking_no: '这个单号已经在跟踪' });
      expect(sent(calls, 'add_parcel')).toEqual([]);
      expect(screen.queryByTestId('parcel-form-error')).toBeNull();
      // The form stays open to fix it; typing clears the problem.
      await user.type(screen.getByTestId('parcel-number'), '1');
      expect(fieldErrors()).toEqual([]);
    },
  );

  it('every problem core names shows beside its own field, all at once', SLOW, async () => {
    const problems: ParcelProblem[] = [
      { field: 'tracking_no', problem: 'invalid' },
      { field: 'carrier', problem: 'unknown_carrier' },
      { field: 'phone', problem: 'invalid' },
      { field: 'return_due', problem: 'required' },
      { field: 'application', problem: 'not_found' },
    ];
    const { calls, user } = renderLogisticsPage({
      guess_carriers: () => sf,
      check_parcel: () => problems,
    });
    await openForm(user);
    await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
    await screen.findByText('根据单号识别为：顺丰速运');
    await user.click(screen.getByTestId('parcel-leg-return'));
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(fieldErrors()).toHaveLength(5));
    expect(errorsByField()).toEqual({
      tracking_no: '单号只能包含字母和数字，最多 32 位',
      carrier: '认不出快递公司，请选择',
      phone: '手机号请填写完整号码或后四位',
      return_due: '寄回需要填写截止日期',
      application: '所属合作不存在',
    });
    expect(sent(calls, 'add_parcel')).toEqual([]);
    // Each field's problem goes when that field changes; the others stay until core says.
    await user.type(screen.getByTestId('parcel-phone'), '5678');
    expect(Object.keys(errorsByField())).toEqual([
      'tracking_no',
      'carrier',
      'return_due',
      'application',
    ]);
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(checked(calls)).toHaveLength(2));
    expect(fieldErrors()).toHaveLength(5);
    expect(sent(calls, 'add_parcel')).toEqual([]);
  });

  it(
    '顺丰 of no campaign without the receiver’s digits: core’s problem beside the phone',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage({
        guess_carriers: () => sf,
        add_parcel: () => added,
      });
      await openForm(user);
      await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
      await screen.findByText('根据单号识别为：顺丰速运');
      expect(screen.getByTestId('parcel-phone')).toHaveValue('');
      await user.click(screen.getByTestId('parcel-submit'));
      await waitFor(() => expect(errorsByField()).toEqual({ phone: PHONE_REQUIRED }));
      expect(checked(calls)).toEqual([
        {
          input: expect.objectContaining({ carrier: 'shunfeng', application_id: null, phone: '' }),
          id: null,
        },
      ]);
      expect(sent(calls, 'add_parcel')).toEqual([]);
      // The digits given, the problem goes and the parcel is sent.
      await user.type(screen.getByTestId('parcel-phone'), '13812345678');
      expect(fieldErrors()).toEqual([]);
      await user.click(screen.getByTestId('parcel-submit'));
      await waitFor(() => expect(sent(calls, 'add_parcel')).toHaveLength(1));
      expect(sent(calls, 'add_parcel')[0]?.input).toMatchObject({
        carrier: 'shunfeng',
        phone: '13812345678',
      });
    },
  );

  it('a carrier picked by hand that needs the digits asks them too', SLOW, async () => {
    const { calls, user } = renderLogisticsPage();
    await openForm(user);
    // No guess offered for this number: the creator picks 中通 from every carrier.
    await user.type(screen.getByTestId('parcel-number'), '1234567890123');
    await screen.findByText('无法从单号识别快递公司，请手动选择。');
    expect(screen.queryByTestId('parcel-phone')).toBeNull();
    await pick(user, 'parcel-carrier', '中通快递');
    expect(await screen.findByTestId('parcel-phone')).toHaveValue('');
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(errorsByField()).toEqual({ phone: PHONE_REQUIRED }));
    expect(checked(calls).at(-1)?.input).toMatchObject({ carrier: 'zhongtong', phone: '' });
  });

  it(
    'a campaign chosen: its address gives 顺丰’s digits, none asked or required',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage({
        guess_carriers: () => sf,
        add_parcel: () => added,
      });
      await openForm(user);
      await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
      await screen.findByText('根据单号识别为：顺丰速运');
      expect(screen.getByTestId('parcel-phone')).toBeInTheDocument();
      await pick(user, 'parcel-application', `${cmp.shipped.task_title} · ${cmp.shipped.brand}`);
      await waitFor(() => expect(screen.queryByTestId('parcel-phone')).toBeNull());
      await user.click(screen.getByTestId('parcel-submit'));
      const input: ParcelInput = {
        application_id: cmp.shipped.id,
        leg: 'outbound',
        carrier: 'shunfeng',
        tracking_no: 'SF1420987654321',
        phone: null,
        return_due: null,
      };
      await waitFor(() => expect(sent(calls, 'add_parcel')).toEqual([{ input }]));
      expect(checked(calls)).toEqual([{ input, id: null }]);
      expect(fieldErrors()).toEqual([]);
    },
  );

  it(
    'a refusal all the same (the store changed since the check) shows as its code, not its message',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage({
        guess_carriers: () => sf,
        add_parcel: () => {
          throw new Reject({
            code: 'invalid_input',
            message: 'the parcel cannot be saved: tracking_no already_tracked',
          });
        },
      });
      await openForm(user);
      await user.type(screen.getByTestId('parcel-number'), 'SF1420987654321');
      await screen.findByText('根据单号识别为：顺丰速运');
      // 顺丰's digits given: core's check finds nothing, the save is refused all the same.
      await user.type(screen.getByTestId('parcel-phone'), '5678');
      await user.click(screen.getByTestId('parcel-submit'));
      expect(await screen.findByTestId('parcel-form-error')).toHaveTextContent(
        '操作失败：输入无效 (invalid_input)',
      );
      expect(sent(calls, 'add_parcel')).toHaveLength(1);
      expect(fieldErrors()).toEqual([]);
      expect(screen.getByTestId('parcel-form')).not.toHaveTextContent('already_tracked');
      expect(screen.getByTestId('parcel-form')).not.toHaveTextContent('cannot be saved');
    },
  );

  it('the check itself failing shows as its code; nothing is sent', SLOW, async () => {
    const { calls, user } = renderLogisticsPage({
      check_parcel: () => {
        throw new Reject({ code: 'store_failed', message: 'database is locked' });
      },
    });
    await openForm(user);
    await user.type(screen.getByTestId('parcel-number'), '78812345678909');
    await user.click(screen.getByTestId('parcel-submit'));
    expect(await screen.findByTestId('parcel-form-error')).toHaveTextContent('(store_failed)');
    expect(screen.getByTestId('parcel-form')).not.toHaveTextContent('database is locked');
    expect(sent(calls, 'add_parcel')).toEqual([]);
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
      // Core's answer: no carrier to guess from no number, so the number is the problem.
      await waitFor(() =>
        expect(errorsByField()).toEqual({
          tracking_no: '单号只能包含字母和数字，最多 32 位',
          return_due: '寄回需要填写截止日期',
        }),
      );
      expect(sent(calls, 'add_parcel')).toEqual([]);

      // A number of no shape StarDesk knows: choose its carrier.
      await user.clear(screen.getByTestId('parcel-number'));
      await user.type(screen.getByTestId('parcel-number'), 'ABC123456');
      await screen.findByText('无法从单号识别快递公司，请手动选择。');
      await user.click(screen.getByTestId('parcel-submit'));
      await waitFor(() =>
        expect(errorsByField()).toEqual({
          carrier: '认不出快递公司，请选择',
          return_due: '寄回需要填写截止日期',
        }),
      );
      expect(sent(calls, 'add_parcel')).toEqual([]);
    },
  );
});

describe('logistics: correcting a parcel', () => {
  it('starts from the parcel; its campaign gives the phone; sends a correction', SLOW, async () => {
    const { calls, user } = renderLogisticsPage({
      correct_parcel: ({ id }) => ({ ...fx.silent, id }),
    });
    const form = await openCorrection(user, '11');
    expect(within(form).getByTestId('parcel-number')).toHaveValue('SF1420123456789');
    expect(within(form).getByTestId('parcel-carrier')).toHaveAttribute('data-carrier', 'shunfeng');
    expect(within(form).getByTestId('parcel-application')).toHaveTextContent(
      '珀莱雅双抗精华 30ml 测评 · 珀莱雅',
    );
    // 顺丰, but the campaign's address has the phone.
    expect(within(form).queryByTestId('parcel-phone')).toBeNull();
    await user.click(screen.getByTestId('parcel-submit'));
    // Core checks it as parcel 11's correction: its own number is no conflict.
    await waitFor(() => expect(checked(calls).map((c) => c.id)).toEqual(['11']));
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

  it(
    '顺丰 of no campaign, its digits kept: asked again but not required; sent without them',
    SLOW,
    async () => {
      const { calls, user } = renderLogisticsPage(withKept);
      const form = await openCorrection(user, kept.id);
      expect(within(form).getByTestId('parcel-carrier')).toHaveAttribute(
        'data-carrier',
        'shunfeng',
      );
      // No campaign: the phone is asked; the digits core keeps are not shown.
      expect(within(form).getByTestId('parcel-phone')).toHaveValue('');
      expect(form).toHaveTextContent('已保存的尾号不会显示，修改时请重新填写。');
      await user.click(screen.getByTestId('parcel-submit'));
      const input: ParcelInput = {
        application_id: null,
        leg: 'outbound',
        carrier: 'shunfeng',
        tracking_no: kept.tracking_no,
        phone: '',
        return_due: null,
      };
      await waitFor(() => expect(sent(calls, 'correct_parcel')).toEqual([{ id: kept.id, input }]));
      expect(checked(calls)).toEqual([{ input, id: kept.id }]);
      expect(fieldErrors()).toEqual([]);
    },
  );

  it('顺丰 of no campaign that keeps no digits: required beside the phone', SLOW, async () => {
    const { calls, user } = renderLogisticsPage({
      correct_parcel: ({ id }) => ({ ...fx.noPhone, id, phone_known: true }),
    });
    await openCorrection(user, fx.noPhone.id);
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(errorsByField()).toEqual({ phone: PHONE_REQUIRED }));
    expect(checked(calls).map((c) => c.id)).toEqual([fx.noPhone.id]);
    expect(sent(calls, 'correct_parcel')).toEqual([]);
    await user.type(screen.getByTestId('parcel-phone'), '5678');
    await user.click(screen.getByTestId('parcel-submit'));
    await waitFor(() => expect(sent(calls, 'correct_parcel')).toHaveLength(1));
    expect(sent(calls, 'correct_parcel')[0]?.input).toMatchObject({ phone: '5678' });
  });
});
