//! The boundary path the package does not use, kept for bench/run.mjs to measure against the
//! one it does: params as a JS object converted field by field by serde-wasm-bindgen, issues
//! back as JS objects. Built only with `--features boundary-bench`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{invalid_argument, operation_of, to_js_error, vendor_of};

#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(vendor: &str, operation: &str, params: JsValue) -> Result<JsValue, JsValue> {
    let vendor = vendor_of(vendor)?;
    let op = operation_of(vendor, operation)?;
    let params: serde_json::Value = serde_wasm_bindgen::from_value(params).map_err(|e| invalid_argument(&e.to_string()))?;
    let issues = vendor.validate(op, &params, &Default::default()).map_err(|e| to_js_error(&e))?;
    issues.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| invalid_argument(&e.to_string()))
}
