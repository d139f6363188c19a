// What the end-to-end tests do in the window, shared: waiting with a screenshot on a
// timeout, finding by test id, clicking, typing into Semi inputs, closing side sheets, and
// signing in to a platform account from Settings.
import { join } from 'node:path';
import { waitFor } from './webdriver.mjs';

/** Helpers over the WebDriver session `d`; a timeout leaves `<prefix>-failed-<what>.png` in `out`. */
export function windowHelpers(d, out, prefix) {
  const wait = (what, fn, ms, every) =>
    waitFor(what, fn, ms, every).catch(async (e) => {
      await d.screenshot(join(out, `${prefix}-failed-${what.replace(/[^a-z0-9]+/gi, '-')}.png`)).catch(() => {});
      throw e;
    });
  const sel = (testid) => `[data-testid="${testid}"]`;
  const present = async (css) => (await d.findAll(css)).length > 0;
  const clickOn = async (testid) => {
    const el = await wait(testid, () => d.find(sel(testid)));
    await d.click(el);
  };
  const typeInto = async (testid, text) => {
    // Semi puts the test id on the wrapper or on the input itself: type into the input.
    const el = await wait(testid, () =>
      d.find(`input${sel(testid)}, textarea${sel(testid)}, ${sel(testid)} input, ${sel(testid)} textarea`),
    );
    await d.type(el, text);
  };
  /** Closes the open side sheet with its × and waits until `gone` is gone. */
  const closeSheet = (gone) =>
    wait('the sheet to close', async () => {
      if (!(await present(sel(gone)))) return true;
      const close = await d.findAll('.semi-sidesheet-close');
      if (close.length > 0) await d.click(close[close.length - 1]).catch(() => {});
      return false;
    }, 20000, 700);
  const bodyText = () => d.exec('return document.body.innerText;');
  /** Settings → account: the platform at `url` with `token`; waits for its tasks. */
  const signIn = async (url, token) => {
    await wait('the window', () => present(sel('settings-button')), 60000);
    await clickOn('settings-button');
    await clickOn('source-platform');
    await typeInto('platform-url', url);
    await typeInto('platform-token', token);
    await clickOn('settings-save');
    // textContent: WebKit leaves an ellipsised url out of the rendered text.
    await wait('the platform source', async () =>
      (await d.exec('return document.querySelector(\'[data-testid="source-badge"]\').textContent;')).includes(url),
    60000);
    // Switching accounts syncs the new one.
    await wait('the account\'s tasks', () => present(sel('task-row')), 90000);
  };
  /** Opens Settings on the tab `tab` (the sheet may be closing after a save: retry). */
  const settingsTab = (tab, shown) =>
    wait(`the ${tab} tab`, async () => {
      if (!(await present(sel(`settings-tab-${tab}`)))) await clickOn('settings-button');
      await d.click(await d.find(sel(`settings-tab-${tab}`)));
      await new Promise((r) => setTimeout(r, 500));
      return present(sel(shown));
    }, 30000, 1000);
  return { wait, sel, present, clickOn, typeInto, closeSheet, bodyText, signIn, settingsTab };
}
