import { Toast } from '@douyinfe/semi-ui';
import type { FlatNamespace } from 'i18next';
import { createContext, type ReactElement, type ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

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
  success: (words: Words<N>) => void;
  error: (words: Words<N>) => void;
  /** Reminders and alerts: several lines, shown long enough to read. */
  info: (words: Words<N>) => void;
}

interface ToastApi {
  success: (config: { content: ReactNode }) => string;
  error: (config: { content: ReactNode }) => string;
  info: (config: { content: ReactNode; duration?: number }) => string;
}

const ToastContext = createContext<ToastApi | null>(null);

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
 * below the full-height app, off screen. They go in Semi's own fixed, zero-height layer at
 * the top of the window, as its static toasts do; the layer itself takes no clicks outside
 * the toasts.
 */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [api, holder] = Toast.useToast() as [ToastApi, ReactElement];
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="semi-toast-wrapper" data-testid="toasts">
        <div className="semi-toast-innerWrapper">{holder}</div>
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ns`.
  return useMemo<Notify<N>>(() => {
    const names = (ns ?? 'common') as N;
    const said = (words: Words<N>) => <Said ns={names} words={words} />;
    return {
      success: (words) => void api.success({ content: said(words) }),
      error: (words) => void api.error({ content: said(words) }),
      info: (words) =>
        void api.info({
          content: <span style={{ whiteSpace: 'pre-line' }}>{said(words)}</span>,
          duration: 10,
        }),
    };
  }, [api, key]);
}
