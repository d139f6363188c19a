// End-to-end: the real StarDesk window under Xvfb, driven over WebDriver.
// Run by scripts/e2e.sh, which provides the display, the keychain and the binary path.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Driver, endSession, startDriver, tempDataDir, waitFor } from './webdriver.mjs';

const app = process.env.STARDESK_E2E_APP;
const out = process.env.STARDESK_E2E_OUT;
assert.ok(app, 'STARDESK_E2E_APP must name the built stardesk-app binary (make test-e2e sets it)');
assert.ok(out, 'STARDESK_E2E_OUT must name the artifacts directory');

const totalOf = async (d) => {
  const text = await d.text(await d.find('[data-testid="task-total"]'));
  const digits = text.replace(/[^0-9]/g, '');
  return digits === '' ? Number.NaN : Number(digits);
};

// Every facet of a row (industry, content form) is on screen whole or not at all: cut to
// its first character, 美妆 read as 美 in the English rows (stop 28's screenshot).
// Returns the facets shown, those out of room, and those cut, over the rows on screen.
const facetFit = (d) =>
  d.exec(`
    let shown = 0, hidden = 0; const cut = [];
    for (const box of document.querySelectorAll('#root [data-testid="task-row"] .task-row__facets')) {
      const b = box.getBoundingClientRect();
      for (const f of box.querySelectorAll('.task-row__facet')) {
        const r = f.getBoundingClientRect();
        if (r.top >= b.bottom - 0.5) hidden += 1;
        else if (r.right <= b.right + 0.5 && r.bottom <= b.bottom + 0.5) shown += 1;
        else cut.push(f.textContent + ' ' + Math.round(r.right - b.right) + 'px past the row');
      }
    }
    return [shown, hidden, cut];`);

const assertFacetsWhole = async (d, language) => {
  const [shown, hidden, cut] = await facetFit(d);
  assert.deepEqual(cut, [], `${language}: facets cut at the edge of their row`);
  assert.ok(shown > 0, `${language}: facets shown (${shown} shown, ${hidden} out of room)`);
  return { shown, hidden };
};

describe('task hall in the real window', () => {
  let driver;
  let d;
  const dataDir = tempDataDir();

  before(async () => {
    driver = await startDriver({ STARDESK_DATA_DIR: dataDir, STARDESK_LOG: 'info' });
    d = new Driver(driver.base);
    await d.start(app);
  });

  after(async () => {
    await endSession(d, driver, app);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens on the task hall with tasks synced from the embedded sandbox', async () => {
    await waitFor('task rows', async () => (await d.findAll('[data-testid="task-row"]')).length > 0, 60000);
    const total = await waitFor('the first sync to finish', async () => {
      const t = await totalOf(d);
      return t >= 3000 ? t : 0;
    }, 60000);
    assert.equal(total, 3000, 'the embedded sandbox seeds 3,000 tasks');
    const synced = await d.text(await d.find('[data-testid="last-synced"]'));
    assert.ok(synced.trim().length > 0, 'last synced is shown');
  });

  test('a Chinese search narrows the list', async () => {
    const before = await totalOf(d);
    await d.type(await d.find('[data-testid="search-input"]'), '面霜');
    const after = await waitFor('the search to narrow the list', async () => {
      const t = await totalOf(d);
      return t > 0 && t < before ? t : 0;
    });
    assert.ok(after < before, `${after} < ${before}`);
    const texts = await d.exec(
      'return Array.from(document.querySelectorAll(\'[data-testid="task-row"]\')).slice(0, 8).map((e) => e.textContent);',
    );
    assert.ok(texts.length > 0, 'rows are shown');
    for (const t of texts) assert.match(t, /面霜/, 'each visible row matches the search');
  });

  test('the detail panel shows the net amount', async () => {
    const [first] = await d.findAll('[data-testid="task-row"]');
    await d.click(first);
    const net = await waitFor('the net table', async () => {
      const t = await d.text(await d.find('[data-testid="detail-net"]'));
      return /¥\s?[\d,]+\.\d{2}/.test(t) ? t : '';
    });
    assert.match(net, /¥\s?[\d,]+\.\d{2}/);
    const elig = await d.text(await d.find('[data-testid="detail-eligibility"]'));
    assert.match(elig, /R-(REVIEW-11|JOIN-1)/, 'eligibility names its rule');
    await assertFacetsWhole(d, 'zh-CN');
    await d.screenshot(join(out, 'task-hall.png'));
  });

  test('the language switch shows the window in English', async () => {
    await d.click(await d.find('[data-testid="lang-switch"]'));
    const body = await waitFor('English text', async () => {
      const t = await d.exec('return document.body.innerText;');
      return t.includes('Task hall') && t.includes('Sync') ? t : '';
    });
    assert.doesNotMatch(body, /任务大厅/, 'no zh-CN navigation left');
    // The English tags are wider: here some facets are out of room, and none is cut.
    const { hidden } = await assertFacetsWhole(d, 'en');
    assert.ok(hidden > 0, 'the English rows leave some facets out (the case this checks)');
    await d.screenshot(join(out, 'task-hall-en.png'));
    await d.click(await d.find('[data-testid="lang-switch"]'));
  });

  test('a second launch hands over to the running window and exits', async () => {
    const handles = await d.call('GET', d.s('/window/handles'));
    const second = spawn(app, [], {
      env: { ...process.env, STARDESK_DATA_DIR: dataDir, STARDESK_LOG: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    second.stderr.on('data', (chunk) => {
      log += chunk;
    });
    const code = await Promise.race([
      new Promise((resolve) => second.once('exit', (c) => resolve(c))),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 20000)),
    ]);
    if (code === 'still running') second.kill('SIGKILL');
    assert.equal(code, 0, `the second StarDesk should exit at once, not open the database again; its log: ${log}`);
    assert.doesNotMatch(log, /embedded sandbox started|database migrated/, 'the second launch opened nothing');
    assert.deepEqual(await d.call('GET', d.s('/window/handles')), handles, 'still the one window');
    assert.ok((await d.findAll('[data-testid="task-row"]')).length > 0, 'the first window still answers');
  });
});
