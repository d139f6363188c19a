import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fresh module per test: the marks are the window's, kept once per page load.
beforeEach(() => {
  vi.resetModules();
});

describe('startup marks', () => {
  it('start with the navigation and the script, keep each name once, in order', async () => {
    const { startupMark, takeStartupMarks } = await import('./startupMarks');
    startupMark('first_page_answered');
    startupMark('first_page_answered');
    startupMark('rows_frame');
    const marks = takeStartupMarks();
    expect(marks.map((m) => m.name)).toEqual([
      'navigation_start',
      'script_start',
      'first_page_answered',
      'rows_frame',
    ]);
    expect(marks[0]?.unix_ms).toBe(performance.timeOrigin);
    const times = marks.map((m) => m.unix_ms);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('gives ui_ready the marks so far, ui_interactive the rest, and keeps none after', async () => {
    const { endStartupMarks, startupMark, takeStartupMarks } = await import('./startupMarks');
    startupMark('first_rows_frame');
    expect(takeStartupMarks().map((m) => m.name)).toEqual([
      'navigation_start',
      'script_start',
      'first_rows_frame',
    ]);
    startupMark('rows_frame');
    startupMark('first_rows_frame');
    expect(endStartupMarks().map((m) => m.name)).toEqual(['rows_frame']);
    startupMark('late');
    expect(takeStartupMarks()).toEqual([]);
    expect(endStartupMarks()).toEqual([]);
  });
});
