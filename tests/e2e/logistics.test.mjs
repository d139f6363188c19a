// End-to-end: sample logistics in the real window, against a platform account (the
// standalone sandbox on a free port, with its /control routes) that is also the
// kuaidi100-compatible tracking service: a selected application's parcel moves from
// shipped to delivered, and the Logistics page, its timeline and My campaigns show each
// step; a returned parcel raises its alert (R-REVIEW-16).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applicationsOn, controlPost, startPlatform } from './platform.mjs';
import { Driver, endSession, freePort, startDriver, tempDataDir } from './webdriver.mjs';
import { windowHelpers } from './window.mjs';

const app = process.env.STARDESK_E2E_APP;
const out = process.env.STARDESK_E2E_OUT;
const sandboxBin = process.env.STARDESK_E2E_SANDBOX;
assert.ok(app, 'STARDESK_E2E_APP must name the built stardesk-app binary (make test-e2e sets it)');
assert.ok(out, 'STARDESK_E2E_OUT must name the artifacts directory');
assert.ok(sandboxBin, 'STARDESK_E2E_SANDBOX must name the built stardesk-sandbox binary (make test-e2e sets it)');

const TOKEN = 'e2e-logistics-token';
// The sandbox's own tracking account (stardesk_sandbox::SANDBOX_TRACKING_*).
const TRACKING_CUSTOMER = 'STARDESKSANDBOX0';
const TRACKING_KEY = 'sandbox-tracking-key';
const DELIVERED_NO = 'YT7700000000001';
const RETURNED_NO = 'YT7700000000002';

/** Today in China time, `YYYY-MM-DD`. */
const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

describe('sample logistics in the real window', () => {
  let driver;
  let d;
  let platform;
  const dataDir = tempDataDir();
  const platformDb = join(tempDataDir(), 'platform.sqlite');
  const shipped = {};

  let wait, sel, present, clickOn, typeInto, closeSheet, bodyText, signIn, settingsTab;
  const row = (number) => `[data-testid="parcel-row"][data-tracking-no="${number}"]`;
  /** Refresh now on a parcel asked within 30 minutes: the window asks first, then it is asked. */
  const refreshAnyway = async (screenshot) => {
    await clickOn('parcel-refresh');
    await wait('the lock warning', () => present(sel('parcel-refresh-confirm')), 10000);
    assert.match(await bodyText(), /30 分钟/, 'the warning names the 30 minutes');
    if (screenshot) await d.screenshot(join(out, screenshot));
    await clickOn('parcel-refresh-anyway');
  };
  const stateOf = (number) =>
    d.exec(
      `const e = document.querySelector('${row(number)}'); return e ? e.getAttribute('data-state') : null;`,
    );

  /** The brand of a selected application ships its sample with `number`; its id. */
  async function shipOne(number) {
    const apps = await applicationsOn(platform.url, TOKEN);
    const taken = new Set(Object.values(shipped));
    let a = apps.find((x) => x.status === 'selected' && !x.shipment && !taken.has(x.id));
    if (!a) {
      a = apps.find((x) => x.status === 'submitted' && !taken.has(x.id));
      assert.ok(a, 'an application waiting for the brand');
      await controlPost(platform.url, TOKEN, `applications/${a.id}/select`);
    }
    await controlPost(platform.url, TOKEN, `applications/${a.id}/ship`, {
      carrier: 'yuantong',
      tracking_no: number,
      shipped_at: chinaToday(),
    });
    shipped[number] = a.id;
    return a.id;
  }

  async function syncNow() {
    await clickOn('sync-button');
  }

  before(async () => {
    const port = await freePort();
    platform = await startPlatform(sandboxBin, { port, db: platformDb, token: TOKEN, control: true });
    driver = await startDriver({ STARDESK_DATA_DIR: dataDir, STARDESK_LOG: 'info' });
    d = new Driver(driver.base);
    ({ wait, sel, present, clickOn, typeInto, closeSheet, bodyText, signIn, settingsTab } = windowHelpers(d, out, 'logistics'));
    await d.start(app);
  });

  after(async () => {
    await endSession(d, driver, app);
    await platform?.stop();
    for (const dir of [dataDir, join(platformDb, '..')]) rmSync(dir, { recursive: true, force: true });
  });

  test('signs in to the platform and sets its tracking account', async () => {
    await signIn(platform.url, TOKEN);
    await settingsTab('tracking', 'tracking-customer');
    await typeInto('tracking-customer', TRACKING_CUSTOMER);
    await typeInto('tracking-key', TRACKING_KEY);
    await typeInto('tracking-url', platform.url);
    await clickOn('tracking-save');
    await wait('the account saved', async () =>
      (await d.exec(
        'const e = document.querySelector(\'[data-testid="tracking-status"]\'); return e ? e.getAttribute("data-status") : null;',
      )) === 'configured',
    30000);
    await closeSheet('tracking-customer');
  });

  test('a shipped sample is tracked from shipped to delivered, on the page, its timeline and the application', async () => {
    const appId = await shipOne(DELIVERED_NO);
    // The first carrier events come in the morning of the shipping day.
    await controlPost(platform.url, TOKEN, 'clock', { advance_hours: 14 });
    await syncNow();
    await clickOn('nav-logistics');
    await wait('the parcel on the page', () => present(row(DELIVERED_NO)), 60000);
    // A row is drawn as the sync brings the parcel ('none'); its state comes once the
    // tracking job has asked the service.
    const moving = await wait('its first state', async () => {
      const s = await stateOf(DELIVERED_NO);
      return s && s !== 'none' ? s : null;
    }, 60000);
    assert.notEqual(moving, 'delivered', `not delivered yet (${moving})`);
    await d.click(await d.find(row(DELIVERED_NO)));
    await wait('the timeline', () => present(sel('parcel-timeline')));
    const before = (await d.findAll(sel('parcel-event'))).length;
    assert.ok(before >= 1, 'the events so far');
    await d.screenshot(join(out, 'logistics-timeline.png'));

    // The carrier delivers it; a refresh asks the service now. The parcel was asked
    // moments ago, when it came: the window first says kuaidi100 would lock the number.
    await controlPost(platform.url, TOKEN, `applications/${appId}/deliver`);
    await refreshAnyway('logistics-refresh-confirm.png');
    await wait('delivered', async () => (await stateOf(DELIVERED_NO)) === 'delivered', 30000);
    await wait('the signing event', async () => (await d.findAll(sel('parcel-event'))).length > before, 30000);
    const events = await d.findAll(sel('parcel-event'));
    assert.match(await d.text(events[0]), /签收/, 'the newest event first: signed for');
    await closeSheet('parcel-timeline');
    await d.screenshot(join(out, 'logistics.png'));

    // The application in My campaigns shows the parcel's state.
    await syncNow();
    await clickOn('nav-campaigns');
    await wait('the parcel state on the application', async () => {
      const states = await d.exec(
        'return [...document.querySelectorAll(\'[data-testid="campaign-parcel-state"]\')].map((e) => e.getAttribute("data-state"));',
      );
      return states.includes('delivered');
    }, 30000);
  });

  test('a returned parcel raises its alert at once (R-REVIEW-16)', async () => {
    await shipOne(RETURNED_NO);
    await controlPost(platform.url, TOKEN, 'clock', { advance_hours: 10 });
    await syncNow();
    await clickOn('nav-logistics');
    await wait('the second parcel', () => present(row(RETURNED_NO)), 60000);
    // Asked once by the tracking job, so the refresh below meets the 30-minute warning.
    await wait('its first state', async () => !['none', null].includes(await stateOf(RETURNED_NO)), 60000);
    await controlPost(platform.url, TOKEN, `parcels/${RETURNED_NO}/incident`, { kind: 'returned' });
    await d.click(await d.find(row(RETURNED_NO)));
    await refreshAnyway();
    await wait('returned', async () => (await stateOf(RETURNED_NO)) === 'returned', 30000);
    await wait('the returned alert', () => present(`${row(RETURNED_NO)} [data-testid="parcel-alert"][data-code="returned"]`), 30000);
    assert.match(await bodyText(), /R-REVIEW-16/);
    await d.screenshot(join(out, 'logistics-returned.png'));
    await closeSheet('parcel-timeline');
  });

  test('in English', async () => {
    await clickOn('lang-switch');
    await wait('English', async () => (await bodyText()).includes('Logistics'));
    await d.screenshot(join(out, 'logistics-en.png'));
    await d.click(await d.find(row(DELIVERED_NO)));
    await wait('the timeline', () => present(sel('parcel-timeline')));
    await d.screenshot(join(out, 'logistics-timeline-en.png'));
    await closeSheet('parcel-timeline');
    await clickOn('lang-switch');
  });
});
