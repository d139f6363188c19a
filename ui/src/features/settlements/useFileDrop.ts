//! Files dropped onto the window. Tauri delivers OS drag-and-drop as webview events with
//! the files' paths and a position in physical pixels; the drop target under that
//! position (an element carrying `data-drop-kind`) says what kind of file it is.

import { getCurrentWebview } from '@tauri-apps/api/webview';
import { useEffect, useRef, useState } from 'react';
import type { ImportKind } from '../../bindings';
import { subscription } from '../../shared/ipc';

export const DROP_KIND_ATTR = 'data-drop-kind';

const KINDS: readonly string[] = ['statement', 'bank', 'expected', 'invoices'];

/** The drop target's kind at a physical-pixel position, if the pointer is over one. */
export function dropKindAt(x: number, y: number): ImportKind | null {
  if (typeof document.elementFromPoint !== 'function') return null;
  const ratio = window.devicePixelRatio || 1;
  const el = document.elementFromPoint(x / ratio, y / ratio);
  const kind = el?.closest(`[${DROP_KIND_ATTR}]`)?.getAttribute(DROP_KIND_ATTR) ?? null;
  return kind !== null && KINDS.includes(kind) ? (kind as ImportKind) : null;
}

export interface FileDrag {
  /** Files are being dragged over the window. */
  active: boolean;
  /** The drop target under the pointer. */
  over: ImportKind | null;
}

/**
 * Subscribes to the webview's drag-and-drop while mounted. Outside Tauri (a plain
 * browser, jsdom) there is no webview: nothing is subscribed and `active` stays false.
 */
export function useFileDrop(onDrop: (kind: ImportKind, paths: string[]) => void): FileDrag {
  const [drag, setDrag] = useState<FileDrag>({ active: false, over: null });
  const handler = useRef(onDrop);
  handler.current = onDrop;

  useEffect(
    () =>
      // getCurrentWebview() throws outside Tauri: subscription() then subscribes nothing.
      subscription(() =>
        getCurrentWebview().onDragDropEvent(({ payload }) => {
          switch (payload.type) {
            case 'enter':
            case 'over':
              setDrag({ active: true, over: dropKindAt(payload.position.x, payload.position.y) });
              break;
            case 'drop': {
              // Read the target before the overlay goes away.
              const kind = dropKindAt(payload.position.x, payload.position.y);
              setDrag({ active: false, over: null });
              if (kind !== null && payload.paths.length > 0) handler.current(kind, payload.paths);
              break;
            }
            case 'leave':
              setDrag({ active: false, over: null });
              break;
          }
        }),
      ),
    [],
  );

  return drag;
}
