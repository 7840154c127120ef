//! Callbacks at the boundary: a pushed body read into events, and a vendor's webhook plan
//! (pkg-template/webhook.js does the I/O: the request, the store, `onEvent`, the reply).

use wasm_bindgen::prelude::*;

use super::{to_js_error, vendor_of};

/// The events of a pushed callback, as JSON text of `CallbackEvent[]` (without `raw`);
/// `content_type` "" when the request has none. Throws CallbackError, or
/// UnsupportedOperationError for a vendor that documents no callbacks.
#[wasm_bindgen(js_name = parseCallback)]
pub fn parse_callback(vendor: &str, content_type: &str, body: &str) -> Result<String, JsValue> {
    crate::callback::parse(vendor_of(vendor)?, content_type, body).map_err(|e| to_js_error(&e))
}

/// The vendor's webhook plan, as JSON text of `{ ack, documentedIps, bodyLimits, replies }`
/// (src/callback.rs `plan`). Throws UnsupportedOperationError for a vendor without callbacks.
#[wasm_bindgen(js_name = webhookPlan)]
pub fn webhook_plan(vendor: &str) -> Result<String, JsValue> {
    crate::callback::plan(vendor_of(vendor)?).map_err(|e| to_js_error(&e))
}
