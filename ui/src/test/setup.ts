import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import i18n from '../i18n';

// `findBy…`/`waitFor` wait up to 5 s (1 s by default): a page that asks core twice (the
// summary, then a page of rows) renders in well under that, but not always under 1 s on
// a busy 2-core machine. A missing element still fails.
configure({ asyncUtilTimeout: 5_000 });

// The Rust side is not here: every test scripts `invoke` and `listen` (see ipcMock.ts).
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));

// jsdom lays nothing out. The virtual list needs a viewport: give its scroller 760 px.
export const VIEWPORT_HEIGHT = 760;
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.hasAttribute('data-virtual-scroller') ? VIEWPORT_HEIGHT : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.hasAttribute('data-virtual-scroller') ? 900 : 0;
  },
});

// Semi's barrel loads lottie-web, which paints on a 2D canvas as it loads; jsdom has no
// canvas. Nothing here draws, so any context call may do nothing.
const inertContext: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === 'canvas' ? document.createElement('canvas') : () => {}) },
);
HTMLCanvasElement.prototype.getContext = (() => inertContext) as never;

// Browser APIs Semi's components expect and jsdom lacks.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

// Semi's barrel loads lottie-web, which from the moment it loads polls
// `document.readyState` every 100 ms until the document is complete. A test file done
// sooner had its jsdom torn down under that timer, and the run failed with "document is
// not defined" from lottie (a clean-clone make test, after src/app/dataEvents.test.ts, a
// file of pure functions). Node loads lottie as CommonJS, out of vi.mock's reach: each
// file instead lives until that timer's first tick, which finds the document complete and
// stops it. Timers fire in the order they fall due, so the tick comes before this wait
// ends.
const LOTTIE_POLL_MS = 100;
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, LOTTIE_POLL_MS + 20)));
