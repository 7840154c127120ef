//! waihu: typed, validated, signed requests for AI outbound-call vendors.
//!
//! The crate is split by module (see ../shared/DESIGN.md):
//! - the sans-IO core turns params into an [`http::HttpRequest`] and a response body into data
//!   or an [`error::Error`]; it never touches JS or the network and is tested natively:
//!   `vendors` (one module per vendor: endpoints, credentials and signing, rules, reply parsing,
//!   documented types), the shared pieces they compose (`check` validation helpers over the
//!   borrowed `json` tree, `issue` codes and en/zh messages, `time`, `phone`, `sign`, `http`,
//!   `envelope`, `wire` type macros), `import` (chunk planning and the per-row report),
//!   `retry` (when a request may be sent again) and `options` (the boundary's option objects);
//! - `js` (wasm32 only) is the thin wasm-bindgen boundary and the fetch transport.

pub mod check;
pub mod envelope;
pub mod error;
pub mod http;
pub mod import;
pub mod issue;
pub mod json;
pub mod options;
pub mod phone;
pub mod retry;
pub mod sign;
pub mod time;
pub mod vendors;
pub mod wire;

pub use error::{Error, VendorError};
pub use http::{HttpRequest, Method};
pub use issue::{Issue, IssueCode, Locale, Severity};
pub use vendors::{BuildOptions, Operation, ValidateOptions, Vendor};

#[cfg(target_arch = "wasm32")]
mod js;
