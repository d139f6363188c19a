//! The window's cold-start marks, sent with `ui_ready` when the task hall's first rows
//! are on screen: core logs them as `startup mark=js_NAME` and `make bench` prints them
//! between the page load and the first rows (`bench/startup.py`). Marks after that are
//! not kept. Each is the wall clock in ms (`performance.timeOrigin + performance.now()`),
//! which core turns into ms since the process started.
//!
//! main.tsx imports this module first, so `script_start` is when the entry chunk starts
//! running: after the chunks it imports (React, Semi) were evaluated, before the app's own
//! modules.

import type { UiMark } from '../bindings';

const marks: UiMark[] = [];
let sent = false;

const now = () => performance.timeOrigin + performance.now();

/** Marks `name` now, once: a name already marked, or any mark after `ui_ready`, is dropped. */
export function startupMark(name: string): void {
  if (sent || marks.some((m) => m.name === name)) return;
  marks.push({ name, unix_ms: now() });
}

/** The marks so far, for `ui_ready`; none are kept after. */
export function takeStartupMarks(): UiMark[] {
  sent = true;
  return marks.splice(0);
}

marks.push({ name: 'navigation_start', unix_ms: performance.timeOrigin });
startupMark('script_start');
