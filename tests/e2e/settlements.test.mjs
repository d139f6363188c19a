// End-to-end: the Settlements page in the real window. Files are "picked" from a copy of
// tests/e2e/fixtures/settlements (STARDESK_TEST_PICK_DIR stands in for the native open and
// save dialogs, which WebDriver cannot reach); importing, reconciling and the fix guide
// are the app's own. The bank file is GBK, as Chinese banks export it.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Driver, endSession, startDriver, tempDataDir, waitFor } from './webdriver.mjs';

const app = process.env.STARDESK_E2E_APP;
const out = process.env.STARDESK_E2E_OUT;
assert.ok(app, 'STARDESK_E2E_APP must name the built stardesk-app binary (make test-e2e sets it)');
assert.ok(out, 'STARDESK_E2E_OUT must name the artifacts directory');

const fixtures = fileURLToPath(new URL('./fixtures/settlements', import.meta.url));
const COMPANY = '杭州小星文化传媒有限公司';

describe('settlements in the real window', () => {
  let driver;
  let d;
  const dataDir = tempDataDir();
  const pickDir = tempDataDir();

  const rows = () => d.findAll('[data-testid="discrepancy-row"]');
  const classes = () =>
    d.exec(
      'return Array.from(document.querySelectorAll(\'[data-testid="discrepancy-row"]\')).map((r) => r.getAttribute("data-class"));',
    );
  const typeInto = async (testid, text) => d.type(await d.find(`[data-testid="${testid}"]`), text);
  const clickOn = async (testid) => d.click(await d.find(`[data-testid="${testid}"]`));
  // textContent, not WebDriver's rendered text: WebKit leaves ellipsised cells out of it.
  const textOf = (testid) =>
    d.exec('return document.querySelector(`[data-testid="${arguments[0]}"]`).textContent;', [testid]);

  before(async () => {
    cpSync(fixtures, pickDir, { recursive: true });
    driver = await startDriver({
      STARDESK_DATA_DIR: dataDir,
      STARDESK_TEST_PICK_DIR: pickDir,
      STARDESK_LOG: 'info',
    });
    d = new Driver(driver.base);
    await d.start(app);
  });

  after(async () => {
    await endSession(d, driver, app);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(pickDir, { recursive: true, force: true });
  });

  test('imports expected earnings, a statement, a GBK bank file and invoices, and lists the discrepancies', async () => {
    await waitFor('the navigation', async () => (await d.findAll('[data-testid="nav-settlements"]')).length > 0, 60000);
    await clickOn('nav-settlements');
    let files = 0;
    for (const kind of ['expected', 'statement', 'bank', 'invoices']) {
      await waitFor(`the ${kind} import button`, async () => (await d.findAll(`[data-testid="import-${kind}"]`)).length > 0);
      await clickOn(`import-${kind}`);
      files += 1;
      await waitFor(`${files} imported files`, async () => (await d.findAll('[data-testid="import-file-row"]')).length >= files);
    }
    await d.screenshot(join(out, 'settlements-files.png'));
    const listed = await textOf('import-files');
    assert.match(listed, /银行流水-招商银行\.csv/);
    assert.match(listed, /GB18030/, 'the bank file was read as GBK');

    const found = await waitFor('the discrepancy list', async () => {
      const c = await classes();
      return c.length >= 4 ? c : null;
    });
    assert.deepEqual(
      [...found].sort(),
      ['amount_mismatch', 'missing_payout', 'payout_failed', 'unexpected_credit'],
      'one of each: T102 paid ¥40 short, T105 unpaid, T103 bounced, an unexplained ¥300 credit',
    );
    const failed = await textOf('summary-payout_failed');
    assert.match(failed, /2,?500\.00/, 'the failed payout total');
    const listText = await textOf('discrepancy-list');
    assert.match(listText, /XT2026070103/);
    assert.match(listText, /提现失败/, 'the reason is in words');
    assert.equal((await rows()).length, 4);
    await d.screenshot(join(out, 'settlements.png'));
    await d.exec('document.querySelector(\'[data-testid="discrepancy-list"]\').scrollIntoView({ block: "start" });');
    await d.screenshot(join(out, 'settlements-list.png'));
    // The page scrolls inside its own pane: the window's document never does, so the
    // header and the navigation stay in view (they once scrolled away with a tall page).
    const frame = await d.exec(
      'return { scrolled: document.scrollingElement.scrollTop, tall: document.scrollingElement.scrollHeight, window: window.innerHeight, header: document.querySelector(".app-header").getBoundingClientRect().top };',
    );
    assert.deepEqual(frame, { scrolled: 0, tall: frame.window, window: frame.window, header: 0 }, 'the window itself does not scroll');
    await d.exec('document.querySelector(\'[data-testid="income-chart"]\').scrollIntoView({ block: "center" });');
    await d.screenshot(join(out, 'settlements-chart.png'));

    // The tax check: August 2026's paid lines (the failed one left out), no tax withheld
    // and none expected (cumulative: ¥2610.00 − 20% − ¥5000.00 < 0).
    const tax = await waitFor('the tax check', async () => {
      const text = await textOf('tax-check');
      return text.includes('2026-08') ? text : '';
    });
    assert.match(tax, /2,747\.37/, 'the month\'s gross');
    assert.match(tax, /一致/, 'withheld = expected');
    await d.exec('document.querySelector(\'[data-testid="tax-check"]\').scrollIntoView({ block: "center" });');
    await d.screenshot(join(out, 'settlements-tax.png'));
  });

  test('the page and the reasons switch to English', async () => {
    await clickOn('lang-switch');
    const body = await waitFor('English text', async () => {
      const t = await d.exec('return document.body.innerText;');
      return t.includes('Settlements') && t.includes('Fix payout') ? t : '';
    });
    assert.match(body, /the payout of ¥2500\.00 in statement JS202608002 failed/, 'the reason in English');
    assert.match(body, /Tax check/, 'the tax check in English');
    assert.doesNotMatch(body, /结算对账|提现失败的打款/, 'no zh-CN labels left');
    await d.screenshot(join(out, 'settlements-en.png'));
    await clickOn('lang-switch');
    await waitFor('Chinese again', async () => (await d.exec('return document.body.innerText;')).includes('结算对账'));
  });

  test('exports the reconciliation report to Excel', async () => {
    await clickOn('export-xlsx');
    const report = join(pickDir, 'exports', 'report.xlsx');
    await waitFor('the report file', async () => existsSync(report) && readFileSync(report).length > 0);
    assert.equal(readFileSync(report).subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
  });

  test('opens a task\'s earnings from its mismatch row: gross → fees → tax → net beside what was paid', async () => {
    const mismatch = await d.find('[data-testid="discrepancy-row"][data-class="amount_mismatch"]');
    await d.exec(
      'const b = arguments[0].querySelector(\'[data-testid="task-earnings-open"]\'); b.scrollIntoView({ block: "center" }); b.click();',
      [{ 'element-6066-11e4-a52e-4f735466cecf': mismatch }],
    );
    const sheet = await waitFor('the earnings drawer', async () => {
      const text = await d.exec(
        'const s = document.querySelector(\'[data-testid="task-earnings-waterfall"]\'); return s ? s.closest(\'[data-testid="task-earnings"]\').textContent : "";',
      );
      return text;
    });
    // T102: the statement's gross ¥800.00 less the 5% platform fee (R-PREF-3) is ¥760.00,
    // and ¥760.00 was paid; the expected file said ¥800.00.
    assert.match(sheet, /结算单 JS202608001/, 'the statement line that paid it');
    assert.match(sheet, /800\.00/, 'the gross');
    assert.match(sheet, /40\.00/, 'the 5% fee');
    assert.match(sheet, /760\.00/, 'the net computed and paid');
    assert.match(sheet, /R-PREF-3/);
    await d.screenshot(join(out, 'settlements-task-earnings.png'));
    await d.exec('document.querySelector(".semi-sidesheet .semi-sidesheet-close, .semi-sidesheet [aria-label=close]").click();');
    await waitFor('the drawer to close', async () => (await d.findAll('[data-testid="task-earnings"]')).length === 0);
  });

  test('opens the failed-payout fix and drafts the e-mail with the tracking number', async () => {
    const failedRow = await d.find('[data-testid="discrepancy-row"][data-class="payout_failed"]');
    const fix = await d.exec(
      'return arguments[0].querySelector(\'[data-testid="fix-payout"]\') !== null;',
      [{ 'element-6066-11e4-a52e-4f735466cecf': failedRow }],
    );
    assert.ok(fix, 'the failed row offers the fix');
    await d.exec('arguments[0].querySelector(\'[data-testid="fix-payout"]\').click();', [
      { 'element-6066-11e4-a52e-4f735466cecf': failedRow },
    ]);
    await waitFor('the fix guide', async () => (await d.findAll('[data-testid="payout-fix"]')).length > 0);

    await waitFor('the contract form', async () => (await d.findAll('[data-testid="contract-company"]')).length > 0);
    await typeInto('contract-company', COMPANY);
    await typeInto('contract-card', '6222000011118888');
    await typeInto('contract-branch', '招商银行杭州分行');
    await clickOn('contract-save');
    // Saved: shown masked, with the ways to change or delete it.
    await waitFor('the saved contract account', async () => (await d.findAll('[data-testid="contract-delete"]')).length > 0);
    assert.match(await textOf('contract-view'), /\*\*\*\*8888/);
    assert.doesNotMatch(await textOf('contract-view'), /62220000/);
    await d.screenshot(join(out, 'settlements-fix-contract.png'));

    // The statement's last page shows a mistyped card number.
    await typeInto('fix-account-name', COMPANY);
    await typeInto('fix-card-number', '6222000011119999');
    await typeInto('fix-bank-branch', '招商银行杭州分行');
    await clickOn('fix-cancellable-yes');
    await typeInto('fix-regenerated', '2600');
    await clickOn('fix-check');

    const steps = await waitFor('the fix steps', async () => {
      const codes = await d.exec(
        'return Array.from(document.querySelectorAll(\'[data-testid="fix-step"]\')).map((s) => s.getAttribute("data-code"));',
      );
      return codes.length > 0 ? codes : null;
    });
    await d.screenshot(join(out, 'settlements-fix.png'));
    assert.deepEqual(steps.slice(0, 3), ['cancel_statement', 'correct_bank_account', 'regenerate_next_month']);
    assert.ok(steps.includes('issue_supplementary_invoice'), '¥2,600 regenerated vs ¥2,500 invoiced');
    const checks = await d.exec(
      'return Array.from(document.querySelectorAll(\'[data-testid="fix-check-row"]\')).map((r) => r.getAttribute("data-passed"));',
    );
    assert.deepEqual(checks, ['true', 'false', 'true'], 'only the card number differs (R-SETTLE-2)');
    const guide = await textOf('payout-fix');
    assert.match(guide, /R-SETTLE-3/);
    assert.match(guide, /100\.00/, 'the supplementary invoice amount');
    const subject = (await textOf('fix-email-subject')).trim();
    assert.match(subject, new RegExp(`^【即合打款失败】.+-${COMPANY}$`));
    const body = await d.exec(
      'const e = document.querySelector(\'[data-testid="fix-email-body"]\'); return e.value ?? e.textContent;',
    );
    assert.match(body, /SF1409876543210/, 'the invoice tracking number is in the body');
    assert.doesNotMatch(guide, /6222000011118888|6222000011119999/, 'card numbers are shown masked');
  });

  test('a large statement shows its progress, then its lines', async (t) => {
    const lines = 200_000;
    const rowsOf = Array.from({ length: lines }, (_, i) => {
      const fen = 10_000 + ((i * 7919) % 500_000);
      return `JS9${String(Math.floor(i / 20)).padStart(6, '0')},BIG${i},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},2026-09-${String(1 + (i % 28)).padStart(2, '0')},已结算`;
    });
    writeFileSync(
      join(pickDir, 'statement', '结算单明细-大.csv'),
      `statement_id,task_id,amount,date,status\n${rowsOf.join('\n')}\n`,
    );
    // Close the fix guide (its close button; the mask would do too).
    await d.exec('document.querySelector(".semi-sidesheet .semi-sidesheet-close, .semi-sidesheet [aria-label=close]").click();');
    await waitFor('the fix guide to close', async () => (await d.findAll('[data-testid="payout-fix"]')).length === 0);
    // Every value the bar shows, as the page draws it (a poll from here could miss a step
    // on a busy machine).
    await d.exec(`
      window.__progressSeen = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        if (bar) window.__progressSeen.push(Number(bar.getAttribute('data-percent')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-percent'] });`);
    await clickOn('import-statement');
    // Both statement files are picked: the August one again (nothing new) and the big one.
    await waitFor(
      'the import to finish',
      async () => {
        const bar = await d.findAll('[data-testid="import-progress"]');
        return bar.length === 0 && /200,?000/.test(await textOf('import-files'));
      },
      120000,
    );
    const seen = new Set(await d.exec('return window.__progressSeen;'));
    const between = [...seen].filter((p) => p > 0 && p < 100);
    t.diagnostic(`progress seen (%): ${[...seen].sort((a, b) => a - b).join(', ')}`);
    assert.ok(between.length >= 2, `the bar moved through the import: ${[...seen].join(', ')}`);
    const summary = await textOf('summary-matched');
    assert.match(summary, /2/, 'the earlier matches still stand');

    // 200,000 unexpected payouts: the window shows a page of 50 and reaches the last one
    // through core's search (it no longer receives only a first slice).
    await waitFor('a page of rows', async () => (await rows()).length === 50);
    assert.ok((await d.findAll('[data-testid="discrepancy-list"] .semi-page-item')).length > 2, 'the list pages');
    await typeInto('discrepancy-search', 'BIG199999');
    await waitFor('the last line found', async () => {
      const listed = await rows();
      return listed.length === 1 && /BIG199999/.test(await textOf('discrepancy-list'));
    });
    await d.exec('document.querySelector(\'[data-testid="discrepancy-search"]\').scrollIntoView({ block: "start" });');
    await d.screenshot(join(out, 'settlements-search-200k.png'));
  });

  test('a newer export of a statement says how many payout statuses it changed, in zh-CN and English', async () => {
    const folder = join(pickDir, 'statement');
    const august = join(folder, '结算单明细-2026年8月.csv');
    const exported = readFileSync(join(fixtures, 'statement', '结算单明细-2026年8月.csv'), 'utf8');
    assert.match(exported, /提现失败/);
    rmSync(join(folder, '结算单明细-大.csv'));
    // The failed-payout card, once it shows `count` (the reconciliation made again).
    const failedCard = (count) =>
      waitFor(`${count} failed payout(s) on the card`, async () =>
        new RegExp(`^\\D*${count}\\s*(笔|items?)`).test(await textOf('summary-payout_failed')),
      );
    await failedCard(1);
    const importAndRead = async (text, wanted) => {
      writeFileSync(august, text);
      await clickOn('import-statement');
      const body = await waitFor(`the import's summary (${wanted})`, async () => {
        const body = await d.exec('return document.body.innerText;');
        return body.includes(wanted) ? body : '';
      });
      // The toast slides in: shot once it has.
      await new Promise((r) => setTimeout(r, 800));
      return body;
    };
    // JS202608002's failed payout, settled in the newer export: the card empties.
    const body = await importAndRead(
      exported.replace('提现失败', '已结算'),
      '其中 1 行的结算状态已更新',
    );
    assert.match(body, /结算单明细-2026年8月\.csv：4 行，新增 0 行，4 行已导入过（其中 1 行的结算状态已更新）/);
    await d.screenshot(join(out, 'settlements-import-updated.png'));
    await failedCard(0);
    await clickOn('lang-switch');
    await waitFor('English', async () => (await d.exec('return document.body.innerText;')).includes('Settlements'));
    // The older export again: its failed payout comes back.
    const en = await importAndRead(exported, 'with a newer payout status');
    assert.match(en, /4 rows read, 0 new, 4 already imported \(1 with a newer payout status\)/);
    await d.screenshot(join(out, 'settlements-import-updated-en.png'));
    await failedCard(1);
    await clickOn('lang-switch');
    await waitFor('Chinese again', async () => (await d.exec('return document.body.innerText;')).includes('结算对账'));
  });

  test('a refused file names its row and column in the window\'s language, and nothing is stored', async () => {
    const folder = join(pickDir, 'expected');
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
    writeFileSync(join(folder, '应收-有误.csv'), '任务ID,应收金额\nXT2026070199,100.00\nXT2026070198,12,34x\n');
    const before = (await d.findAll('[data-testid="import-file-row"]')).length;
    await clickOn('import-expected');
    const zh = await waitFor('the refusal', async () => {
      const text = (await d.findAll('[data-testid="import-error-message"]')).length > 0
        ? await textOf('import-error-message')
        : '';
      return text.includes('第 3 行') ? text : '';
    });
    assert.match(zh, /应收-有误\.csv：第 3 行，“[^”]+”列：/);
    assert.doesNotMatch(zh, /row 3|is not/, 'worded in Chinese, not core\'s English');
    await d.screenshot(join(out, 'settlements-import-refused.png'));
    await clickOn('lang-switch');
    const en = await waitFor('the refusal in English', async () => {
      const text = await textOf('import-error-message');
      return text.includes('row 3') ? text : '';
    });
    assert.match(en, /应收-有误\.csv: row 3, column “[^”]+”: /);
    await d.screenshot(join(out, 'settlements-import-refused-en.png'));
    await clickOn('lang-switch');
    assert.equal((await d.findAll('[data-testid="import-file-row"]')).length, before, 'nothing stored');
  });
  test('one imported file is deleted on its own, after a confirmation naming it', async () => {
    const BANK = '银行流水-招商银行.csv';
    const fileRows = () => d.findAll('[data-testid="import-file-row"]');
    const before = (await fileRows()).length;
    // The count on a summary card ("1 笔", "2 items").
    const cardCount = async (cls) => {
      const m = /^\D*(\d+)\s*(笔|items?)/.exec(await textOf(`summary-${cls}`));
      return m ? Number(m[1]) : -1;
    };
    await waitFor('the unexpected credit of the bank file', async () => (await cardCount('unexpected_credit')) === 1);
    const failed = await cardCount('payout_failed');
    assert.ok(failed > 0, 'a failed payout on the statement');
    const askToDelete = () =>
      d.exec(
        `const row = [...document.querySelectorAll('[data-testid="import-file-row"]')].find((r) => r.innerText.includes(${JSON.stringify(BANK)}));
         row.querySelector('[data-testid="delete-import-file"]').click();`,
      );
    // The confirmation's own button, outside the file list (whose rows have 删除 / Delete too).
    const confirmButton = (label) =>
      d.exec(
        `const b = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === ${JSON.stringify(label)} && !b.closest('[data-testid="import-files"]'));
         if (b) b.click();
         return b !== undefined;`,
      );
    // In English first, and left: nothing is deleted.
    await clickOn('lang-switch');
    await waitFor('English', async () => (await d.exec('return document.body.innerText;')).includes('Imported files'));
    await askToDelete();
    const en = await waitFor('the confirmation in English', async () => {
      const body = await d.exec('return document.body.innerText;');
      return body.includes("Delete this file's import?") ? body : '';
    });
    assert.match(en, new RegExp(`deletes the \\d+ rows? “${BANK.replace('.', '\\.')}” added`));
    await d.screenshot(join(out, 'settlements-delete-file-en.png'));
    assert.ok(await confirmButton('Cancel'), 'the confirmation has Cancel');
    // A statement file's confirmation also says that the payout statuses it changed go
    // back; the bank file's did not.
    assert.doesNotMatch(en, /amount parts it changed go back/);
    await d.exec(
      `const row = [...document.querySelectorAll('[data-testid="import-file-row"]')].find((r) => r.innerText.includes('结算单明细-2026年8月.csv'));
       row.querySelector('[data-testid="delete-import-file"]').click();`,
    );
    await waitFor('the statement file\'s confirmation', async () =>
      (await d.exec('return document.body.innerText;')).includes(
        'The payout statuses and amount parts it changed go back to what they were before it',
      ),
    );
    await d.screenshot(join(out, 'settlements-delete-statement-en.png'));
    assert.ok(await confirmButton('Cancel'), 'the statement confirmation has Cancel');
    await clickOn('lang-switch');
    await waitFor('Chinese again', async () => (await d.exec('return document.body.innerText;')).includes('已导入的文件'));
    assert.equal((await fileRows()).length, before, 'nothing deleted when cancelled');

    await askToDelete();
    const zh = await waitFor('the confirmation', async () => {
      const body = await d.exec('return document.body.innerText;');
      return body.includes('删除这个文件的导入？') ? body : '';
    });
    assert.match(zh, new RegExp(`将删除「${BANK.replace('.', '\\.')}」导入时新增的 \\d+ 行明细`));
    await d.screenshot(join(out, 'settlements-delete-file.png'));
    assert.ok(await confirmButton('删除'), 'the confirmation has 删除');
    await waitFor('the bank file gone from the list', async () => (await fileRows()).length === before - 1);
    const toast = await waitFor('the toast', async () => {
      const body = await d.exec('return document.body.innerText;');
      return /已删除「银行流水-招商银行\.csv」的 \d+ 行明细/.test(body) ? body : '';
    });
    assert.ok(toast);
    assert.doesNotMatch(await textOf('import-files'), /银行流水-招商银行/);
    // Its credit is no longer in the reconciliation; the statement's discrepancies stay.
    await waitFor('the unexpected credit gone', async () => (await cardCount('unexpected_credit')) === 0);
    assert.equal(await cardCount('payout_failed'), failed, 'the statement is still there');
    await new Promise((r) => setTimeout(r, 500));
    await d.screenshot(join(out, 'settlements-delete-file-done.png'));
  });

  test('the first of several imports of one export is deleted: its lines stay with the next one', async () => {
    const AUGUST = '结算单明细-2026年8月.csv';
    const fileRows = () => d.findAll('[data-testid="import-file-row"]');
    const augustRows = async () => ((await textOf('import-files')).match(/结算单明细-2026年8月\.csv/g) ?? []).length;
    const imports = await augustRows();
    assert.ok(imports >= 2, `August's export imported more than once (${imports})`);
    const before = (await fileRows()).length;
    const failed = await textOf('summary-payout_failed');
    const mismatch = await textOf('summary-amount_mismatch');
    // The first row of August's is its first import, the one that added the lines.
    await d.exec(
      `const row = [...document.querySelectorAll('[data-testid="import-file-row"]')].find((r) => r.innerText.includes(${JSON.stringify(AUGUST)}));
       row.querySelector('[data-testid="delete-import-file"]').click();`,
    );
    await waitFor('the confirmation', async () =>
      (await d.exec('return document.body.innerText;')).includes('若之后又导入过内容完全相同的文件，这些明细归入那个文件'),
    );
    assert.ok(
      await d.exec(
        `const b = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === '删除' && !b.closest('[data-testid="import-files"]'));
         if (b) b.click();
         return b !== undefined;`,
      ),
      'the confirmation has 删除',
    );
    const notice = await waitFor('the notice that the lines stay', async () => {
      const body = await d.exec('return document.body.innerText;');
      const m = new RegExp(`已删除「${AUGUST}」的导入记录；它的 (\\d+) 行明细与 .+ 导入的「${AUGUST}」完全相同，已归入那个文件，没有删除`).exec(body);
      return m ? m[0] : '';
    });
    assert.match(notice, /它的 [1-9]\d* 行明细/);
    await waitFor('one import fewer', async () => (await fileRows()).length === before - 1);
    await new Promise((r) => setTimeout(r, 500));
    await d.screenshot(join(out, 'settlements-delete-kept.png'));
    assert.equal(await augustRows(), imports - 1);
    // Nothing of the reconciliation changed.
    assert.equal(await textOf('summary-payout_failed'), failed);
    assert.equal(await textOf('summary-amount_mismatch'), mismatch);
  });

  test('taking back a newer statement export puts back the payout status it changed, and says so', async () => {
    const SEPTEMBER = '结算单明细-2026年9月.csv';
    const folder = join(pickDir, 'statement');
    const exported = readFileSync(join(fixtures, 'statement', '结算单明细-2026年8月.csv'), 'utf8');
    // The picker offers what the folder holds: September's export alone, where August's
    // failed payout went through.
    for (const f of readdirSync(folder)) rmSync(join(folder, f));
    writeFileSync(join(folder, SEPTEMBER), exported.replace('提现失败', '已结算'));
    const failedCount = async () => {
      const m = /^\D*(\d+)\s*(笔|items?)/.exec(await textOf('summary-payout_failed'));
      return m ? Number(m[1]) : -1;
    };
    const failed = await failedCount();
    assert.ok(failed > 0, 'a failed payout before September');
    // September imported, then taken back after its confirmation (`confirm`, the button
    // `ok`), until `notice` shows; the failed payout goes and comes back.
    const importAndTakeBack = async (confirm, ok, notice) => {
      await clickOn('import-statement');
      await waitFor('September listed', async () => (await textOf('import-files')).includes(SEPTEMBER));
      await waitFor('its payout no longer failed', async () => (await failedCount()) === failed - 1);
      await d.exec(
        `const row = [...document.querySelectorAll('[data-testid="import-file-row"]')].find((r) => r.innerText.includes(${JSON.stringify(SEPTEMBER)}));
         row.querySelector('[data-testid="delete-import-file"]').click();`,
      );
      await waitFor('the confirmation', async () => (await d.exec('return document.body.innerText;')).includes(confirm));
      assert.ok(
        await d.exec(
          `const b = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === arguments[0] && !b.closest('[data-testid="import-files"]'));
           if (b) b.click();
           return b !== undefined;`,
          [ok],
        ),
        `the confirmation has ${ok}`,
      );
      await waitFor('the notice of the status put back', async () =>
        (await d.exec('return document.body.innerText;')).includes(notice),
      );
      await waitFor('the failed payout back', async () => (await failedCount()) === failed);
      // The list is read again after the change too.
      await waitFor('September gone from the list', async () => !(await textOf('import-files')).includes(SEPTEMBER));
      await new Promise((r) => setTimeout(r, 500));
    };
    await importAndTakeBack(
      '它改过的结算状态和金额构成会改回',
      '删除',
      `已删除「${SEPTEMBER}」的 0 行明细，它改过的 1 行结算状态或金额构成已改回`,
    );
    await d.screenshot(join(out, 'settlements-delete-restored.png'));
    await clickOn('lang-switch');
    await waitFor('English', async () => (await d.exec('return document.body.innerText;')).includes('Imported files'));
    await importAndTakeBack(
      "Delete this file's import?",
      'Delete',
      `Deleted 0 rows of “${SEPTEMBER}”; the payout status or amounts it had changed are back on 1 row`,
    );
    await d.screenshot(join(out, 'settlements-delete-restored-en.png'));
    await clickOn('lang-switch');
    await waitFor('Chinese again', async () => (await d.exec('return document.body.innerText;')).includes('已导入的文件'));
  });
});
