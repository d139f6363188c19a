//! A few lines of DOM building for the first paint, which runs before React loads.

export type Child = Node | string;

/** `<tag class="className">children</tag>`. */
export function el(tag: string, className: string | null, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (className !== null) element.className = className;
  element.append(...children);
  return element;
}

/** Semi's small square `Tag`, as it renders (`semi-tag-<color>-<type>`, its content div). */
export function semiTag(text: string, color: string, type: 'light' | 'solid'): HTMLElement {
  const tag = el(
    'div',
    `semi-tag semi-tag-small semi-tag-square semi-tag-${type} semi-tag-${color}-${type}`,
    el('div', 'semi-tag-content semi-tag-content-ellipsis', text),
  );
  tag.setAttribute('aria-label', `Tag: ${text}`);
  return tag;
}
