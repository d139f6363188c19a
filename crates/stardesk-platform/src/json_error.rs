//! An answer that does not read as the JSON expected, said without the values in it.
//!
//! serde_json's text quotes the offending value (`invalid type: string "13812345678",
//! expected u64 at line 1 column 80`); in an application's or a parcel's answer that value
//! may be a phone, a name or an address, and the text goes to the log, the sync state and
//! the window. Core uses it too for what it reads back from its own JSON caches. Only the value's kind stays; field names, the expectation and the position
//! (what a bug report needs) are kept.

/// `e` as text, each quoted value left out.
pub fn described(e: &serde_json::Error) -> String {
    redacted(&e.to_string())
}

fn redacted(text: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            // The expectation is serde's own words, after the value: the last one.
            if let Some(at) = rest.rfind(", expected") {
                let value = &rest[..at];
                let kind = value
                    .split(['"', '`', '\''])
                    .next()
                    .unwrap_or_default()
                    .trim();
                return format!("{prefix}{kind}{}", &rest[at..]);
            }
            return format!("{prefix}(a value)");
        }
    }
    if let Some(rest) = text.strip_prefix("unknown variant `") {
        if let Some(end) = rest.rfind("`, expected") {
            return format!("unknown variant{}", &rest[end + 1..]);
        }
        return "unknown variant".to_owned();
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Contact {
        phone: u64,
        kind: Kind,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Home,
    }

    fn error(json: &str) -> String {
        described(&serde_json::from_str::<Contact>(json).expect_err("refused"))
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_kind_only() {
        let text = error(r#"{"phone": "138 1234 5678", "kind": "home"}"#);
        assert!(!text.contains("1234"), "{text}");
        assert!(
            text.starts_with("invalid type: string, expected u64 at line 1 column"),
            "{text}"
        );
        let text = error(r#"{"phone": -13812345678, "kind": "home"}"#);
        assert!(!text.contains("1381"), "{text}");
        assert!(
            text.starts_with("invalid value: integer, expected u64"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_variant_is_not_repeated_but_the_field_names_are() {
        let text = error(r#"{"phone": 1, "kind": "杭州市西湖区文三路 90 号"}"#);
        assert!(!text.contains("文三路"), "{text}");
        assert!(
            text.starts_with("unknown variant, expected `home`"),
            "{text}"
        );
        let text = error(r#"{"kind": "home"}"#);
        assert!(text.starts_with("missing field `phone`"), "{text}");
    }

    #[test]
    fn a_value_holding_serde_words_leaks_nothing_either() {
        let text =
            redacted(r#"invalid type: string "a, expected b", expected u64 at line 1 column 9"#);
        assert_eq!(
            text,
            "invalid type: string, expected u64 at line 1 column 9"
        );
    }
}
