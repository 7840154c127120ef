//! The edge proxy at the boundary: the core decides (src/edge.rs); pkg-template/api.js's
//! `createProxyHandler` wires `Request` and `Response` around `decide`, answers from the
//! core's tables, and sends admitted calls with a `Client` per vendor.

use wasm_bindgen::prelude::*;

use super::invalid_argument;
use crate::edge::{self, Body, Head};
use crate::vendors;

#[wasm_bindgen(js_name = ProxyCore)]
pub struct Proxy(edge::Proxy);

#[wasm_bindgen(js_class = ProxyCore)]
impl Proxy {
    /// `config_json`: the proxy's config without its functions; `hook`: an `authorize`
    /// function names the callers (instead of `tokens`).
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str, hook: bool) -> Result<Proxy, JsValue> {
        let core = edge::Proxy::new(config_json, hook, &vendors::ALL);
        core.map(Proxy).map_err(|e| invalid_argument(&(String::from("invalid proxy config: ") + e)))
    }

    /// The body is read up to this many bytes, no further.
    #[wasm_bindgen(getter, js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> f64 {
        self.0.max_body_bytes() as f64
    }

    /// `edge::Proxy::decide`, for the request's method, `Origin`, `Authorization` ("" when
    /// absent), `Content-Length` (NaN when absent) and arrival time. `caller`: the `authorize`
    /// hook's answer (a string names the caller); `body`: `undefined` before it is read, `null`
    /// when longer than `maxBodyBytes`.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(&mut self, method: &str, origin: &str, authorization: &str, content_length: f64, now: f64, #[wasm_bindgen(unchecked_param_type = "unknown")] caller: JsValue, #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] body: JsValue) -> String {
        let text = body.as_string();
        let body = match &text {
            Some(b) => Body::Read(b),
            None if body.is_undefined() => Body::Unread,
            None => Body::TooLarge,
        };
        self.0.decide(&Head { method, origin, authorization, content_length, now }, caller.as_string(), body)
    }
}
