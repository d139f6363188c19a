//! The app: loaded by the entry (`main.tsx`) once the first paint is on screen, or
//! without it (see `startFirstPaint`). Renders the app under the first paint's layer,
//! which it removes in the commit that puts its own rows on screen
//! (`firstPaint/firstPaint.ts`).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
// Every stylesheet of the app, in this order (the cascade), before any component pulls in
// Semi's: the frame, then each feature's.
import './app.css';
import '../features/taskHall/taskHall.css';
import '../features/taskHall/detail/detail.css';
import '../features/account/account.css';
import '../features/profile/profile.css';
import '../features/settlements/settlements.css';
import '../features/settlements/payoutFix/payoutFix.css';
import '../features/campaigns/campaigns.css';
import '../features/logistics/logistics.css';
import '../features/rights/rights.css';
import '../features/apply/apply.css';
import { seedFirstPage } from '../features/taskHall/queries';
import { dismissFirstPaint } from '../firstPaint/firstPaint';
import { startupMark } from '../shared/startupMarks';
import { App } from './App';
import { Providers } from './Providers';
import { createQueryClient } from './queryClient';

/** The longest the first paint stays once the app has started. */
const FIRST_PAINT_AT_MOST_MS = 5000;

startupMark('modules_evaluated');
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

// The task hall's first page, if index.html's first script asked for it already.
const client = createQueryClient();
seedFirstPage(client);
createRoot(root).render(
  <StrictMode>
    <Providers client={client}>
      <App />
    </Providers>
  </StrictMode>,
);

// Whatever the app shows, the first paint's rows do not outstay this (the app removes
// them sooner: with its own rows, another page, or why there are none).
setTimeout(dismissFirstPaint, FIRST_PAINT_AT_MOST_MS);
