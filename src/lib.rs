//! waihu: typed, validated, signed requests for AI outbound-call vendors.
//!
//! The crate is split by layer (see the README's "Layout"):
//! - the ground floor: `vendor` (the operation names, the vendor handle and the one interface
//!   each vendor implements, with the generic validate / build / parse written once), the pieces
//!   it composes (`check` validation helpers, `issue` codes and en/zh messages, `credentials`,
//!   `time`, `phone`, `sign`, `http`, `envelope`, `wire` type macros, `error`, `options`,
//!   `retry`, `records` (the unified task and call records)), `import` (chunk planning and the per-row report), and `tuned/`, the hand-written
//!   pieces kept for size and speed (the borrowed JSON tree, the allocator);
//! - `vendors`: one folder per vendor and the registration list;
//! - `js` (wasm32 only): the thin wasm-bindgen boundary and the fetch transport.
//!
//! Everything but `js` is sans-IO: given params, a clock value and credentials it returns an
//! `HttpRequest`; given a status and a body it returns data or a typed error.

pub mod callback;
pub mod check;
pub mod credentials;
pub mod edge;
pub mod envelope;
pub mod error;
pub mod http;
pub mod import;
pub mod issue;
pub mod mapping;
pub mod options;
pub mod phone;
pub mod records;
pub mod retry;
pub mod sign;
pub mod time;
pub mod tuned;
pub mod unified;
pub mod vendor;
pub mod vendors;
pub mod wire;

pub use error::{Error, VendorError};
pub use http::{HttpRequest, Method};
pub use issue::{Issue, IssueCode, Locale, Severity};
pub use options::{BuildOptions, ValidateOptions};
pub use tuned::json;
pub use vendor::{Operation, Vendor};

#[cfg(target_arch = "wasm32")]
mod js;
