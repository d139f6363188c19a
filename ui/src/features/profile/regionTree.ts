//! The GB/T 2260 tree (`regions()`: province → city → district, about 3,000 districts) as
//! the address form's cascader takes it, and the way back from a stored district code to
//! the cascader's path.

import type { ProvinceView } from '../../bindings';

export interface RegionOption {
  label: string;
  value: string;
  children?: RegionOption[];
}

export interface RegionIndex {
  options: RegionOption[];
  /** A district code → `[province, city, district]` codes. */
  paths: ReadonlyMap<string, readonly [string, string, string]>;
}

/** Built once per loaded tree (the query's `select`, memoised by TanStack). */
export function regionIndex(provinces: ProvinceView[]): RegionIndex {
  const paths = new Map<string, readonly [string, string, string]>();
  const options = provinces.map((p) => ({
    label: p.name,
    value: p.code,
    children: p.cities.map((c) => ({
      label: c.name,
      value: c.code,
      children: c.districts.map((d) => {
        paths.set(d.code, [p.code, c.code, d.code]);
        return { label: d.name, value: d.code };
      }),
    })),
  }));
  return { options, paths };
}

/** The cascader's path of a stored district code; empty when the tree has no such code. */
export function regionPath(index: RegionIndex, code: string): string[] {
  return [...(index.paths.get(code) ?? [])];
}

/** The district code the cascader's value stands for: its last code, or `''`. */
export function regionCodeOf(value: unknown): string {
  if (Array.isArray(value)) {
    const last: unknown = value[value.length - 1];
    return typeof last === 'string' ? last : '';
  }
  return typeof value === 'string' ? value : '';
}
