// The entry chunk: the first paint (firstPaint/), then the app (app/boot.tsx, with every
// stylesheet). First, for its side effect: marks when the entry starts running
// (shared/startupMarks.ts).
import './shared/startupMarks';
// The first paint's stylesheet: linked by the page, before the entry runs.
import './firstPaint/firstPaint.css';
import { dismissFirstPaint, startFirstPaint } from './firstPaint/firstPaint';

startFirstPaint(() => {
  import('./app/boot').catch((error: unknown) => {
    // The app's own chunk failed to load: nothing can show; no rows that cannot be
    // clicked either. Say why in the console.
    dismissFirstPaint();
    console.error('StarDesk could not load its code', error);
  });
});
