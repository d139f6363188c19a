import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskQuery } from '../bindings';
import { TaskHall } from '../features/taskHall/TaskHall';
import { pageOf, statusSandbox } from '../test/fixtures';
import { mockEvents, mockIpc, Reject } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { FIRST_PAINT_ID } from './firstPaint';

/** The first paint's layer as the entry leaves it for the app (its content does not matter here). */
function drawLayer() {
  const layer = document.createElement('section');
  layer.id = FIRST_PAINT_ID;
  document.body.append(layer);
}

function openHall(queryTasks: (query: TaskQuery) => unknown) {
  mockEvents();
  mockIpc({
    app_status: () => statusSandbox,
    facets: () => ({ industries: [] }),
    query_tasks: ({ query }) => queryTasks(query) as ReturnType<typeof pageOf>,
    ui_ready: () => null,
    ui_interactive: () => null,
  });
  drawLayer();
  renderWithProviders(<TaskHall status={statusSandbox} />);
}

const layer = () => document.getElementById(FIRST_PAINT_ID);

afterEach(() => layer()?.remove());

describe("the app takes the first paint's place", () => {
  it('in the commit that puts its own rows on screen', async () => {
    openHall((query) => pageOf(query, 1000));
    expect(layer()).not.toBeNull();
    await screen.findAllByTestId('task-row');
    expect(layer()).toBeNull();
  });

  it('when there is nothing to list', async () => {
    openHall((query) => pageOf(query, 0));
    await screen.findByTestId('empty-no-tasks');
    expect(layer()).toBeNull();
  });

  it('when the rows cannot be read', async () => {
    openHall(() => {
      throw new Reject({ code: 'internal', message: 'disk' });
    });
    await waitFor(() => expect(layer()).toBeNull());
    expect(screen.queryAllByTestId('task-row')).toHaveLength(0);
  });
});
