//! The wasm boundary: converts JS values, calls the core, converts back, and turns core
//! errors into JS `Error` objects. No rule lives here (see the README's "Layout").
//!
//! Params, customers, options and results cross as JSON text (pkg-template/api.js stringifies
//! and parses): V8's JSON and our parser beat serde-wasm-bindgen's field-by-field crossing by an
//! order of magnitude on import-sized data (bench/RESULTS.md), and one way across for everything
//! keeps serde-wasm-bindgen's code out of the .wasm. Names (vendor, operation) and a reply's
//! body cross as strings, which api.js checks are strings (`str` in boundary.js: a wrong type is
//! a `TypeError` with `code: "invalid_argument"`, never an engine error): a string straight
//! from the glue costs less than reading a `JsValue` through its imports.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::options::{self, BuildOptions, ValidateOptions};
use crate::vendor::{Operation, Vendor};
use crate::vendors;

#[cfg(feature = "boundary-bench")]
mod bench;
mod client;
mod errors;
mod import;
mod proxy;
mod types;
mod unified;
mod webhook;
#[cfg(test)]
mod tests;

pub(crate) use errors::{invalid_argument, to_js_error};

/// Talc instead of the default dlmalloc (smaller in the .wasm, and no slower on imports), with
/// free lists for small blocks in front of it (src/tuned/alloc.rs). Single-threaded wasm only:
/// the lists are not shared between threads.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: crate::tuned::alloc::Cached<talc::wasm::WasmDynamicTalc> = crate::tuned::alloc::Cached::new(talc::wasm::new_wasm_dynamic_allocator());

/// Params, customers or options sent as JSON text by api.js (`undefined` arrives as `null`).
pub(crate) fn from_json(text: &str) -> Result<Value, JsValue> {
    crate::json::parse_value(text).map_err(|e| invalid_argument(&format!("not JSON data: {e}")))
}

/// A result as JSON text, for api.js to `JSON.parse`.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// A vendor's reply data as JSON text for JS, its integers beyond ±(2^53 − 1) as strings
/// (`json::exact_in_js`): the one way results cross.
pub(crate) fn result_json(data: Value) -> String {
    crate::json::exact_in_js(to_json(&data))
}

/// Plain JS objects out (never `Map`), as `JSON.parse` gives: through JSON text, like results.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    js_sys::JSON::parse(&to_json(value)).unwrap_or(JsValue::NULL)
}

pub(crate) fn vendor_of(id: &str) -> Result<Vendor, JsValue> {
    vendors::parse(id).ok_or_else(|| {
        let mut expected = String::new();
        for (i, v) in vendors::ALL.iter().enumerate() {
            expected.push_str(if i == 0 { "" } else { ", " });
            expected.push_str(v.as_str());
        }
        invalid_argument(&format!("unknown vendor \"{id}\"; expected one of {expected}"))
    })
}

/// An operation name; an unknown one is the vendor's `UnsupportedOperationError`.
pub(crate) fn operation_of(vendor: Vendor, name: &str) -> Result<Operation, JsValue> {
    Operation::parse(name).ok_or_else(|| to_js_error(&Error::UnsupportedOperationError { vendor, operation: name.to_string() }))
}

/// Options as JSON text, read by `read`; `null` (no options) is the defaults. `what` names
/// them in the error ("invalid {what}: …").
pub(crate) fn options_of<T: Default>(options_json: &str, what: &str, read: fn(&Value) -> Result<T, options::OptionsError>) -> Result<T, JsValue> {
    match from_json(options_json)? {
        Value::Null => Ok(T::default()),
        v => read(&v).map_err(|e| invalid_argument(&format!("invalid {what}: {e}"))),
    }
}

/// Every issue with the params (JSON text), errors and warnings, as JSON text of `Issue[]`;
/// `undefined` when there is none (the common case: no string to make and decode).
#[wasm_bindgen(js_name = validate)]
pub fn validate(vendor: &str, operation: &str, params_json: &str, options_json: &str) -> Result<Option<String>, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let options: ValidateOptions = options_of(options_json, "options", options::validate_options)?;
    // Read straight into the borrowed tree of crate::json, not a `Value`: the faster path.
    let result = vendor.validate_json(op, params_json, &options).map_err(|e| invalid_argument(&format!("not JSON data: {e}")))?;
    result.map(|issues| (!issues.is_empty()).then(|| to_json(&issues))).map_err(|e| to_js_error(&e))
}

/// The exact signed request, as JSON text of `{ method, url, headers, body? }`. Throws
/// ValidationError.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(vendor: &str, operation: &str, params_json: &str, options_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let (credentials, options) = build_options(options_json)?;
    let params = from_json(params_json)?;
    let req = vendor.build_request(op, &params, &credentials, &options).map_err(|e| to_js_error(&e))?;
    Ok(to_json(&types::JsHttpRequest::from(&req)))
}

/// JSON text of `RawBuildOptions` (`{ credentials, baseUrl?, now?, … }`) → the core's
/// options; `now` defaults to the clock.
fn build_options(options_json: &str) -> Result<(Value, BuildOptions), JsValue> {
    let raw = from_json(options_json)?;
    let credentials = raw.get("credentials").cloned().unwrap_or(Value::Null);
    let has_now = raw.get("now").is_some_and(|n| !n.is_null());
    let mut opts: BuildOptions = match raw {
        Value::Null => BuildOptions::default(),
        v => options::build_options(&v).map_err(|e| invalid_argument(&format!("invalid options: {e}")))?,
    };
    if !has_now {
        opts.now = js_sys::Date::now();
    }
    Ok((credentials, opts))
}

/// Reads a vendor reply: JSON text of the envelope's data, or throws VendorError /
/// ResponseError. `locale_json` is the JSON text of `"en" | "zh-CN"`, or `null`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(vendor: &str, operation: &str, status: f64, body: &str, locale_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    // api.js sends NaN for a status that is not a number.
    let status = Some(status).filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s)).ok_or_else(|| invalid_argument("the status must be an HTTP status from 100 to 599"))?;
    let locale = options_of(locale_json, "options", options::locale)?;
    vendor.parse_response(op, status as u16, body, locale).map(result_json).map_err(|e| to_js_error(&e))
}

/// The operations a vendor supports, in a stable order.
#[wasm_bindgen(js_name = operations, unchecked_return_type = "string[]")]
pub fn operations(vendor: &str) -> Result<JsValue, JsValue> {
    let v = vendor_of(vendor)?;
    Ok(v.operations().iter().map(|o| JsValue::from_str(o.as_str())).collect::<js_sys::Array>().into())
}
