// A small W3C WebDriver client over fetch, enough to drive the StarDesk window through
// tauri-driver (which forwards to WebKitWebDriver on Linux).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Page script: `moving()`, whether a finite animation (a popup growing in, a toast
 * arriving) is running; endless ones such as spinners do not count. */
const MOVING = `const moving = () => (document.getAnimations ? document.getAnimations() : []).some(
  (a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity,
);`;

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, fn, timeoutMs = 30000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

export class Driver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async call(method, path, body) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const v = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${res.status} ${v.error ?? ''} ${v.message ?? ''}`);
    }
    return json.value;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  async start(application) {
    const value = await this.call('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    this.session = value.sessionId;
    return value;
  }

  async quit() {
    if (this.session) await this.call('DELETE', this.s('')).catch(() => {});
    this.session = null;
  }

  async find(css) {
    const v = await this.call('POST', this.s('/element'), { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.call('POST', this.s('/elements'), { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  text(el) {
    return this.call('GET', this.s(`/element/${el}/text`));
  }

  /**
   * Clicks `el`. Toasts show at the top of the window for a few seconds; when one is over
   * the element, the click is refused as intercepted: the toasts are closed with their ×, as
   * a user would, and the click is made again.
   */
  async click(el) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call('POST', this.s(`/element/${el}/click`), {});
      } catch (e) {
        if (attempt === 10 || !/intercepted/.test(e.message)) throw e;
        const toasts = await this.findAll('.semi-toast-close-button').catch(() => []);
        for (const close of toasts) {
          await this.call('POST', this.s(`/element/${close}/click`), {}).catch(() => {});
        }
        await sleep(400);
      }
    }
  }

  /**
   * Waits until the element `css` stands still where a click would reach it: no finite
   * animation running in the page, its box the same over two animation frames, and the
   * element itself (or a child) at its centre. A popup is placed once drawn and grows in;
   * a click computed against one box can land after it moved. Throws after `timeoutMs`.
   */
  async settle(css, timeoutMs = 10000) {
    const ok = await this.execAsync(
      `
      const [css, timeoutMs, done] = arguments;
      const started = performance.now();
      let last = null;
      ${MOVING}
      const check = () => {
        const el = document.querySelector(css);
        const r = el && el.getBoundingClientRect();
        const box = r && [r.x, r.y, r.width, r.height].join();
        const hit = r && r.width > 0 && el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
        if (hit && !moving() && box === last) return done(true);
        last = box;
        if (performance.now() - started > timeoutMs) return done(false);
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);`,
      [css, timeoutMs],
    );
    if (!ok) throw new Error(`${css} did not stand still within ${timeoutMs} ms`);
  }

  type(el, text) {
    return this.call('POST', this.s(`/element/${el}/value`), { text });
  }

  exec(script, args = []) {
    return this.call('POST', this.s('/execute/sync'), { script, args });
  }

  execAsync(script, args = []) {
    return this.call('POST', this.s('/execute/async'), { script, args });
  }

  /**
   * A PNG of the window once its animations have ended (a tab sliding in, a toast
   * arriving; 3 s at most, endless ones such as spinners aside), after two more animation
   * frames so it is not a stale frame.
   */
  async screenshot(path) {
    await this.execAsync(`
      const done = arguments[arguments.length - 1];
      const started = performance.now();
      ${MOVING}
      const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
      const check = () => (!moving() || performance.now() - started > 3000 ? frames() : setTimeout(check, 50));
      check();`);
    const b64 = await this.call('GET', this.s('/screenshot'));
    writeFileSync(path, Buffer.from(b64, 'base64'));
  }
}

/** Starts tauri-driver on a free port with `env` for the app it launches. */
export async function startDriver(env) {
  // Each session's webview keeps its storage (the UI language among it) in a directory of
  // its own, so no test starts in the language another one left behind.
  env = { XDG_DATA_HOME: tempDataDir(), ...env };
  const port = await freePort();
  const nativePort = await freePort();
  const args = ['--port', String(port), '--native-port', String(nativePort)];
  if (process.platform === 'linux') args.push('--native-driver', '/usr/bin/WebKitWebDriver');
  const child = spawn('tauri-driver', args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (e) => {
    throw new Error(`cannot start tauri-driver (cargo install tauri-driver --locked): ${e.message}`);
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('tauri-driver to listen', async () => (await fetch(`${base}/status`)).ok, 20000);
  return { base, child, exited };
}

export function tempDataDir() {
  return mkdtempSync(join(tmpdir(), 'stardesk-e2e-'));
}

/**
 * Ends a session: quits WebDriver, stops tauri-driver, and kills what is left of the app.
 * WebKitWebDriver can leave the app behind: processes running this binary are matched by
 * executable (not by command line, which the test runner's own parents also carry).
 */
export async function endSession(d, driver, app) {
  await d?.quit();
  driver?.child.kill('SIGTERM');
  await driver?.exited;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === app) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}
