import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Providers } from '../app/Providers';
import { createQueryClient } from '../app/queryClient';

/** Renders with the app's real providers and a fresh query cache. */
export function renderWithProviders(ui: ReactElement) {
  const client = createQueryClient();
  return { client, ...render(<Providers client={client}>{ui}</Providers>) };
}
