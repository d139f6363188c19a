//! The first paint: the task hall's first rows on screen before the app's bundle (React,
//! Semi, every screen: ~850 kB of JavaScript) has loaded, let alone rendered.
//!
//! `index.html`'s first script asks core for the hall's first page at once. This module,
//! the whole of the entry chunk with the hall's words and stylesheets, draws the window's
//! frame and that page's rows as soon as the answer comes: the header's brand, an empty
//! navigation, the filter bar's empty fields, the total, the rows (the markup of
//! `TaskRowView`, from `taskRow.ts`) and an empty detail panel, laid out by the app's own
//! classes so nothing moves when the app takes over. In the frame that paints them it
//! reports `ui_ready`, then loads the app. The app renders under this layer, which lets
//! every click through (`pointer-events: none`), and removes it in the commit that puts
//! its own rows on screen ([`dismissFirstPaint`]), or as soon as it shows anything else.
//!
//! Without an early question (outside a Tauri window) or once the app has started, it
//! draws nothing; a failed question, or an answer slower than [`WAIT_MS`], starts the app
//! without it.

import i18next from 'i18next';
import type { TaskPage } from '../bindings';
import { en as taskHallEn } from '../features/taskHall/i18n/en';
import { zhCN as taskHallZh } from '../features/taskHall/i18n/zh-CN';
import { ROW_HEIGHT } from '../features/taskHall/rowStyle';
import type { TFor } from '../i18n';
import { en as commonEn } from '../i18n/en';
import { storedLang } from '../i18n/lang';
import { zhCN as commonZh } from '../i18n/zh-CN';
import { formatCount, type Lang } from '../shared/format';
import { uiInteractive, uiReady } from '../shared/ipc';
import { endStartupMarks, startupMark, takeStartupMarks } from '../shared/startupMarks';
import { el } from './dom';
import { taskRowElement } from './taskRow';

/** How long the app waits for the first page before it starts without the first paint. */
export const WAIT_MS = 300;

/** The layer's id; it covers the window, above the app, until dismissed. */
export const FIRST_PAINT_ID = 'first-paint';

/** How long the app waits for the first paint's frame before it loads anyway. */
export const FRAME_WAIT_MS = 500;

/** Whether the first paint drew (and reported) the first rows. */
let shown = false;
/** Whether the app reported its own rows. */
let reported = false;

/** The words the layer needs, in `lang`. */
function translator(lang: Lang): TFor<'taskHall'> {
  const instance = i18next.createInstance();
  void instance.init({
    resources: {
      'zh-CN': { common: commonZh, taskHall: taskHallZh },
      en: { common: commonEn, taskHall: taskHallEn },
    },
    lng: lang,
    fallbackLng: 'zh-CN',
    ns: ['taskHall', 'common'],
    defaultNS: 'taskHall',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.getFixedT(lang, ['taskHall', 'common']);
}

/** An empty field of the filter bar, the size of the one it stands for. */
function field(className: string, text = ''): HTMLElement {
  return el('div', `first-paint__field ${className}`, text);
}

/** The filter bar's two rows, as empty fields (see `FilterBar.tsx`). */
function filterBar(t: TFor<'taskHall'>): HTMLElement {
  const sorts = el(
    'div',
    'first-paint__field first-paint__sort',
    ...(['hall.sortNewest', 'hall.sortDeadline', 'hall.sortReward'] as const).map((key) =>
      el('span', null, t(key)),
    ),
  );
  return el(
    'div',
    'filter-bar',
    el('div', 'filter-bar__row', field('filter-bar__search', t('hall.searchPlaceholder')), sorts),
    el(
      'div',
      'filter-bar__row filter-bar__row--wrap',
      field('filter-bar__select', t('hall.category')),
      field('filter-bar__select', t('hall.industry')),
      field('filter-bar__select filter-bar__select--narrow', t('hall.contentForm')),
      el(
        'span',
        'filter-bar__range',
        field('filter-bar__amount', `¥ ${t('hall.rewardMinHint')}`),
        el('span', 'filter-bar__to', t('hall.rewardTo')),
        field('filter-bar__amount', `¥ ${t('hall.rewardMaxHint')}`),
      ),
      field('filter-bar__select filter-bar__select--narrow', t('hall.deadlineAny')),
      el(
        'span',
        'filter-bar__switch',
        el('span', 'first-paint__switch'),
        el('span', null, t('hall.eligibleOnly')),
      ),
    ),
  );
}

/** "共 N 个任务", its number set apart as the hall sets it. */
function total(t: TFor<'taskHall'>, count: number): HTMLElement {
  const [before = '', rest = ''] = t('hall.total', { count, shown: formatCount(count) }).split(
    '<n>',
  );
  const [number = '', after = ''] = rest.split('</n>');
  return el(
    'span',
    'hall-summary__total',
    before,
    el('span', 'hall-summary__count', number),
    after,
  );
}

/** The window as the task hall first shows it, with `page`'s rows that fit. */
export function firstPaintElement(
  page: TaskPage,
  t: TFor<'taskHall'>,
  height: number,
): HTMLElement {
  const fit = Math.min(page.rows.length, Math.ceil(height / ROW_HEIGHT));
  const slots = page.rows.slice(0, fit).map((row, index) => {
    const slot = el('div', 'task-list__slot', taskRowElement(row, t));
    slot.style.height = `${ROW_HEIGHT}px`;
    slot.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    return slot;
  });
  const inner = el('div', 'task-list__inner', ...slots);
  inner.style.height = `${page.total * ROW_HEIGHT}px`;
  const layer = el(
    'section',
    'first-paint app semi-layout',
    el(
      'header',
      'semi-layout-header',
      el(
        'div',
        'app-header',
        el(
          'div',
          'app-header__brand',
          el('span', 'app-header__logo', '★'),
          el('span', 'app-header__name', t('common:app.name')),
          el('span', 'app-header__wordmark', t('common:app.wordmark')),
        ),
      ),
    ),
    el(
      'section',
      'app-body semi-layout semi-layout-has-sider',
      el(
        'aside',
        'app-sider semi-layout-sider',
        el('div', 'semi-layout-sider-children', el('div', 'first-paint__nav')),
      ),
      el(
        'main',
        'app-content semi-layout-content',
        el(
          'div',
          'hall',
          el(
            'div',
            'hall-main',
            filterBar(t),
            el('div', 'hall-summary', total(t, page.total)),
            el('div', 'hall-list', el('div', 'task-list', inner)),
          ),
          el('aside', 'hall-detail'),
        ),
      ),
    ),
  );
  layer.id = FIRST_PAINT_ID;
  layer.setAttribute('aria-hidden', 'true');
  return layer;
}

/**
 * Draws the first rows when the early answer comes, reports them in the frame that paints
 * them, then calls `boot` (which loads the app). `boot` is called exactly once: at once
 * without an early question; when the answer fails, has no rows, or cannot be drawn;
 * after [`WAIT_MS`] without an answer; and after [`FRAME_WAIT_MS`] without a frame (a
 * hidden or minimised window gets none, and the app must load all the same).
 */
export function startFirstPaint(boot: () => void): void {
  let booted = false;
  const start = () => {
    if (booted) return;
    booted = true;
    boot();
  };
  const early = window.__STARDESK_FIRST_PAGE__;
  if (!early) {
    start();
    return;
  }
  const late = setTimeout(start, WAIT_MS);
  early.promise.then((page) => {
    startupMark('first_page_answered');
    if (booted || page.rows.length === 0) {
      start();
      return;
    }
    try {
      // The window is still hidden (it shows when the page has loaded) and may not know
      // its height yet: rows for the screen's, which the list clips.
      const height = Math.max(window.innerHeight, window.screen.availHeight);
      // The language the app will start in.
      const lang = storedLang();
      document.documentElement.lang = lang;
      document.body.append(firstPaintElement(page, translator(lang), height));
    } catch (error) {
      dismissFirstPaint();
      console.error('the first paint failed; the app draws the hall itself', error);
      start();
      return;
    }
    clearTimeout(late);
    shown = true;
    startupMark('first_paint');
    setTimeout(start, FRAME_WAIT_MS);
    requestAnimationFrame(() => {
      startupMark('first_rows_frame');
      uiReady(page.rows.length, takeStartupMarks()).catch(() => {
        // Only a log line on the Rust side; nothing to tell the user.
      });
      start();
    });
  }, start);
}

/**
 * The app's own rows are on screen, in this frame: `ui_interactive`, after `ui_ready`
 * unless the first paint reported that already. Once per window: a hall mounted again
 * reports nothing.
 */
export function reportHallRows(rows: number): void {
  if (reported) return;
  reported = true;
  const interactive = () => uiInteractive(endStartupMarks());
  const report = shown ? interactive() : uiReady(rows, takeStartupMarks()).then(interactive);
  report.catch(() => {
    // Only log lines on the Rust side; nothing to tell the user.
  });
}

/** Removes the first paint's layer, if it is there: the app shows what it stood for. */
export function dismissFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove();
}
