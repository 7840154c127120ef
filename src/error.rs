//! The core's errors: one enum for everything a call can end with, declared once. Each variant
//! becomes a JS error class at the boundary (`name` is the variant, `code` is `Error::code`, the
//! serialized fields are the error's own fields); the package's classes, guards and TypeScript
//! declarations are generated from `Error::KINDS` and this type (pkg-template/codegen.mjs).
//! Messages never carry credentials: no variant holds any.

use serde::Serialize;

use crate::callback::CallbackReason;
use crate::issue::Issue;
use crate::retry::refused_before_applying;
use crate::vendor::{Operation, Vendor};

/// Every error waihu reports. (Named `ErrorData` for its TypeScript type, beside the JS error
/// classes of the same kinds; Rust code says `Error`.)
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "name")]
pub enum ErrorData {
    /// The params, credentials or options have issues of severity `error`.
    ValidationError { vendor: Vendor, operation: Operation, issues: Vec<Issue> },
    /// The vendor answered with an error in its envelope.
    VendorError(VendorErrorData),
    /// The reply could not be read as the vendor's envelope (non-JSON, malformed, an HTTP error
    /// page).
    #[serde(rename_all = "camelCase")]
    ResponseError {
        vendor: Vendor,
        status: u16,
        #[serde(skip)]
        message: String,
        /// Sending the same request again later may succeed.
        retryable: bool,
        /// False only when the status says the vendor refused the call (429, 503).
        may_have_applied: bool,
    },
    /// `fetch` failed before a reply arrived: the request may or may not have left the machine.
    #[serde(rename_all = "camelCase")]
    NetworkError {
        vendor: Vendor,
        operation: Operation,
        attempts: u32,
        may_have_applied: bool,
        /// `METHOD scheme://host/path` without the query, for the message.
        #[serde(skip)]
        target: String,
    },
    /// No reply within `timeoutMs`: the vendor may have applied the request.
    #[serde(rename_all = "camelCase")]
    TimeoutError {
        vendor: Vendor,
        operation: Operation,
        attempts: u32,
        may_have_applied: bool,
        #[serde(skip)]
        target: String,
    },
    /// The caller's signal aborted the call: before it was sent, or while an attempt was in
    /// flight (which the vendor may have applied).
    #[serde(rename_all = "camelCase")]
    AbortError { vendor: Vendor, operation: Operation, attempts: u32, may_have_applied: bool },
    /// The vendor has no endpoint for this operation (or no operation has that name).
    UnsupportedOperationError { vendor: Vendor, operation: String },
    /// A pushed callback could not be read: its content type, its JSON, or its type.
    CallbackError {
        vendor: Vendor,
        reason: CallbackReason,
        #[serde(skip)]
        detail: String,
    },
    // The refusals of waihu's edge proxy (src/edge.rs), read back from its answers by a client
    // in proxy mode (`vendor` and `operation` are the call's).
    /// The proxy found no valid token (or its `authorize` refused the caller).
    UnauthenticatedError { vendor: Vendor, operation: Operation },
    /// The proxy does not allow this operation (or this page's origin).
    NotAllowedError { vendor: Vendor, operation: Operation },
    /// The request's body is larger than the proxy accepts.
    #[serde(rename_all = "camelCase")]
    PayloadTooLargeError { vendor: Vendor, operation: Operation, max_bytes: u64 },
    /// The caller made more writes than the proxy's rate limit allows; `retryAfterMs` says when
    /// one more is allowed.
    #[serde(rename_all = "camelCase")]
    RateLimitedError { vendor: Vendor, operation: Operation, retry_after_ms: u64 },
}

pub type Error = ErrorData;
pub type VendorError = VendorErrorData;

/// An error the vendor reported in its own envelope.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VendorErrorData {
    pub vendor: Vendor,
    /// The vendor's code as text (`"408"`, `"-48"`): the vendors disagree on its type.
    #[serde(skip)]
    pub code: String,
    /// What the vendor said, verbatim.
    pub vendor_message: String,
    /// What the documented code means, in the requested locale; empty for undocumented codes.
    pub explanation: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub request_id: Option<String>,
    /// The HTTP status of the reply.
    pub status: u16,
    /// Whether sending the same request again later can succeed (server-side trouble), as
    /// opposed to a problem the caller must fix first.
    pub retryable: bool,
}

/// How a send failed before any reply could be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportFailure {
    Network,
    Timeout,
    /// The caller's signal, while an attempt was in flight.
    Aborted,
    /// The caller's signal, before the attempt was sent.
    AbortedBeforeSending,
}

impl ErrorData {
    /// Every error's `name` and its fixed `code` (None: the vendor's own code), in the order the
    /// package declares their classes. Each is a subclass of `WaihuError`.
    pub const KINDS: &'static [(&'static str, Option<&'static str>)] = &[
        ("ValidationError", Some("validation_failed")),
        ("VendorError", None),
        ("ResponseError", Some("invalid_response")),
        ("NetworkError", Some("network_error")),
        ("TimeoutError", Some("timeout")),
        ("AbortError", Some("aborted")),
        ("UnsupportedOperationError", Some("unsupported_operation")),
        ("CallbackError", Some("invalid_callback")),
        ("UnauthenticatedError", Some("unauthenticated")),
        ("NotAllowedError", Some("not_allowed")),
        ("PayloadTooLargeError", Some("payload_too_large")),
        ("RateLimitedError", Some("rate_limited")),
    ];

    /// A reply that is not the vendor's envelope.
    pub fn response(vendor: Vendor, status: u16, message: impl Into<String>) -> Error {
        Error::ResponseError {
            vendor,
            status,
            message: message.into(),
            retryable: crate::envelope::status_retryable(status),
            may_have_applied: !refused_before_applying(status),
        }
    }

    /// A send that ended without a reply, after `attempts` attempts.
    pub fn transport(failure: TransportFailure, vendor: Vendor, operation: Operation, target: String, attempts: u32) -> Error {
        match failure {
            TransportFailure::Network => Error::NetworkError { vendor, operation, attempts, may_have_applied: true, target },
            TransportFailure::Timeout => Error::TimeoutError { vendor, operation, attempts, may_have_applied: true, target },
            TransportFailure::Aborted => Error::AbortError { vendor, operation, attempts, may_have_applied: true },
            TransportFailure::AbortedBeforeSending => Error::AbortError { vendor, operation, attempts, may_have_applied: false },
        }
    }

    pub fn name(&self) -> &'static str {
        Error::KINDS[self.kind()].0
    }

    /// The index of the error's row in `KINDS`.
    pub fn kind(&self) -> usize {
        match self {
            Error::ValidationError { .. } => 0,
            Error::VendorError(_) => 1,
            Error::ResponseError { .. } => 2,
            Error::NetworkError { .. } => 3,
            Error::TimeoutError { .. } => 4,
            Error::AbortError { .. } => 5,
            Error::UnsupportedOperationError { .. } => 6,
            Error::CallbackError { .. } => 7,
            Error::UnauthenticatedError { .. } => 8,
            Error::NotAllowedError { .. } => 9,
            Error::PayloadTooLargeError { .. } => 10,
            Error::RateLimitedError { .. } => 11,
        }
    }

    /// The stable machine code of the error: the kind's, or the vendor's own.
    pub fn code(&self) -> &str {
        match self {
            Error::VendorError(e) => &e.code,
            other => Error::KINDS[other.kind()].1.unwrap_or_default(),
        }
    }

    pub fn vendor(&self) -> Vendor {
        match self {
            Error::ValidationError { vendor, .. }
            | Error::ResponseError { vendor, .. }
            | Error::NetworkError { vendor, .. }
            | Error::TimeoutError { vendor, .. }
            | Error::AbortError { vendor, .. }
            | Error::UnsupportedOperationError { vendor, .. }
            | Error::CallbackError { vendor, .. }
            | Error::UnauthenticatedError { vendor, .. }
            | Error::NotAllowedError { vendor, .. }
            | Error::PayloadTooLargeError { vendor, .. }
            | Error::RateLimitedError { vendor, .. } => *vendor,
            Error::VendorError(e) => e.vendor,
        }
    }

    /// Whether the call may have been applied at the vendor although it failed: the outcome
    /// of a write is then unknown (an import counts its rows as `unknown`, never as rejected).
    pub fn may_have_applied(&self) -> bool {
        match self {
            Error::ResponseError { may_have_applied, .. }
            | Error::NetworkError { may_have_applied, .. }
            | Error::TimeoutError { may_have_applied, .. }
            | Error::AbortError { may_have_applied, .. } => *may_have_applied,
            _ => false,
        }
    }

    /// A one-line English description, safe to log: no variant carries credentials, and a
    /// target is the URL without its query.
    pub fn message(&self) -> String {
        let v = self.vendor().as_str();
        match self {
            Error::ValidationError { operation, issues, .. } => {
                let first = issues.first().map(|i| format!(": {} {}", i.path_string(), i.message)).unwrap_or_default();
                format!("{v} {}: {} issue(s){first}", operation.as_str(), issues.len())
            }
            Error::VendorError(e) => {
                let expl = if e.explanation.is_empty() { String::new() } else { format!(" ({})", e.explanation) };
                format!("{v} error {}: {}{expl}", e.code, e.vendor_message)
            }
            Error::ResponseError { status, message, .. } => format!("{v} reply (HTTP {status}) unreadable: {message}"),
            Error::NetworkError { operation, target, attempts, .. } => {
                format!("{v} {}: the request failed before a reply arrived ({target}, {attempts} attempt(s))", operation.as_str())
            }
            Error::TimeoutError { operation, target, attempts, .. } => {
                format!("{v} {}: no reply within the timeout ({target}, {attempts} attempt(s))", operation.as_str())
            }
            Error::AbortError { operation, attempts, .. } => format!("{v} {}: aborted by the caller's signal ({attempts} attempt(s))", operation.as_str()),
            Error::UnsupportedOperationError { operation, .. } => format!("{v} has no {operation} operation"),
            Error::CallbackError { reason, detail, .. } => format!("{v} callback refused ({}): {detail}", reason.as_str()),
            Error::UnauthenticatedError { .. } => format!("{v}: the proxy refused the call: no valid token"),
            Error::NotAllowedError { operation, .. } => format!("{v} {}: not allowed by the proxy", operation.as_str()),
            Error::PayloadTooLargeError { max_bytes, .. } => format!("{v}: the request is larger than the proxy accepts ({max_bytes} bytes)"),
            Error::RateLimitedError { operation, retry_after_ms, .. } => format!("{v} {}: over the proxy's rate limit; retry in {retry_after_ms} ms", operation.as_str()),
        }
    }
}

impl std::fmt::Display for ErrorData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ErrorData {}
