//! The registration list: every vendor waihu supports, one folder each (its endpoints,
//! credentials, signing, rules, reply parsing, documented types and README.md), in the order
//! the package lists them. Adding a vendor is a folder implementing `vendor::VendorDef` plus
//! one line here.

use crate::vendor::Vendor;

/// `folder => TypePrefix`: the module, and the prefix of its generated TypeScript types
/// (`TanyiOperations`, `TanyiCredentials`, `TanyiCustomer`; the folder's `VendorDef::TS`).
/// Declares the modules, `ALL`, and the package's TypeScript maps over vendors.
macro_rules! register {
    ($($m:ident => $ts:ident),+ $(,)?) => {
        $(pub mod $m;)+

        pub static ALL: [Vendor; [$(stringify!($m)),+].len()] = [$($m::VENDOR),+];

        /// The vendor with this id, which is its folder's name (as in the TypeScript `Vendor`
        /// union): a `match` on it is a length switch and one compare (a search of `ALL` would
        /// ask each vendor its id).
        pub fn parse(id: &str) -> Option<Vendor> {
            match id {
                $(stringify!($m) => Some($m::VENDOR),)+
                _ => None,
            }
        }

        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TS_VENDORS: &'static str = concat!(
            "/** A vendor id. */\nexport type Vendor = never", $(" | \"", stringify!($m), "\"",)+ ";\n",
            "/** Each vendor's operations: `{ params; result }` per operation name. */\n",
            "export interface VendorOperations {\n", $("  ", stringify!($m), ": ", stringify!($ts), "Operations;\n",)+ "}\n",
            "/** Credentials per vendor. Keep secrets server-side (a Worker or your back end), not in a browser page. */\n",
            "export interface CredentialsOf {\n", $("  ", stringify!($m), ": ", stringify!($ts), "Credentials;\n",)+ "}\n",
            "/** One row of each vendor's own `importCustomers` batch. */\n",
            "export interface VendorCustomers {\n", $("  ", stringify!($m), ": ", stringify!($ts), "Customer;\n",)+ "}\n",
        );
    };
}

register! {
    tanyi => Tanyi,
    byrobot => Byrobot,
    itniotech => Itniotech,
    zxycall => Zxycall,
}

#[cfg(test)]
mod tests {
    /// `parse` matches folder names: each vendor's folder is named for its id.
    #[test]
    fn every_vendor_parses_from_its_id() {
        for v in super::ALL {
            assert_eq!(super::parse(v.as_str()), Some(v), "{}", v.as_str());
        }
        assert_eq!(super::parse("Tanyi"), None);
    }
}
