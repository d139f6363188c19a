// First, for its side effect: marks when the bundle starts running (shared/startupMarks.ts).
import './shared/startupMarks';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
// Every stylesheet of the app, in this order (the cascade), before any component pulls in
// Semi's: the frame, then each feature's.
import './app/app.css';
import './features/taskHall/taskHall.css';
import './features/taskHall/detail/detail.css';
import './features/account/account.css';
import './features/profile/profile.css';
import './features/settlements/settlements.css';
import './features/settlements/payoutFix/payoutFix.css';
import './features/campaigns/campaigns.css';
import './features/logistics/logistics.css';
import './features/rights/rights.css';
import './features/apply/apply.css';
import { App } from './app/App';
import { Providers } from './app/Providers';
import { createQueryClient } from './app/queryClient';
import { seedFirstPage } from './features/taskHall/queries';
import { startupMark } from './shared/startupMarks';

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
