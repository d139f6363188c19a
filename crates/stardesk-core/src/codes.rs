//! Codes that cross IPC: unit enums with one fixed wire name per value.
//!
//! [`code_enum!`](crate::code_enum) declares such an enum with its serde and TypeScript
//! derives and a [`Code`] impl, so the UI gets the values as a union type and, where it
//! lists them, as a generated constant (`bindings::TsType::listed`), and the store and
//! the CLI get `as_str`/`from_code` without a serde round trip.

/// A unit enum with a fixed wire name per value.
pub trait Code: Sized + Copy + Eq + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The wire name, e.g. `"product_review"`.
    fn as_str(self) -> &'static str;

    /// The value named `code` on the wire, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }
}

/// Declares a [`Code`] enum: `code_enum! { /// docs
/// pub enum Name { /// docs
/// Variant = "wire_name", … } }`.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )*
        }

        impl $name {
            /// The wire name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }
        }

        impl $crate::codes::Code for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
