//! The wasm boundary: converts JS values, calls the core, converts back, and turns core
//! errors into JS `Error` objects. No rule lives here (see ../shared/DESIGN.md).
//!
//! Params, customers, options and results cross as JSON text (pkg-template/api.js stringifies
//! and parses): V8's JSON and serde_json beat serde-wasm-bindgen's field-by-field crossing by
//! an order of magnitude on import-sized data (bench/boundary.mjs measures both), and one way
//! across for everything keeps serde-wasm-bindgen's code out of the .wasm. Only `Client.call`'s
//! options stay a JS object: they carry an `AbortSignal`.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::options;
use crate::vendors::{self, BuildOptions, Operation, ValidateOptions, Vendor};

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
mod alloc;
#[cfg(feature = "boundary-bench")]
mod bench;
mod client;
mod errors;
mod import;
mod types;
#[cfg(test)]
mod tests;

pub(crate) use errors::{config_error, to_js_error};

/// Talc instead of the default dlmalloc: smaller in the .wasm, and no slower on imports
/// (see the commit that brought it); small blocks are served from free lists in front of it
/// (alloc.rs). Single-threaded wasm only: the lists are not shared between threads.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: alloc::Cached<talc::wasm::WasmDynamicTalc> = alloc::Cached::new(talc::wasm::new_wasm_dynamic_allocator());

/// Params, customers or options sent as JSON text by api.js (`undefined` arrives as `null`).
pub(crate) fn from_json(text: &str) -> Result<Value, JsValue> {
    crate::json::parse_value(text).map_err(|e| config_error(&format!("not JSON data: {e}")))
}

/// A result as JSON text, for api.js to `JSON.parse`.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Plain JS objects out (never `Map`), as `JSON.parse` gives: through JSON text, like results.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    js_sys::JSON::parse(&to_json(value)).unwrap_or(JsValue::NULL)
}

pub(crate) fn vendor_of(s: &str) -> Result<Vendor, JsValue> {
    Vendor::parse(s).ok_or_else(|| config_error(&format!("unknown vendor {s:?}; expected tanyi, byrobot, itniotech or zxycall")))
}

pub(crate) fn operation_of(vendor: Vendor, s: &str) -> Result<Operation, JsValue> {
    Operation::parse(s).ok_or_else(|| {
        // Unknown names are unsupported operations, with the stable error shape.
        let e = js_sys::Error::new(&format!("{} has no operation {s:?}", vendor.as_str()));
        e.set_name("UnsupportedOperationError");
        errors::set(&e, "code", &JsValue::from_str("unsupported_operation"));
        errors::set(&e, "vendor", &JsValue::from_str(vendor.as_str()));
        errors::set(&e, "operation", &JsValue::from_str(s));
        e.into()
    })
}

/// Options as JSON text, read by `read`; `null` (no options) is the defaults. `what` names
/// them in the error ("invalid {what}: …").
pub(crate) fn options_of<T: Default>(options_json: &str, what: &str, read: fn(&Value) -> Result<T, options::OptionsError>) -> Result<T, JsValue> {
    match from_json(options_json)? {
        Value::Null => Ok(T::default()),
        v => read(&v).map_err(|e| config_error(&format!("invalid {what}: {e}"))),
    }
}

/// Every issue with the params (JSON text), errors and warnings, as JSON text of `Issue[]`;
/// `undefined` when there is none (the common case: no string to make and decode).
#[wasm_bindgen(js_name = validate)]
pub fn validate(
    vendor: &str,
    operation: &str,
    params_json: &str,
    options_json: &str,
) -> Result<Option<String>, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let options: ValidateOptions = options_of(options_json, "options", options::validate_options)?;
    // Read straight into the borrowed tree of crate::json, not a `Value`: the faster path.
    let result = vendors::validate_json(vendor, op, params_json, &options).map_err(|e| config_error(&format!("not JSON data: {e}")))?;
    result.map(|issues| (!issues.is_empty()).then(|| to_json(&issues))).map_err(|e| to_js_error(&e))
}

/// The exact signed request, as JSON text of `{ method, url, headers, body? }`. Throws
/// ValidationError.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(
    vendor: &str,
    operation: &str,
    params_json: &str,
    options_json: &str,
) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let (credentials, options) = build_options(options_json)?;
    let params = from_json(params_json)?;
    let req = vendors::build_request(vendor, op, &params, &credentials, &options).map_err(|e| to_js_error(&e))?;
    Ok(to_json(&types::JsHttpRequest::from(&req)))
}

/// JSON text of `RawBuildOptions` (`{ credentials, baseUrl?, now?, … }`) → the core's
/// options; `now` defaults to the clock.
pub(crate) fn build_options(options_json: &str) -> Result<(Value, BuildOptions), JsValue> {
    let raw = from_json(options_json)?;
    let credentials = raw.get("credentials").cloned().unwrap_or(Value::Null);
    let has_now = raw.get("now").is_some_and(|n| !n.is_null());
    let mut opts: BuildOptions = match raw {
        Value::Null => BuildOptions::default(),
        v => options::build_options(&v).map_err(|e| config_error(&format!("invalid options: {e}")))?,
    };
    if !has_now {
        opts.now = js_sys::Date::now();
    }
    Ok((credentials, opts))
}

/// Reads a vendor reply: JSON text of the envelope's data, or throws VendorError /
/// ResponseError.
#[wasm_bindgen(js_name = parseResponse)]
/// `locale_json` is the JSON text of `"en" | "zh-CN"`, or `null`.
pub fn parse_response(vendor: &str, operation: &str, status: u16, body: &str, locale_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let locale = options_of(locale_json, "options", options::locale)?;
    vendors::parse_response(vendor, op, status, body, locale).map(|v| to_json(&v)).map_err(|e| to_js_error(&e))
}

/// The operations a vendor supports, in a stable order.
#[wasm_bindgen(js_name = operations, unchecked_return_type = "string[]")]
pub fn operations(vendor: &str) -> Result<JsValue, JsValue> {
    let v = vendor_of(vendor)?;
    Ok(v.operations().iter().map(|o| JsValue::from_str(o.as_str())).collect::<js_sys::Array>().into())
}

