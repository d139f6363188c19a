import { render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskRowView } from '../features/taskHall/TaskRowView';
import i18n, { type TFor } from '../i18n';
import { allRows } from '../test/fixtures';
import { taskRowElement } from './taskRow';

/** What React adds for behaviour and tests; the first paint's rows carry none of it. */
const BEHAVIOUR = ['role', 'aria-selected', 'tabindex', 'data-testid', 'data-task-id'];

/**
 * A node as markup, attributes sorted and adjacent texts joined: two trees that read and
 * look alike give the same string, whatever order their attributes were set in.
 */
function canonical(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes]
    .filter((a) => !BEHAVIOUR.includes(a.name))
    .map((a) => `${a.name}="${a.value}"`)
    .sort()
    .join(' ');
  const children = [...node.childNodes].map(canonical).join('');
  return `<${node.localName} ${attributes}>${children}</${node.localName}>`;
}

function normalized(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.normalize();
  return canonical(copy);
}

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe("the first paint's task-hall rows", () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`are TaskRowView's markup and words, every kind of reward (${lang})`, async () => {
      await i18n.changeLanguage(lang);
      const t = i18n.getFixedT(lang, 'taskHall') as TFor<'taskHall'>;
      for (const row of allRows) {
        const { container, unmount } = render(
          <TaskRowView row={row} index={0} selected={false} onSelect={() => {}} />,
        );
        const react = container.firstElementChild;
        if (react === null) throw new Error('TaskRowView rendered nothing');
        const painted = taskRowElement(row, t);
        expect(normalized(painted)).toBe(normalized(react));
        // Not vacuous: the row's own words are in both.
        expect(painted.textContent).toContain(row.title);
        expect(painted.querySelectorAll('.semi-tag').length).toBeGreaterThanOrEqual(2);
        unmount();
      }
    });
  }

  it('differ from a row of other data (the comparison can fail)', async () => {
    const t = i18n.getFixedT('zh-CN', 'taskHall') as TFor<'taskHall'>;
    const [a, b] = allRows;
    if (!a || !b) throw new Error('fixtures');
    const { container } = render(
      <TaskRowView row={a} index={0} selected={false} onSelect={() => {}} />,
    );
    const react = container.firstElementChild as Element;
    expect(normalized(taskRowElement(b, t))).not.toBe(normalized(react));
    expect(normalized(taskRowElement({ ...a, eligible: !a.eligible }, t))).not.toBe(
      normalized(react),
    );
  });
});
