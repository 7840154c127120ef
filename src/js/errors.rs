//! Core errors as JS `Error` objects with a stable `name` and `code` (the Bitwarden
//! sdk-internal pattern), never strings. Messages never include credentials: the core's
//! errors carry none, and transport errors name only the method and the URL's path.

use wasm_bindgen::prelude::*;

use super::to_js;
use crate::vendors::{Operation, Vendor};
use crate::Error;

pub(crate) fn set(target: &js_sys::Error, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn error(name: &str, code: &str, message: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    set(&e, "code", &JsValue::from_str(code));
    e
}

pub(crate) fn to_js_error(err: &Error) -> JsValue {
    let e = error(err.name(), err.code(), &err.message());
    match err {
        Error::ValidationError { vendor, operation, issues } => {
            set(&e, "vendor", &vendor.as_str().into());
            set(&e, "operation", &operation.as_str().into());
            set(&e, "issues", &to_js(issues));
        }
        Error::VendorError(v) => {
            set(&e, "vendor", &v.vendor.as_str().into());
            set(&e, "vendorMessage", &v.vendor_message.as_str().into());
            set(&e, "explanation", &v.explanation.as_str().into());
            set(&e, "requestId", &v.request_id.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            set(&e, "status", &v.status.into());
            set(&e, "retryable", &v.retryable.into());
        }
        Error::ResponseError { vendor, status, retryable, .. } => {
            set(&e, "vendor", &vendor.as_str().into());
            set(&e, "status", &(*status).into());
            set(&e, "retryable", &(*retryable).into());
            // The vendor may have applied the request: the reply is all we could not read.
            set(&e, "mayHaveApplied", &true.into());
        }
        Error::UnsupportedOperationError { vendor, operation } => {
            set(&e, "vendor", &vendor.as_str().into());
            set(&e, "operation", &operation.as_str().into());
        }
    }
    e.into()
}

/// A wrong argument (unknown vendor, options that are not an object, …).
pub(crate) fn config_error(message: &str) -> JsValue {
    let e = js_sys::TypeError::new(message);
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str("invalid_argument"));
    e.into()
}

/// How a send failed before any reply could be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TransportFailure {
    Network,
    Timeout,
    Aborted,
}

pub(crate) fn transport_error(kind: TransportFailure, vendor: Vendor, op: Operation, target: &str, attempts: u32) -> JsValue {
    let (name, code, what) = match kind {
        TransportFailure::Network => ("NetworkError", "network_error", "the request failed before a reply arrived"),
        TransportFailure::Timeout => ("TimeoutError", "timeout", "no reply within the timeout"),
        TransportFailure::Aborted => ("AbortError", "aborted", "aborted by the caller's signal"),
    };
    let e = error(name, code, &format!("{} {}: {what} ({target}, {attempts} attempt(s))", vendor.as_str(), op.as_str()));
    set(&e, "vendor", &vendor.as_str().into());
    set(&e, "operation", &op.as_str().into());
    set(&e, "attempts", &attempts.into());
    // fetch cannot tell whether the request left the machine: callers must treat the outcome
    // of a write as unknown (see the import report's `unknown`).
    set(&e, "mayHaveApplied", &true.into());
    e.into()
}
