// End-to-end: applying for a product-review campaign in the real window, against a
// platform account (the standalone sandbox on a free port) that the test takes away and
// brings back: apply with a saved address → the application in My campaigns with its
// dates; platform down → apply again → waiting to send, counted in the header; platform
// back → sent exactly once, the count gone.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applicationsOn, startPlatform } from './platform.mjs';
import { Driver, endSession, freePort, startDriver, tempDataDir } from './webdriver.mjs';
import { windowHelpers } from './window.mjs';

const app = process.env.STARDESK_E2E_APP;
const out = process.env.STARDESK_E2E_OUT;
const sandboxBin = process.env.STARDESK_E2E_SANDBOX;
assert.ok(app, 'STARDESK_E2E_APP must name the built stardesk-app binary (make test-e2e sets it)');
assert.ok(out, 'STARDESK_E2E_OUT must name the artifacts directory');
assert.ok(sandboxBin, 'STARDESK_E2E_SANDBOX must name the built stardesk-sandbox binary (make test-e2e sets it)');

const TOKEN = 'e2e-campaigns-token';
const STRENGTHS = '美妆测评三年，粉丝以 18-30 岁女性为主，近 30 天平均播放 12 万';
const IDEA = '一周早晚对比实测，展示质地、吸收速度与持妆时长，结尾给出真实结论';

describe('product-review applications in the real window', () => {
  let driver;
  let d;
  let platform;
  let port;
  const dataDir = tempDataDir();
  const pickDir = tempDataDir();
  const platformDb = join(tempDataDir(), 'platform.sqlite');
  const applied = [];

  let wait, sel, present, clickOn, typeInto, closeSheet, bodyText, signIn, settingsTab;
  // An element as a script argument (WebDriver's element reference).
  const ref = (id) => ({ 'element-6066-11e4-a52e-4f735466cecf': id });
  const outboxCount = () =>
    d.exec(
      'const e = document.querySelector(\'[data-testid="outbox-count"]\'); return e ? Number(e.getAttribute("data-count")) : 0;',
    );

  before(async () => {
    port = await freePort();
    platform = await startPlatform(sandboxBin, { port, db: platformDb, token: TOKEN });
    driver = await startDriver({
      STARDESK_DATA_DIR: dataDir,
      STARDESK_TEST_PICK_DIR: pickDir,
      STARDESK_LOG: 'info',
    });
    d = new Driver(driver.base);
    ({ wait, sel, present, clickOn, typeInto, closeSheet, bodyText, signIn, settingsTab } = windowHelpers(d, out, 'campaigns'));
    await d.start(app);
  });

  after(async () => {
    await endSession(d, driver, app);
    await platform?.stop();
    for (const dir of [dataDir, pickDir, join(platformDb, '..')]) rmSync(dir, { recursive: true, force: true });
  });

  test('signs in to the platform account and saves a default address', async () => {
    await signIn(platform.url, TOKEN);
    await settingsTab('addresses', 'address-add');
    await clickOn('address-add');
    await typeInto('address-contact-name', '林小满');
    await typeInto('address-phone', '13812345678');
    // The region cascader searches as you type; pick the one district that matches.
    // The region cascader searches as you type; it opens on a click once the dialog has
    // settled (retry until its search box is there).
    const search = await wait('the region search box', async () => {
      const boxes = await d.findAll('[x-field-id="region"] input');
      if (boxes.length > 0) return boxes[0];
      await d.click(await d.find(sel('address-region')));
      return null;
    }, 30000, 700);
    await d.type(search, '西湖区');
    const option = await wait('the 西湖区 option', async () => {
      const opts = await d.findAll('.semi-cascader-option');
      for (const o of opts) if ((await d.text(o)).includes('杭州市')) return o;
      return null;
    });
    await d.click(option);
    await typeInto('address-detail', '文三路 90 号 3 幢 501');
    // The cascader's popup may still be closing over the dialog: click Save until it saves.
    const row = await wait('the saved address', async () => {
      const rows = await d.findAll(sel('address-row'));
      if (rows.length === 1) return rows[0];
      const save = await d.findAll(sel('address-save'));
      if (save.length > 0) await d.click(save[0]).catch(() => {});
      return null;
    }, 30000, 1000);
    const shown = await d.text(row);
    assert.match(shown, /138\*\*\*\*5678/, 'the phone is masked in the list');
    assert.doesNotMatch(shown, /文三路/, 'the street is not shown in the list');
    await closeSheet('settings-tab-addresses');
  });

  /** Opens product-review tasks the creator is eligible for until one can be applied to
   * without a warning; leaves its form open and returns its task id. */
  async function openApplicableForm(skip) {
    await clickOn('nav-tasks');
    const search = await wait('the search box', () => d.find(sel('search-input')));
    // The hall keeps its search across pages: type it only once.
    if ((await d.exec('return arguments[0].value;', [ref(search)])) !== '好物测评') await d.type(search, '好物测评');
    // The rows by task id and text: the hall renders its rows again when a sync ends (the
    // account's first sync may still be writing), so an element found now may be gone.
    const rows = await wait('review tasks', async () => {
      const r = await d.exec(
        'return Array.from(document.querySelectorAll(\'[data-testid="task-row"]\')).map((e) => [e.getAttribute("data-task-id"), e.textContent]);',
      );
      return r.length > 0 && r.every(([, t]) => t.includes('测评')) ? r : null;
    });
    for (const [id, rowText] of rows.slice(0, 40)) {
      if (skip.includes(id)) continue;
      // Found again by its id and clicked at once (again if it was rendered anew between).
      await wait(`the row of task ${id}`, async () => {
        await d.click(await d.find(`${sel('task-row')}[data-task-id="${id}"]`));
        return true;
      });
      // The detail of this row, not the one before.
      await wait('the detail of the row', async () => {
        const title = await d.exec(
          'const e = document.querySelector(".detail-head__title"); return e ? e.textContent : "";',
        );
        return title !== '' && rowText.includes(title);
      });
      if (!(await present(sel('apply-open')))) continue;
      await clickOn('apply-open');
      await wait('the form', () => present(sel('apply-form')));
      // The form checks itself against the task (debounced): wait for core's verdict on
      // the form as it opened.
      const verdict = `${sel('apply-form')} .apply-footer[data-checked="true"]`;
      await wait('the form checked', () => present(verdict));
      const warned = await present(sel('apply-warning'));
      const submit = await d.find(sel('apply-submit'));
      const disabled = await d.exec(
        'return arguments[0].disabled || arguments[0].getAttribute("aria-disabled") === "true";',
        [ref(submit)],
      );
      if (!warned && !disabled) return id;
      await closeSheet('apply-form');
    }
    throw new Error('no product-review task could be applied to without a warning');
  }

  async function fillAndSubmit() {
    const address = await d.text(await d.find(sel('apply-address')));
    assert.match(address, /林小满/, 'the default address is preselected');
    for (const [testid, text] of [['apply-strengths', STRENGTHS], ['apply-idea', IDEA]]) {
      const field = await d.find(`${sel(testid)} textarea, textarea${sel(testid)}`);
      const current = await d.exec('return arguments[0].value;', [ref(field)]);
      if (current.length < 10) await d.type(field, text);
    }
    await clickOn('apply-submit');
    await wait('the form to close', async () => !(await present(sel('apply-form'))));
  }

  test('applies from the task hall with the saved address; My campaigns shows it with its dates', async () => {
    const before = await applicationsOn(platform.url, TOKEN);
    const taskId = await openApplicableForm([]);
    applied.push(taskId);
    await d.screenshot(join(out, 'apply-form.png'));
    await fillAndSubmit();
    const after = await wait('the platform to have it', async () => {
      const a = await applicationsOn(platform.url, TOKEN);
      return a.length === before.length + 1 ? a : null;
    });
    const mine = after.filter((a) => a.task_id === taskId);
    assert.equal(mine.length, 1, 'exactly one application for the task');
    assert.equal(mine[0].shipping.address.district, '西湖区', 'sent with the saved address');

    await clickOn('nav-campaigns');
    const card = await wait('its card', async () => {
      for (const c of await d.findAll(sel('campaign-card'))) {
        const id = await d.exec('return arguments[0].getAttribute("data-application-id");', [ref(c)]);
        if (id === mine[0].id) return c;
      }
      return null;
    }, 30000);
    const text = await d.text(card);
    assert.match(text, /品牌方选择截止/, 'the selection date is named');
    assert.match(text, /\d{4}-\d{2}-\d{2}/, 'with its date');
    assert.match(text, /14 天|还剩 1[34] 天/, 'and the 14-day countdown (R-REVIEW-3)');
    await d.screenshot(join(out, 'campaigns.png'));
  });

  test('with the platform unreachable an application waits; back, it is sent exactly once', async () => {
    await platform.stop();
    const taskId = await openApplicableForm(applied);
    applied.push(taskId);
    await fillAndSubmit();
    await wait('the header count', async () => (await outboxCount()) === 1);
    await clickOn('nav-campaigns');
    await wait('the waiting item', async () => {
      for (const item of await d.findAll(sel('outbox-item'))) {
        if ((await d.exec('return arguments[0].getAttribute("data-state");', [ref(item)])) === 'waiting') return true;
      }
      return false;
    });
    // The first attempt has failed and is recorded (its reason is shown) before the
    // platform comes back.
    await wait('the failed attempt', () => present('[data-testid="outbox-item"][data-state="waiting"] [data-testid="outbox-last-error"]'), 60000);
    await d.screenshot(join(out, 'campaigns-waiting.png'));

    platform = await startPlatform(sandboxBin, { port, db: platformDb, token: TOKEN });
    await clickOn('sync-button');
    // Sent by the outbox job (a sync that reaches the platform makes it due at once).
    const onServer = await wait('the platform to have it', async () => {
      const a = (await applicationsOn(platform.url, TOKEN)).filter((x) => x.task_id === taskId);
      return a.length > 0 ? a : null;
    }, 90000, 1000);
    assert.equal(onServer.length, 1, 'sent exactly once');
    // The header's count and the outbox list are two reads of the same event, in either
    // order: both must come to nothing waiting.
    await wait('the header count to go', async () => (await outboxCount()) === 0, 30000);
    await wait('nothing waiting in the list', async () => !(await present('[data-testid="outbox-item"][data-state="waiting"]')), 30000);
    assert.equal(await outboxCount(), 0, 'the header count stays at 0');
  });

  test('the agenda lists the coming dates and exports them as a calendar', async () => {
    await clickOn('nav-campaigns');
    await clickOn('campaigns-tab-agenda');
    await wait('the agenda', () => present(sel('agenda')));
    await d.screenshot(join(out, 'agenda.png'));
    await clickOn('agenda-export');
    const ics = join(pickDir, 'exports', 'report.ics');
    await wait('the calendar file', async () => existsSync(ics));
    const text = readFileSync(ics, 'utf8');
    assert.match(text, /^BEGIN:VCALENDAR/);
    assert.ok((text.match(/BEGIN:VEVENT/g) ?? []).length > 0, 'one event per date');
    assert.ok((text.match(/BEGIN:VALARM/g) ?? []).length > 0, 'with the reminders as alarms');
  });

  test('in English', async () => {
    await clickOn('lang-switch');
    await wait('English', async () => (await bodyText()).includes('My campaigns'));
    await d.screenshot(join(out, 'agenda-en.png'));
    await clickOn('campaigns-tab-applications');
    await wait('the cards', () => present(sel('campaign-card')));
    await d.screenshot(join(out, 'campaigns-en.png'));
    await openApplicableForm(applied);
    await d.screenshot(join(out, 'apply-form-en.png'));
    await closeSheet('apply-form');
    await clickOn('lang-switch');
  });
});
