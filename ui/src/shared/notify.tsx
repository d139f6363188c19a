import { Toast } from '@douyinfe/semi-ui';
import { createContext, type ReactElement, type ReactNode, useContext, useMemo } from 'react';

export interface Notify {
  success: (text: string) => void;
  error: (text: string) => void;
  info: (text: string) => void;
}

interface ToastApi {
  success: (config: { content: string }) => string;
  error: (config: { content: string }) => string;
  info: (config: { content: ReactNode; duration?: number }) => string;
}

const NotifyContext = createContext<Notify | null>(null);

/**
 * Toasts rendered inside the React tree (Semi's hook API) rather than through Semi's static
 * `Toast.*`, which mounts a second React root with the legacy `ReactDOM.render`.
 *
 * The hook's holder is only the toasts themselves: left in the page's flow they would sit
 * below the full-height app, off screen. They go in Semi's own fixed, zero-height layer at
 * the top of the window, as its static toasts do; the layer itself takes no clicks outside
 * the toasts.
 */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [api, holder] = Toast.useToast() as [ToastApi, ReactElement];
  const notify = useMemo<Notify>(
    () => ({
      success: (content) => void api.success({ content }),
      error: (content) => void api.error({ content }),
      // Reminders: long enough to read a few lines.
      info: (content) =>
        void api.info({
          content: <span style={{ whiteSpace: 'pre-line' }}>{content}</span>,
          duration: 10,
        }),
    }),
    [api],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <div className="semi-toast-wrapper" data-testid="toasts">
        <div className="semi-toast-innerWrapper">{holder}</div>
      </div>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (notify === null) throw new Error('useNotify outside NotifyProvider');
  return notify;
}
