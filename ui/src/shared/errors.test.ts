import { describe, expect, it } from 'vitest';
import type { AppError } from '../bindings';
import i18n from '../i18n';
import { toIpcError } from './call';
import { errorText } from './errors';

/** As core sends a refused import: the English message, and the failure to word. */
const refused: AppError = {
  code: 'invalid_input',
  message: 'statement.csv: row 7, column "结算金额": "12,34x" is not an amount',
  import: {
    file: 'statement.csv',
    row: 7,
    column: '结算金额',
    problem: 'not_an_amount',
    params: [['value', '12,34x']],
  },
};

describe('a refused import in words', () => {
  it('names the file, row and column in the window’s language, not the English message', () => {
    const error = toIpcError('import_settlement_files', refused);
    expect(errorText(i18n.getFixedT('zh-CN'), error)).toBe(
      'statement.csv：第 7 行，“结算金额”列：“12,34x”不是金额',
    );
    expect(errorText(i18n.getFixedT('en'), error)).toBe(
      'statement.csv: row 7, column “结算金额”: “12,34x” is not an amount',
    );
  });

  it('without a row or column, and with lists joined as the language joins them', () => {
    const error = toIpcError('import_settlement_files', {
      ...refused,
      import: {
        file: 'bank.xlsx',
        row: null,
        column: null,
        problem: 'no_such_sheet',
        params: [
          ['sheet', '流水'],
          ['available', '明细\n汇总'],
        ],
      },
    });
    expect(errorText(i18n.getFixedT('zh-CN'), error)).toBe(
      'bank.xlsx：没有名为“流水”的工作表；现有工作表：明细、汇总',
    );
    expect(errorText(i18n.getFixedT('en'), error)).toBe(
      'bank.xlsx: no sheet named “流水”; sheets: 明细, 汇总',
    );
  });

  it('a bank direction it cannot read, and one against the amount’s sign', () => {
    const at = (
      problem: 'not_a_direction' | 'direction_against_sign',
      params: [string, string][],
    ) =>
      toIpcError('import_settlement_files', {
        ...refused,
        import: { file: '流水.csv', row: 3, column: '借贷标志', problem, params },
      });
    const unknown = at('not_a_direction', [['value', '转账']]);
    expect(errorText(i18n.getFixedT('zh-CN'), unknown)).toBe(
      '流水.csv：第 3 行，“借贷标志”列：“转账”不是收支方向：请写借 / 支 / 出（支出）或贷 / 收 / 入（收入）',
    );
    const against = at('direction_against_sign', [
      ['direction', '贷'],
      ['amount', '-100.00'],
    ]);
    expect(errorText(i18n.getFixedT('en'), against)).toBe(
      '流水.csv: row 3, column “借贷标志”: the direction “贷” says money came in, but the amount “-100.00” is negative',
    );
  });

  it('a refusal with a documented reason says it, an unknown one keeps the code', () => {
    const refusal = (code: string) =>
      toIpcError('withdraw_application', {
        code: 'refused',
        message: `the platform refused: ${code}`,
        refusal: code,
      });
    expect(errorText(i18n.getFixedT('zh-CN'), refusal('not_withdrawable'))).toBe(
      '平台拒绝了这个操作：品牌方已经做出选择，申请不能再撤回',
    );
    expect(errorText(i18n.getFixedT('en'), refusal('not_withdrawable'))).toBe(
      'The platform refused it: the brand has decided: the application can no longer be withdrawn',
    );
    expect(errorText(i18n.getFixedT('zh-CN'), refusal('brand_paused'))).toBe(
      '平台拒绝了这个操作 (refused)',
    );
  });

  it('any other invalid input keeps its message after the code in words', () => {
    const error = toIpcError('import_settlement_files', {
      code: 'invalid_input',
      message: 'a.csv: cannot read the file',
    });
    expect(errorText(i18n.getFixedT('zh-CN'), error)).toBe('输入无效：a.csv: cannot read the file');
  });
});
