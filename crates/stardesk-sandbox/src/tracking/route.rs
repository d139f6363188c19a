//! Where a parcel goes: from a merchant's warehouse city through the carriers' sorting
//! hubs (the sending province's, the two regions' trunk hubs, the receiving province's) to
//! the city of the application's shipping address. Plausible, not a carrier's real network.

use stardesk_platform::wire::Address;

use crate::rng::SplitMix64;

/// A city as the tracking answer names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// The province's short name (`浙江`, `内蒙古`).
    pub(crate) province: String,
    /// The city's full name (`杭州市`).
    pub(crate) city: String,
    /// The city's 6-digit GB/T 2260 code (`330100`).
    pub(crate) code: String,
}

impl Place {
    fn new(province: &str, city: &str, code: &str) -> Place {
        Place {
            province: province.to_owned(),
            city: city.to_owned(),
            code: code.to_owned(),
        }
    }

    /// kuaidi100's `areaName`: `浙江,杭州市`.
    pub(crate) fn area_name(&self) -> String {
        format!("{},{}", self.province, self.city)
    }

    /// kuaidi100's `areaCode`: `CN` and the code padded to 12 digits.
    pub(crate) fn area_code(&self) -> String {
        format!("CN{:0<12}", self.code)
    }

    /// The city without its 市 (`杭州`), for hub names.
    pub(crate) fn short(&self) -> &str {
        self.city.strip_suffix('市').unwrap_or(&self.city)
    }
}

/// The mainland's regions, each with a trunk hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    North,
    NorthEast,
    East,
    Central,
    South,
    SouthWest,
    NorthWest,
}

/// Province code, short name, capital (its sorting hub) and the capital's code, region.
const PROVINCES: &[(&str, &str, &str, &str, Region)] = &[
    ("11", "北京", "北京市", "110100", Region::North),
    ("12", "天津", "天津市", "120100", Region::North),
    ("13", "河北", "石家庄市", "130100", Region::North),
    ("14", "山西", "太原市", "140100", Region::North),
    ("15", "内蒙古", "呼和浩特市", "150100", Region::North),
    ("21", "辽宁", "沈阳市", "210100", Region::NorthEast),
    ("22", "吉林", "长春市", "220100", Region::NorthEast),
    ("23", "黑龙江", "哈尔滨市", "230100", Region::NorthEast),
    ("31", "上海", "上海市", "310100", Region::East),
    ("32", "江苏", "南京市", "320100", Region::East),
    ("33", "浙江", "杭州市", "330100", Region::East),
    ("34", "安徽", "合肥市", "340100", Region::East),
    ("35", "福建", "福州市", "350100", Region::East),
    ("36", "江西", "南昌市", "360100", Region::Central),
    ("37", "山东", "济南市", "370100", Region::East),
    ("41", "河南", "郑州市", "410100", Region::Central),
    ("42", "湖北", "武汉市", "420100", Region::Central),
    ("43", "湖南", "长沙市", "430100", Region::Central),
    ("44", "广东", "广州市", "440100", Region::South),
    ("45", "广西", "南宁市", "450100", Region::South),
    ("46", "海南", "海口市", "460100", Region::South),
    ("50", "重庆", "重庆市", "500100", Region::SouthWest),
    ("51", "四川", "成都市", "510100", Region::SouthWest),
    ("52", "贵州", "贵阳市", "520100", Region::SouthWest),
    ("53", "云南", "昆明市", "530100", Region::SouthWest),
    ("54", "西藏", "拉萨市", "540100", Region::SouthWest),
    ("61", "陕西", "西安市", "610100", Region::NorthWest),
    ("62", "甘肃", "兰州市", "620100", Region::NorthWest),
    ("63", "青海", "西宁市", "630100", Region::NorthWest),
    ("64", "宁夏", "银川市", "640100", Region::NorthWest),
    ("65", "新疆", "乌鲁木齐市", "650100", Region::NorthWest),
];

/// Each region's trunk hub: the province code of the city it is in.
fn trunk(region: Region) -> &'static str {
    match region {
        Region::North => "11",
        Region::NorthEast => "21",
        Region::East => "31",
        Region::Central => "42",
        Region::South => "44",
        Region::SouthWest => "51",
        Region::NorthWest => "61",
    }
}

/// Where merchants ship samples from: e-commerce warehouse cities.
const WAREHOUSES: &[(&str, &str, &str)] = &[
    ("浙江", "金华市", "330700"),
    ("浙江", "杭州市", "330100"),
    ("广东", "广州市", "440100"),
    ("广东", "深圳市", "440300"),
    ("上海", "上海市", "310100"),
    ("江苏", "苏州市", "320500"),
    ("福建", "泉州市", "350500"),
    ("山东", "临沂市", "371300"),
];

type Province = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Region,
);

fn province_by_code(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.0 == code)
}

/// The province of an address: by its region code, else by its name; 上海 if neither.
fn province_of(address: &Address) -> &'static Province {
    let by_code = address.region_code.get(..2).and_then(province_by_code);
    let by_name = || {
        PROVINCES
            .iter()
            .find(|p| address.province.trim().starts_with(p.1))
    };
    by_code
        .or_else(by_name)
        .or_else(|| province_by_code("31"))
        .unwrap_or(&PROVINCES[0])
}

fn hub_of(p: &Province) -> Place {
    Place::new(p.1, p.2, p.3)
}

/// The destination city of an address, named as the address names it.
pub(crate) fn destination(address: &Address) -> Place {
    let p = province_of(address);
    let city = address.city.trim();
    // Municipalities list their districts under 市辖区 in some data sets.
    let city = if city.is_empty() || city == "市辖区" {
        p.2
    } else {
        city
    };
    let code = match address.region_code.get(..4) {
        Some(prefix) if address.region_code.starts_with(p.0) => format!("{prefix}00"),
        _ => p.3.to_owned(),
    };
    Place::new(p.1, city, &code)
}

/// The warehouse a parcel leaves from.
pub(crate) fn origin(rng: &mut SplitMix64) -> Place {
    let (province, city, code) = rng.pick(WAREHOUSES);
    Place::new(province, city, code)
}

/// The cities a parcel passes, `from` first and `to` last, no city twice in a row.
pub(crate) fn stops(from: &Place, to: &Place, to_address: &Address) -> Vec<Place> {
    let from_province = province_by_code(&from.code[..2]).unwrap_or(&PROVINCES[8]);
    let to_province = province_of(to_address);
    let mut stops = vec![from.clone(), hub_of(from_province)];
    if from_province.4 != to_province.4 {
        stops.extend(province_by_code(trunk(from_province.4)).map(hub_of));
        stops.extend(province_by_code(trunk(to_province.4)).map(hub_of));
    }
    stops.push(hub_of(to_province));
    stops.push(to.clone());
    stops.dedup_by(|a, b| a.code == b.code);
    stops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(code: &str, province: &str, city: &str) -> Address {
        Address {
            region_code: code.into(),
            province: province.into(),
            city: city.into(),
            district: "某区".into(),
            detail: "某路1号".into(),
        }
    }

    #[test]
    fn a_parcel_crosses_regions_through_trunk_hubs() {
        let to_address = address("510107", "四川省", "成都市");
        let to = destination(&to_address);
        assert_eq!(to.area_name(), "四川,成都市");
        assert_eq!(to.area_code(), "CN510100000000");
        let from = Place::new("浙江", "金华市", "330700");
        let cities: Vec<String> = stops(&from, &to, &to_address)
            .into_iter()
            .map(|p| p.city)
            .collect();
        assert_eq!(cities, ["金华市", "杭州市", "上海市", "成都市"]);
    }

    #[test]
    fn a_parcel_within_a_province_goes_through_its_hub_only() {
        let to_address = address("330106", "浙江省", "杭州市");
        let to = destination(&to_address);
        let from = Place::new("浙江", "金华市", "330700");
        let cities: Vec<String> = stops(&from, &to, &to_address)
            .into_iter()
            .map(|p| p.city)
            .collect();
        assert_eq!(cities, ["金华市", "杭州市"]);
    }

    #[test]
    fn odd_addresses_still_have_a_destination() {
        let bj = destination(&address("110105", "北京市", "市辖区"));
        assert_eq!(bj.area_name(), "北京,北京市");
        let by_name = destination(&address("", "内蒙古自治区", "包头市"));
        assert_eq!(by_name.area_name(), "内蒙古,包头市");
        assert_eq!(by_name.code, "150100");
        let unknown = destination(&address("", "", ""));
        assert_eq!(unknown.area_name(), "上海,上海市");
    }
}
