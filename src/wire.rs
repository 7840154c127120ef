//! Declaring the vendors' documented param and result types once, for Rust and TypeScript.
//!
//! `wire! { Name { field: T, other?: T, } }` declares a struct whose fields keep the vendor's
//! exact spelling (so the vendor's docs apply unchanged); `field?: T` is optional (`Option<T>`,
//! left out when None, `field?: T` in TypeScript). On wasm32 the types derive `tsify::Tsify`,
//! which generates the TypeScript declarations of the npm package. The core validates untyped
//! JSON (see `check`); these types describe it, and tests deserialize the vendors' example
//! bodies into them to keep the two in step.

#[macro_export]
macro_rules! wire {
    ($(#[$m:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::wire!(@munch [$(#[$m])*] $name [] $($fields)*);
    };
    (@munch [$($m:tt)*] $name:ident [$($out:tt)*] $(#[$fm:meta])* $f:ident ?: $t:ty, $($rest:tt)*) => {
        $crate::wire!(@munch [$($m)*] $name [$($out)* $(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $f: Option<$t>,] $($rest)*);
    };
    (@munch [$($m:tt)*] $name:ident [$($out:tt)*] $(#[$fm:meta])* $f:ident : $t:ty, $($rest:tt)*) => {
        $crate::wire!(@munch [$($m)*] $name [$($out)* $(#[$fm])* pub $f: $t,] $($rest)*);
    };
    (@munch [$($m:tt)*] $name:ident [$($out:tt)*]) => {
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(::tsify::Tsify), tsify(hashmap_as_object))]
        $($m)*
        #[allow(non_snake_case)]
        pub struct $name { $($out)* }
    };
}

/// `wire_enum! { Name { A, B } }`: a string enum whose values are the variant names as the
/// vendor spells them (`"AUTO" | "MANUAL"` in TypeScript).
#[macro_export]
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(::tsify::Tsify))]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const NAMES: &'static [&'static str] = &[$(stringify!($v)),+];
        }
    };
}

/// A vendor id: the pages send ids both as numbers and as digit strings. Results carry an id
/// beyond 2^53 − 1 as a string (a JS number would round it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Id {
    Num(i64),
    Str(String),
}

/// A list of ids where the vendor also takes one id or ids joined by `,` (`"3033729,3033719"`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum IdList {
    List(Vec<Id>),
    /// One id, or ids joined by `,`.
    One(Id),
}

/// String-to-string map (customer `properties`).
pub type Props = std::collections::BTreeMap<String, String>;

/// tsify names the alias in the fields that use it; this declares it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_PROPS: &'static str = "export type Props = Record<string, string>;\n";

/// `ts_operations! { TanyiOperations, TanyiCustomer = TanyiCustomerPerson, { createTask:
/// "Params" => "Result", … } }` declares the TypeScript map from a vendor's operation names to
/// its param and result types (the npm package's typed API is built on it) and the name of its
/// import row type, and keeps the map as a Rust constant so a native test can check it against
/// the vendor's endpoint table.
#[macro_export]
macro_rules! ts_operations {
    ($name:ident, $customer:ident = $row:ident, { $($op:ident : $params:literal => $result:literal),+ $(,)? }) => {
        pub const TS_OPERATIONS: &[(&str, &str, &str)] = &[$((stringify!($op), $params, $result)),+];

        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TS_OPERATIONS_DECL: &'static str = concat!(
            "export interface ", stringify!($name), " {\n",
            $("  ", stringify!($op), ": { params: ", $params, "; result: ", $result, " };\n",)+
            "}\n",
            "export type ", stringify!($customer), " = ", stringify!($row), ";\n",
        );
    };
}
