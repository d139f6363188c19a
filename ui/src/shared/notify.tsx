import { Toast } from '@douyinfe/semi-ui';
import type { FlatNamespace } from 'i18next';
import {
  createContext,
  type ReactElement,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import { useTranslation } from 'react-i18next';
import './notify.css';

/** The namespaces a toast's words are looked up in, as `useTranslation` takes them. */
type Ns = FlatNamespace | readonly [FlatNamespace?, ...FlatNamespace[]];

/** The `t` that `useTranslation(ns)` gives. */
type TOf<N extends Ns> = ReturnType<typeof useTranslation<N>>['t'];

/**
 * A toast's words, made from `t`: said again whenever the language changes, so a toast
 * shown before a switch reads in the new language (a string made once would keep the old).
 */
export type Words<N extends Ns, R = string> = (t: TOf<N>) => R;

export interface Notify<N extends Ns = 'common'> {
  /** What the user just did worked: a short toast at the top. */
  success: (words: Words<N>) => void;
  /** What the user just did failed: a toast at the top. */
  error: (words: Words<N>) => void;
  /**
   * Reminders and alerts nobody asked for just now (a due date, a stalled parcel, an
   * invitation): several lines, shown long enough to read, in the window's bottom-right
   * corner (under any side sheet or modal), where a start's few of them do not cover the
   * page being opened.
   */
  info: (words: Words<N>) => void;
}

interface ToastConfig {
  content: ReactNode;
  duration?: number;
  onClose?: () => void;
  /**
   * What the toast says, with its kind: a toast saying the same as one still open takes
   * its place (two syncs in a row said "Sync finished: 0 tasks updated" twice, stacked).
   */
  same?: string;
}

interface ToastApi {
  success: (config: ToastConfig) => string;
  error: (config: ToastConfig) => string;
  info: (config: ToastConfig) => string;
  close: (id: string) => void;
}

/**
 * The most toasts on screen at once: a new one closes the oldest that is not an error. At
 * a start or a sign-in the due reminders, parcel alerts, invitations and a saved setting
 * came together, nine toasts over the whole page.
 */
export const MAX_TOASTS = 4;

/** A toast's content, which says when its toast is on screen (Semi can close it then). */
function OnScreen({ onShown, children }: { onShown: () => void; children: ReactNode }) {
  // A passive effect: it runs after the commit that mounted the toast, Semi's handle set.
  useEffect(onShown, [onShown]);
  return children;
}

/** One toast the cap keeps count of. */
interface Counted {
  id: string;
  error: boolean;
  /** What it says (see `ToastConfig.same`). */
  same?: string;
  /** Over the cap. Semi closes only a toast on screen (a burst's toasts are added in one
   * loop): one that is not yet is closed as it comes on screen. */
  closing: boolean;
}

/**
 * `api` whose toasts are never more than [`MAX_TOASTS`] at once, errors aside, and never
 * two that say the same: the newer takes the older's place, with a fresh time to read it.
 */
function useCapped(api: ToastApi): ToastApi {
  // Oldest first; a toast leaves when it closes (its time, its ×) or is closed here.
  const open = useRef<Counted[]>([]);
  const { success, error, info, close } = api;
  return useMemo(() => {
    const leave = (toast: Counted) => {
      open.current = open.current.filter((t) => t !== toast);
    };
    // Closes a toast now, or as it comes on screen (see `Counted.closing`).
    const dismiss = (toast: Counted) => {
      leave(toast);
      toast.closing = true;
      close(toast.id);
    };
    const capped =
      (show: (config: ToastConfig) => string, isError: boolean) =>
      (config: ToastConfig): string => {
        if (config.same !== undefined) {
          for (const older of open.current.filter((t) => t.same === config.same)) dismiss(older);
        }
        const toast: Counted = { id: '', error: isError, same: config.same, closing: false };
        const onShown = () => {
          if (toast.closing) close(toast.id);
        };
        toast.id = show({
          ...config,
          content: <OnScreen onShown={onShown}>{config.content}</OnScreen>,
          onClose: () => leave(toast),
        });
        open.current.push(toast);
        let over = open.current.length - MAX_TOASTS;
        for (const oldest of open.current.filter((t) => !t.error)) {
          if (over <= 0) break;
          over -= 1;
          dismiss(oldest);
        }
        return toast.id;
      };
    return {
      success: capped(success, false),
      error: capped(error, true),
      info: capped(info, false),
      close,
    };
  }, [success, error, info, close]);
}

/** What the pages show through: feedback toasts and notices, each in its own layer. */
type Shown = Pick<ToastApi, 'success' | 'error' | 'info'>;

const ToastContext = createContext<Shown | null>(null);

/** The words in the current language, re-rendered on a switch. */
function Said<N extends Ns>({ ns, words }: { ns: N; words: Words<N> }) {
  const { t } = useTranslation(ns);
  return words(t);
}

/**
 * Toasts rendered inside the React tree (Semi's hook API) rather than through Semi's static
 * `Toast.*`, which mounts a second React root with the legacy `ReactDOM.render` (and whose
 * toasts would not hear a language switch).
 *
 * The hook's holder is only the toasts themselves: left in the page's flow they would sit
 * below the full-height app, off screen. Feedback on what the user did (success, error)
 * goes in Semi's own fixed, zero-height layer at the top of the window, as its static
 * toasts do; notices (`info`) in a layer of their own at the bottom-right, under the side
 * sheets and modals so that their buttons stay clickable (`notify.css`):
 * at a start the due reminders, parcel alerts and invitations come together, and at the
 * top they covered the middle of the page for their ten seconds. Each layer takes no
 * clicks outside its toasts, and each keeps at most [`MAX_TOASTS`].
 */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [feedback, feedbackHolder] = Toast.useToast() as [ToastApi, ReactElement];
  const [notices, noticesHolder] = Toast.useToast() as [ToastApi, ReactElement];
  const cappedFeedback = useCapped(feedback);
  const cappedNotices = useCapped(notices);
  const api = useMemo<Shown>(
    () => ({
      success: cappedFeedback.success,
      error: cappedFeedback.error,
      info: cappedNotices.info,
    }),
    [cappedFeedback, cappedNotices],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="semi-toast-wrapper" data-testid="toasts">
        <div className="semi-toast-innerWrapper">{feedbackHolder}</div>
      </div>
      <div className="semi-toast-wrapper app-notices" data-testid="notices">
        <div className="semi-toast-innerWrapper">{noticesHolder}</div>
      </div>
    </ToastContext.Provider>
  );
}

/**
 * Toasts whose words come from `ns`, the caller's own namespaces:
 * `useNotify(['settlements', 'common']).success((t) => t('exported', { path }))`.
 */
export function useNotify<const N extends Ns = 'common'>(ns?: N): Notify<N> {
  const api = useContext(ToastContext);
  if (api === null) throw new Error('useNotify outside NotifyProvider');
  // The caller's array is a new one each render: keyed by its contents.
  const key = JSON.stringify(ns ?? 'common');
  const names = (ns ?? 'common') as N;
  // What a toast says now, to find one saying the same (see `ToastConfig.same`).
  const { t } = useTranslation(names);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ns`.
  return useMemo<Notify<N>>(() => {
    const said = (words: Words<N>) => <Said ns={names} words={words} />;
    return {
      success: (words) => void api.success({ content: said(words), same: `ok ${words(t)}` }),
      error: (words) => void api.error({ content: said(words), same: `error ${words(t)}` }),
      info: (words) =>
        void api.info({
          content: <span style={{ whiteSpace: 'pre-line' }}>{said(words)}</span>,
          duration: 10,
          same: `info ${words(t)}`,
        }),
    };
  }, [api, key, t]);
}
