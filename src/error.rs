//! The core's errors. Each becomes a JS `Error` with a stable `name` and `code` at the wasm
//! boundary; here they are plain data so they can be tested natively.

use serde::Serialize;

use crate::issue::Issue;
use crate::vendors::{Operation, Vendor};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "name")]
pub enum Error {
    /// The params, credentials or options have issues of severity `error`.
    ValidationError { vendor: Vendor, operation: Operation, issues: Vec<Issue> },
    /// The vendor answered with an error in its envelope.
    VendorError(VendorError),
    /// The reply could not be read as the vendor's envelope (non-JSON, malformed, an HTTP
    /// error page). Whether the request was applied is unknown.
    ResponseError { vendor: Vendor, status: u16, message: String, retryable: bool },
    /// The vendor has no endpoint for this operation.
    UnsupportedOperationError { vendor: Vendor, operation: Operation },
}

/// An error the vendor reported in its own envelope.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VendorError {
    pub vendor: Vendor,
    /// The vendor's code as text (`"408"`, `"-48"`): the vendors disagree on its type.
    pub code: String,
    /// What the vendor said, verbatim.
    pub vendor_message: String,
    /// What the documented code means, in the requested locale; empty for undocumented codes.
    pub explanation: String,
    pub request_id: Option<String>,
    /// The HTTP status of the reply.
    pub status: u16,
    /// Whether sending the same request again later can succeed (server-side trouble),
    /// as opposed to a problem the caller must fix first.
    pub retryable: bool,
}

impl Error {
    /// The stable machine code of the error kind.
    pub fn code(&self) -> &str {
        match self {
            Error::ValidationError { .. } => "validation_failed",
            Error::VendorError(e) => &e.code,
            Error::ResponseError { .. } => "invalid_response",
            Error::UnsupportedOperationError { .. } => "unsupported_operation",
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Error::ValidationError { .. } => "ValidationError",
            Error::VendorError(_) => "VendorError",
            Error::ResponseError { .. } => "ResponseError",
            Error::UnsupportedOperationError { .. } => "UnsupportedOperationError",
        }
    }

    /// A one-line English description. Never contains credentials: none of the variants
    /// carries them.
    pub fn message(&self) -> String {
        match self {
            Error::ValidationError { vendor, operation, issues } => {
                let first = issues.first().map(|i| format!(": {} {}", i.path_string(), i.message)).unwrap_or_default();
                format!("{} {}: {} issue(s){}", vendor.as_str(), operation.as_str(), issues.len(), first)
            }
            Error::VendorError(e) => {
                let expl = if e.explanation.is_empty() { String::new() } else { format!(" ({})", e.explanation) };
                format!("{} error {}: {}{}", e.vendor.as_str(), e.code, e.vendor_message, expl)
            }
            Error::ResponseError { vendor, status, message, .. } => format!("{} reply (HTTP {status}) unreadable: {message}", vendor.as_str()),
            Error::UnsupportedOperationError { vendor, operation } => {
                format!("{} has no {} operation", vendor.as_str(), operation.as_str())
            }
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}
