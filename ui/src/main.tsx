//! The entry: asks core for what the task hall's first paint needs (the status, the first
//! page of tasks, the filters' facets) before the app's code is even parsed, then loads
//! the app (`app/boot.tsx`), which finds those answers in the query cache. This module
//! imports only the small IPC layer and the task hall's query keys.

import { prefetchColdStart } from './app/coldStart';
import { createQueryClient } from './app/queryClient';

const client = createQueryClient();
prefetchColdStart(client);
import('./app/boot').then(({ boot }) => boot(client));
