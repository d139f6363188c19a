import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FilePreview, ImportKind, ImportResult } from '../../bindings';
import i18n from '../../i18n';
import { deferred } from '../../test/deferred';
import { type Call, type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { ImportBar } from './ImportBar';

// The webview's drag-and-drop, scripted: the test plays the OS.
type DragPayload =
  | { type: 'enter'; paths: string[]; position: { x: number; y: number } }
  | { type: 'over'; position: { x: number; y: number } }
  | { type: 'drop'; paths: string[]; position: { x: number; y: number } }
  | { type: 'leave' };
const drag = vi.hoisted(() => ({ handler: null as null | ((e: { payload: unknown }) => void) }));
vi.mock('@tauri-apps/api/webview', () => ({
  getCurrentWebview: () => ({
    onDragDropEvent: async (h: (e: { payload: unknown }) => void) => {
      drag.handler = h;
      return () => {
        drag.handler = null;
      };
    },
  }),
}));
const playDrag = (payload: DragPayload) =>
  act(async () => {
    drag.handler?.({ payload });
  });

afterEach(() => {
  Reflect.deleteProperty(document, 'elementFromPoint');
});

function setup(extra: Partial<Commands>) {
  const events = mockEvents();
  const calls = mockIpc({
    mapping_profiles: () => [],
    import_files: () => [],
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<ImportBar />);
  return { calls, events, user };
}

const imports = (calls: Call[]) =>
  calls.filter((c) => c.command === 'import_settlement_files').map((c) => c.args);
const percent = () => Number(screen.getByTestId('import-progress').getAttribute('data-percent'));

const result = (
  file_name: string,
  kind: ImportKind,
  lines: number,
  added: number,
  updated = 0,
): ImportResult => ({
  file_name,
  kind,
  encoding: 'UTF-8',
  lines,
  added,
  already_present: lines - added,
  updated,
});

describe('import bar', () => {
  it('picks files, imports them with their kind, moves the bar by progress events, sums up', async () => {
    const done = deferred<ImportResult[]>();
    const paths = ['/data/结算单-01.csv', '/data/结算单-02.csv'];
    const { calls, events, user } = setup({
      pick_settlement_files: () => paths,
      import_settlement_files: () => done.promise,
    });
    await user.click(screen.getByTestId('import-statement'));
    await waitFor(() =>
      expect(imports(calls)).toEqual([{ kind: 'statement', paths, profile: null }]),
    );
    expect(calls.find((c) => c.command === 'pick_settlement_files')?.args).toEqual({
      kind: 'statement',
    });
    expect(percent()).toBe(0);
    // Buttons wait while an import runs.
    expect(screen.getByTestId('import-bank')).toBeDisabled();

    const emit = (p: Parameters<typeof events.emit<'import_progress'>>[1]) =>
      act(() => events.emit('import_progress', p));
    const base = { file_name: '结算单-01.csv', file_index: 0, file_count: 2 };
    await emit({ ...base, phase: 'reading', done: 50, total: 100 });
    expect(percent()).toBe(7.5);
    await emit({ ...base, phase: 'parsing', done: 0, total: 0 });
    expect(percent()).toBe(20);
    expect(screen.getByTestId('import-progress')).toHaveTextContent(
      '正在导入 结算单-01.csv（第 1/2 个文件）· 解析中',
    );
    await emit({ ...base, phase: 'storing', done: 10, total: 10 });
    expect(percent()).toBe(50);
    await emit({
      ...base,
      file_name: '结算单-02.csv',
      file_index: 1,
      phase: 'storing',
      done: 5,
      total: 10,
    });
    expect(percent()).toBe(87.5);

    done.resolve([
      result('结算单-01.csv', 'statement', 10, 10),
      result('结算单-02.csv', 'statement', 10, 4, 2),
    ]);
    // The second file, a newer export, changed two stored lines' payout status.
    expect(
      await screen.findByText(
        '结算单-01.csv：10 行，新增 10 行，0 行已导入过；结算单-02.csv：10 行，新增 4 行，6 行已导入过（其中 2 行的结算状态已更新）',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
    expect(screen.getByTestId('import-bank')).toBeEnabled();
  });

  it('a cancelled dialog imports nothing', async () => {
    const { calls, user } = setup({ pick_settlement_files: () => [] });
    await user.click(screen.getByTestId('import-bank'));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'pick_settlement_files')).toHaveLength(1),
    );
    expect(imports(calls)).toEqual([]);
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('a refused file: the banner names it; mapping its columns saves a profile and imports with it', async () => {
    const message = '招商银行流水.csv: row 3, column 交易日期: "2026/13/45" is not a date';
    let attempt = 0;
    const preview: FilePreview = {
      file_name: '招商银行流水.csv',
      kind: 'bank',
      encoding: 'GB18030',
      sheets: [],
      sheet: null,
      header_row: 1,
      headers: ['记账日', '收入', '对方户名'],
      rows: [['2026-03-01', '950.00', '星图科技']],
      guessed_mapping: {
        columns: [{ field: 'amount', column: { by: 'header', header: '收入' } }],
        header_row: { kind: 'auto' },
        skip_trailing_rows: 0,
        delimiter: null,
        encoding: null,
        sheet: null,
      },
      fields: [
        { field: 'txn_id', required: false },
        { field: 'date', required: true },
        { field: 'amount', required: true },
        { field: 'debit', required: false },
        { field: 'counterparty', required: false },
        { field: 'memo', required: false },
      ],
      missing_required: ['date'],
    };
    const { calls, user } = setup({
      pick_settlement_files: () => ['/data/a.csv', '/data/招商银行流水.csv'],
      import_settlement_files: ({ paths }) => {
        attempt += 1;
        if (attempt === 1) throw new Reject({ code: 'invalid_input', message });
        return [result('招商银行流水.csv', 'bank', paths.length, 1)];
      },
      preview_settlement_file: () => preview,
      save_mapping_profile: ({ name, kind, mapping }) => ({ name, kind, mapping }),
    });
    await user.click(screen.getByTestId('import-bank'));
    const banner = await screen.findByTestId('import-error');
    expect(banner).toHaveTextContent('导入失败，没有写入任何数据');
    expect(banner).toHaveTextContent(`输入无效：${message}`);
    expect(screen.queryByTestId('import-progress')).toBeNull();

    await user.click(within(banner).getByTestId('import-map-columns'));
    const dialog = await screen.findByTestId('mapping-dialog');
    expect(calls.filter((c) => c.command === 'preview_settlement_file').map((c) => c.args)).toEqual(
      [{ kind: 'bank', path: '/data/招商银行流水.csv' }],
    );
    expect(dialog).toHaveTextContent('GB18030');
    expect(dialog).toHaveTextContent('星图科技');
    expect(dialog).toHaveTextContent('没有自动找到这些必填列：日期');
    // One row per field the preview lists for the kind, in its order.
    expect(
      within(dialog)
        .getAllByTestId(/^mapping-field-/)
        .map((row) => row.getAttribute('data-testid')),
    ).toEqual(preview.fields.map((f) => `mapping-field-${f.field}`));
    expect(within(dialog).getByTestId('mapping-field-counterparty')).toHaveTextContent('对方户名');

    // Without a date column the profile is not saved.
    fireEvent.change(screen.getByTestId('mapping-profile-name'), { target: { value: '招行' } });
    await user.click(screen.getByTestId('mapping-save'));
    expect(await screen.findByTestId('mapping-problem')).toHaveTextContent('日期');
    expect(calls.some((c) => c.command === 'save_mapping_profile')).toBe(false);

    // Pick 记账日 for the date.
    const dateField = screen.getByTestId('mapping-field-date');
    await user.click(within(dateField).getByRole('combobox'));
    const options = await screen.findAllByRole('option', { hidden: true });
    const option = options.find((o) => o.textContent === '记账日');
    fireEvent.click(option as HTMLElement);
    await user.click(screen.getByTestId('mapping-save'));

    await waitFor(() => expect(imports(calls)).toHaveLength(2));
    const saved = calls.find((c) => c.command === 'save_mapping_profile')?.args;
    expect(saved).toEqual({
      name: '招行',
      kind: 'bank',
      mapping: {
        ...preview.guessed_mapping,
        columns: [
          { field: 'date', column: { by: 'header', header: '记账日' } },
          { field: 'amount', column: { by: 'header', header: '收入' } },
        ],
      },
    });
    expect(imports(calls)[1]).toEqual({
      kind: 'bank',
      paths: ['/data/招商银行流水.csv'],
      profile: '招行',
    });
    await waitFor(() => expect(screen.queryByTestId('import-error')).toBeNull());
  });

  it('files dropped on a kind are imported as that kind', async () => {
    const { calls } = setup({ import_settlement_files: () => [] });
    await waitFor(() => expect(drag.handler).not.toBeNull());
    expect(screen.queryByTestId('drop-overlay')).toBeNull();

    await playDrag({ type: 'enter', paths: ['/d/流水.xlsx'], position: { x: 10, y: 10 } });
    const overlay = screen.getByTestId('drop-overlay');
    const bankTarget = within(overlay).getByTestId('drop-bank');
    // Physical pixels: the position is divided by the device pixel ratio.
    const seen: [number, number][] = [];
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 2 });
    Object.defineProperty(document, 'elementFromPoint', {
      configurable: true,
      value: (x: number, y: number) => {
        seen.push([x, y]);
        return bankTarget.firstChild;
      },
    });
    await playDrag({ type: 'over', position: { x: 400, y: 300 } });
    expect(bankTarget).toHaveClass('is-over');
    await playDrag({ type: 'drop', paths: ['/d/流水.xlsx'], position: { x: 400, y: 300 } });
    expect(seen.at(-1)).toEqual([200, 150]);
    await waitFor(() =>
      expect(imports(calls)).toEqual([{ kind: 'bank', paths: ['/d/流水.xlsx'], profile: null }]),
    );
    expect(screen.queryByTestId('drop-overlay')).toBeNull();

    // Dropped beside the targets: nothing.
    await playDrag({ type: 'enter', paths: ['/d/x.csv'], position: { x: 1, y: 1 } });
    Object.defineProperty(document, 'elementFromPoint', {
      configurable: true,
      value: () => document.body,
    });
    await playDrag({ type: 'drop', paths: ['/d/x.csv'], position: { x: 1, y: 1 } });
    expect(imports(calls)).toHaveLength(1);
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 1 });
  });

  it('a refused file is worded in the window’s language, and again after a switch', async () => {
    const { user } = setup({
      pick_settlement_files: () => ['/data/结算单.csv'],
      import_settlement_files: () => {
        throw new Reject({
          code: 'invalid_input',
          message: '结算单.csv: row 7, column "结算金额": "12,34x" is not an amount',
          import: {
            file: '结算单.csv',
            row: 7,
            column: '结算金额',
            problem: 'not_an_amount',
            params: [['value', '12,34x']],
          },
        });
      },
    });
    await user.click(screen.getByTestId('import-statement'));
    const message = await screen.findByTestId('import-error-message');
    expect(message).toHaveTextContent('结算单.csv：第 7 行，“结算金额”列：“12,34x”不是金额');
    await act(() => i18n.changeLanguage('en'));
    try {
      expect(screen.getByTestId('import-error-message')).toHaveTextContent(
        '结算单.csv: row 7, column “结算金额”: “12,34x” is not an amount',
      );
    } finally {
      await act(() => i18n.changeLanguage('zh-CN'));
    }
  });
});
