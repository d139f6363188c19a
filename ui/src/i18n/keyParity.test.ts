// Every namespace has the same keys in zh-CN and en, and no empty text.
//
// The rule for plurals: a key used with `count` (`total` → `total_one`, `total_other`) is
// compared by its base name, and each language must be able to say it in every plural
// form its own grammar has (`Intl.PluralRules`: zh-CN only `other`; en `one` and `other`),
// either with those suffixed keys or with the plain base key (which i18next falls back to
// within the same language). Extra forms are allowed: zh-CN keeps `_one` keys so both
// languages have one shape for the compiler. A missing form would otherwise be looked up
// in the fallback language, and an English window would show Chinese for one item.
import { describe, expect, it } from 'vitest';
import { resources } from '.';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Nested messages as `a.b.c` → text. */
function flatten(messages: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
    } else {
      out.set(`${prefix}${key}`, value);
    }
  }
  return out;
}

/** What is wrong between two languages of one namespace; empty when they agree. */
function parityProblems(
  a: { lang: string; messages: object },
  b: { lang: string; messages: object },
): string[] {
  const problems: string[] = [];
  const sides = [a, b].map(({ lang, messages }) => {
    const keys = flatten(messages);
    for (const [key, value] of keys) {
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`${lang}: ${key} is empty`);
      }
    }
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    return { lang, keys, categories };
  });
  const bases = (keys: Map<string, unknown>) =>
    new Set([...keys.keys()].map((k) => k.replace(PLURAL, '')));
  const plural = new Set(
    sides.flatMap(({ keys }) =>
      [...keys.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
    ),
  );
  for (const side of sides) {
    const other = sides.find((s) => s !== side);
    if (!other) continue;
    for (const base of bases(other.keys)) {
      if (!bases(side.keys).has(base)) problems.push(`${side.lang}: ${base} is missing`);
    }
    for (const base of plural) {
      if (!bases(side.keys).has(base) || side.keys.has(base)) continue;
      for (const category of side.categories) {
        if (!side.keys.has(`${base}_${category}`)) {
          problems.push(`${side.lang}: ${base}_${category} is missing`);
        }
      }
    }
  }
  return [...new Set(problems)];
}

describe('translations', () => {
  const zh = resources['zh-CN'];
  const en = resources.en;

  it('have the same namespaces in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  for (const ns of Object.keys(zh) as (keyof typeof zh)[]) {
    it(`${ns}: same keys in zh-CN and en, no empty text`, () => {
      expect(
        parityProblems({ lang: 'zh-CN', messages: zh[ns] }, { lang: 'en', messages: en[ns] }),
      ).toEqual([]);
    });
  }

  it('the check itself catches a missing key, a missing plural form and an empty text', () => {
    const reference = { a: '甲', nested: { b: '乙' }, total_other: '共 {{count}} 个' };
    expect(
      parityProblems(
        { lang: 'zh-CN', messages: reference },
        {
          lang: 'en',
          messages: { a: 'A', nested: {}, total_one: '{{count}} item', total_other: '' },
        },
      ),
    ).toEqual(['en: total_other is empty', 'en: nested.b is missing']);
    expect(
      parityProblems(
        { lang: 'zh-CN', messages: reference },
        { lang: 'en', messages: { a: 'A', nested: { b: 'B' }, total_other: '{{count}} items' } },
      ),
    ).toEqual(['en: total_one is missing']);
    // zh-CN needs no `_one`; a plain key stands for every form.
    expect(
      parityProblems(
        { lang: 'zh-CN', messages: { total: '共 {{count}} 个' } },
        { lang: 'en', messages: { total_one: '{{count}} item', total_other: '{{count}} items' } },
      ),
    ).toEqual([]);
  });
});
