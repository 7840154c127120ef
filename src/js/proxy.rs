//! The edge proxy's decisions (src/edge.rs) for pkg-template/api.js's `createProxyHandler`,
//! which wires `Request` and `Response` around them, keeps the rate-limit buckets, and sends
//! admitted calls with a `Client` per vendor.

use wasm_bindgen::prelude::*;

use super::vendor_of;
use crate::edge;

/// `edge::caller_of`: the caller the `Authorization` header's bearer token names, of
/// `caller\ntoken` lines.
#[wasm_bindgen(js_name = proxyCaller)]
pub fn proxy_caller(tokens: &str, authorization: &str) -> Option<String> {
    edge::caller_of(tokens, authorization).map(str::to_string)
}

/// `edge::listed`: whether `item` is a line of `list`.
#[wasm_bindgen(js_name = proxyListed)]
pub fn proxy_listed(list: &str, item: &str) -> bool {
    edge::listed(list, item)
}

/// `edge::fits`: whether a body of `len` bytes is within `max`.
#[wasm_bindgen(js_name = proxyFits)]
pub fn proxy_fits(len: f64, max: f64) -> bool {
    edge::fits(len, max)
}

/// `edge::route`: -1 no such operation of the vendor, 0 a read, 1 a write.
#[wasm_bindgen(js_name = proxyRoute)]
pub fn proxy_route(vendor: &str, op: &str) -> Result<i32, JsValue> {
    Ok(edge::route(vendor_of(vendor)?, op))
}

/// `edge::task_key`: the params' member naming the task, for the `onCall` audit.
#[wasm_bindgen(js_name = proxyTaskKey)]
pub fn proxy_task_key(vendor: &str) -> Result<Option<String>, JsValue> {
    Ok(edge::task_key(vendor_of(vendor)?).map(str::to_string))
}

/// `edge::take`: one call from a rate-limit bucket.
#[wasm_bindgen(js_name = proxyTake)]
pub fn proxy_take(calls: f64, at: f64, now: f64, limit: f64, window: f64) -> f64 {
    edge::take(calls, at, now, limit, window)
}
