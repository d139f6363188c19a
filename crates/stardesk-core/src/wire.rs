//! Wire names of the unit enums that cross IPC (`"product_review"`), for the places that
//! keep them as text (the store's columns, the CLI's output).

use serde::Serialize;

/// The snake_case name a unit variant has on the wire (`"product_review"`), or `None`
/// for a value that does not serialize to a plain string.
pub(crate) fn wire_name<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The unit variant named `name` on the wire, if there is one.
pub(crate) fn from_wire_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// A calendar day as every date crosses IPC and the CLI: `YYYY-MM-DD`.
pub(crate) fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
