import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AddressInput, FieldProblem } from '../../bindings';
import { type Call, type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import * as fx from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { AddressesTab } from './AddressesTab';

/** Core's checks, as far as these tests need them (the real ones are in stardesk-domain). */
function coreCheck(a: AddressInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: FieldProblem['field'], problem: FieldProblem['problem'], min?: number) =>
    problems.push({ field, problem, min: min ?? null, max: null });
  if (a.contact_name.trim() === '') add('contact_name', 'empty');
  if (a.phone.trim() === '') add('phone', 'empty');
  else if (!/^1[3-9]\d{9}$/.test(a.phone.trim())) add('phone', 'not_a_mobile');
  if (a.region_code === '') add('region_code', 'empty');
  const detail = a.detail.trim().length;
  if (detail === 0) add('detail', 'empty');
  else if (detail < 5) add('detail', 'too_short', 5);
  return problems;
}

function setup(extra: Partial<Commands> = {}) {
  const events = mockEvents();
  // As core does: a stored change, then the address book is said to have changed.
  const changed = <T,>(value: T): T => {
    events.emit('data_changed', { areas: ['address_book'] });
    return value;
  };
  const calls = mockIpc({
    addresses: () => [fx.homeAddress, fx.officeAddress],
    address: () => fx.officeFull,
    regions: () => fx.regions,
    check_address: ({ address }) => coreCheck(address),
    save_address: ({ address }) => changed({ ...fx.officeAddress, id: address.id ?? '3' }),
    set_default_address: () => changed(null),
    delete_address: () => changed(null),
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<AddressesTab />);
  return { calls, user };
}

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);
const saved = (calls: Call[]) =>
  argsOf(calls, 'save_address').map((a) => (a as { address: AddressInput }).address);
const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function pickRegion(user: ReturnType<typeof userEvent.setup>, ...names: string[]) {
  await user.click(screen.getByTestId('address-region'));
  for (const name of names) await user.click(await screen.findByText(name));
}

describe('addresses tab', () => {
  it('lists label, contact, masked phone and region names — never the street or the phone', async () => {
    setup();
    const rows = await screen.findAllByTestId('address-row');
    expect(rows).toHaveLength(2);
    const [home, office] = rows as [HTMLElement, HTMLElement];
    expect(home).toHaveTextContent('家');
    expect(home).toHaveTextContent('陆小鹿');
    expect(within(home).getByTestId('address-phone-masked')).toHaveTextContent('138****5678');
    expect(within(home).getByTestId('address-region-names')).toHaveTextContent(
      '浙江省 / 杭州市 / 西湖区',
    );
    expect(within(office).getByTestId('address-phone-masked')).toHaveTextContent('139****4321');
    // The default is tagged and offers no 设为默认; the other does.
    expect(within(home).getByTestId('address-default-tag')).toHaveTextContent('默认');
    expect(within(home).queryByTestId('address-set-default')).toBeNull();
    expect(within(office).queryByTestId('address-default-tag')).toBeNull();
    expect(within(office).getByTestId('address-set-default')).toHaveTextContent('设为默认');
    // The list has no street and no full phone (the edit dialog's `address` was not asked).
    const tab = screen.getByTestId('addresses-tab');
    expect(tab).not.toHaveTextContent('建国路');
    expect(tab.textContent).not.toMatch(/1[3-9]\d{9}/);
    expect(screen.getByTestId('address-privacy')).toHaveTextContent(
      '收货地址只保存在本机的加密数据库中，只会发送给你报名的测评活动的品牌方。',
    );
  });

  it('no address yet: says so and offers 新增地址', async () => {
    setup({ addresses: () => [] });
    expect(await screen.findByTestId('addresses-empty')).toHaveTextContent('还没有收货地址');
    expect(screen.getByTestId('address-add')).toHaveTextContent('新增地址');
  });

  it("edit: loads the full address, shows core's problems by field and stays open", async () => {
    const { calls, user } = setup();
    const rows = await screen.findAllByTestId('address-row');
    await user.click(within(rows[1] as HTMLElement).getByTestId('address-edit'));
    expect(await screen.findByText('编辑收货地址')).toBeInTheDocument();
    expect(argsOf(calls, 'address')).toEqual([{ id: '2' }]);
    expect(screen.getByTestId('address-phone')).toHaveValue('13912344321');
    expect(screen.getByTestId('address-detail')).toHaveValue('建国路 88 号 SOHO 现代城 A 座 1203');
    expect(screen.getByTestId('address-region')).toHaveTextContent('北京市 / 市辖区 / 朝阳区');

    // Leaving the phone: core checks, and only the phone's problem shows.
    type('address-phone', '1391234');
    type('address-detail', '建国路');
    fireEvent.blur(screen.getByTestId('address-phone'));
    const phone = await screen.findByTestId('address-field-phone');
    expect(phone).toHaveTextContent('请输入 11 位大陆手机号');
    expect(phone).toHaveAttribute('data-problem', 'not_a_mobile');
    expect(screen.queryByTestId('address-field-detail')).toBeNull();

    // Saving: every field's problem shows, with its bound; nothing is saved, still open.
    await user.click(screen.getByTestId('address-save'));
    expect(await screen.findByTestId('address-field-detail')).toHaveTextContent('至少 5 个字');
    expect(screen.getByTestId('address-field-phone')).toHaveTextContent('请输入 11 位大陆手机号');
    expect(screen.queryByTestId('address-field-contact_name')).toBeNull();
    expect(saved(calls)).toEqual([]);
    expect(screen.getByTestId('address-form')).toBeInTheDocument();

    // Fixed: saved as the same address, with the stored region.
    type('address-phone', '13912344322');
    type('address-detail', '建国路 88 号');
    await user.click(screen.getByTestId('address-save'));
    await waitFor(() => expect(saved(calls)).toHaveLength(1));
    expect(saved(calls)[0]).toEqual({
      ...fx.officeFull,
      phone: '13912344322',
      detail: '建国路 88 号',
    });
    await waitFor(() => expect(screen.queryByTestId('address-form')).toBeNull());
  });

  it("new: saves the cascader's district code, closes and the list is read again", async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('address-row');
    await user.click(screen.getByTestId('address-add'));
    expect(await screen.findByText('新增收货地址')).toBeInTheDocument();
    type('address-label', '父母家');
    type('address-contact-name', '陆大鹿');
    type('address-phone', '13700001111');
    await pickRegion(user, '浙江省', '杭州市', '滨江区');
    type('address-detail', '江南大道 100 号');
    await user.click(screen.getByTestId('address-make-default'));
    await user.click(screen.getByTestId('address-save'));

    await waitFor(() => expect(saved(calls)).toHaveLength(1));
    expect(saved(calls)[0]).toEqual({
      id: null,
      label: '父母家',
      contact_name: '陆大鹿',
      phone: '13700001111',
      region_code: '330108',
      detail: '江南大道 100 号',
      make_default: true,
    });
    // Checked first, by core.
    expect(argsOf(calls, 'check_address').at(-1)).toEqual({ address: saved(calls)[0] });
    await waitFor(() => expect(screen.queryByTestId('address-form')).toBeNull());
    expect(await screen.findByText('地址已保存')).toBeInTheDocument();
    // Core's event, not the dialog, refreshed the list.
    await waitFor(() => expect(argsOf(calls, 'addresses')).toHaveLength(2));
  });

  it('a region must be picked down to the district', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('address-row');
    await user.click(screen.getByTestId('address-add'));
    await screen.findByTestId('address-form');
    await user.click(screen.getByTestId('address-save'));
    expect(await screen.findByTestId('address-field-region_code')).toHaveTextContent('必填');
    expect(screen.getByTestId('address-field-contact_name')).toHaveTextContent('必填');
    expect(saved(calls)).toEqual([]);
  });

  it('a failed save says why in words and keeps the dialog open', async () => {
    const { user } = setup({
      save_address: () => {
        throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
      },
    });
    const rows = await screen.findAllByTestId('address-row');
    await user.click(within(rows[1] as HTMLElement).getByTestId('address-edit'));
    await screen.findByTestId('address-form');
    await user.click(screen.getByTestId('address-save'));
    expect(await screen.findByTestId('address-error')).toHaveTextContent(
      '保存失败：本地数据库出错 (store_failed)',
    );
    expect(screen.getByTestId('address-form')).toBeInTheDocument();
  });

  it('delete asks first, then calls delete_address', async () => {
    const { calls, user } = setup();
    const rows = await screen.findAllByTestId('address-row');
    await user.click(within(rows[1] as HTMLElement).getByTestId('address-delete'));
    expect(await screen.findByText('删除这个地址？')).toBeInTheDocument();
    expect(argsOf(calls, 'delete_address')).toEqual([]);
    await user.click(screen.getByTestId('address-delete-confirm'));
    await waitFor(() => expect(argsOf(calls, 'delete_address')).toEqual([{ id: '2' }]));
    expect(await screen.findByText('地址已删除')).toBeInTheDocument();
  });

  it('设为默认 calls set_default_address', async () => {
    const { calls, user } = setup();
    const rows = await screen.findAllByTestId('address-row');
    await user.click(within(rows[1] as HTMLElement).getByTestId('address-set-default'));
    await waitFor(() => expect(argsOf(calls, 'set_default_address')).toEqual([{ id: '2' }]));
    expect(await screen.findByText('已设为默认地址')).toBeInTheDocument();
  });
});
