//! The window's cold-start marks, sent with `ui_ready` when the task hall's first rows
//! are on screen (drawn by the first paint, `firstPaint/`, or by the app) and with
//! `ui_interactive` when the app's own rows are: core logs them as `startup mark=js_NAME`
//! and `make bench` prints them between the page load and the rows (`bench/startup.py`).
//! Marks after `ui_interactive` are not kept. Each is the wall clock in ms
//! (`performance.timeOrigin + performance.now()`), which core turns into ms since the
//! process started.
//!
//! main.tsx imports this module first, so `script_start` is when the entry chunk starts
//! running, before the first paint and the app.

import type { UiMark } from '../bindings';

const marks: UiMark[] = [];
/** Every name marked so far: each is marked once. */
const named = new Set<string>();
let ended = false;

const now = () => performance.timeOrigin + performance.now();

/**
 * Marks `name` now, once: a name already marked, or any mark after `endStartupMarks`, is
 * dropped.
 */
export function startupMark(name: string): void {
  if (ended || named.has(name)) return;
  named.add(name);
  marks.push({ name, unix_ms: now() });
}

/** The marks since the last take, for `ui_ready`; later ones are kept for the next. */
export function takeStartupMarks(): UiMark[] {
  return marks.splice(0);
}

/** The marks since the last take, for `ui_interactive`; none are kept after. */
export function endStartupMarks(): UiMark[] {
  ended = true;
  return marks.splice(0);
}

named.add('navigation_start');
marks.push({ name: 'navigation_start', unix_ms: performance.timeOrigin });
startupMark('script_start');
