//! Core errors as JS `Error` objects: `name` is the kind, `code` the stable code, the message the
//! core's, and the error's serialized fields its own properties. pkg-template/api.js turns each
//! into an instance of the package's class of that name (`e instanceof VendorError`).

use wasm_bindgen::prelude::*;

use super::to_js;
use crate::Error;

pub(crate) fn to_js_error(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.message());
    // Serialized with its `name` tag: every field at once, as declared on the Rust variant.
    let _ = js_sys::Object::assign(&e, &to_js(err).unchecked_into());
    e.set_name(err.name());
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str(err.code()));
    e.into()
}

/// A wrong argument (unknown vendor, options that are not an object, …): a `TypeError` with
/// `code: "invalid_argument"`.
pub(crate) fn invalid_argument(message: &str) -> JsValue {
    let e = js_sys::TypeError::new(message);
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str("invalid_argument"));
    e.into()
}
