//! Reading the vendors' reply envelopes. Shared by the vendor modules; never panics on any
//! status or body.

use serde_json::Value;

use crate::error::{Error, VendorError};
use crate::issue::Locale;
use crate::json::{Json, Object};
use crate::vendor::Vendor;

/// What a documented vendor code means: English, Chinese, and whether retrying can help.
pub type CodeInfo = (&'static str, &'static str, bool);

/// Statuses after which the same request may succeed later.
pub fn status_retryable(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
}

/// The body as JSON, or a `ResponseError` that says why not (with a short, safe excerpt).
pub fn json(vendor: Vendor, status: u16, body: &str) -> Result<Value, Error> {
    tree(vendor, status, body).map(Json::into_value)
}

/// `json` as the borrowed tree, for an envelope of which only `data` is kept: building the
/// whole envelope as a `Value` map (each key and string allocated) and cloning `data` out of it
/// was most of the work of a small reply.
pub fn tree(vendor: Vendor, status: u16, body: &str) -> Result<Json<'_>, Error> {
    Json::from_str(body).map_err(|e| {
        // Quoted as written, control characters dropped (not `{:?}`: Rust's string escaping and
        // its Unicode tables cost kilobytes of .wasm for this one message).
        let excerpt: String = body.chars().filter(|c| !c.is_control()).take(80).collect();
        let what = if body.trim().is_empty() { "empty body".to_string() } else { format!("not JSON ({e}): \"{excerpt}\"") };
        Error::response(vendor, status, what)
    })
}

pub fn not_object(vendor: Vendor, status: u16) -> Error {
    Error::response(vendor, status, "the reply is not the vendor's envelope object")
}

/// Builds the `VendorError` for a code, explained from the vendor's table when documented.
pub fn vendor_error(
    vendor: Vendor,
    status: u16,
    code: String,
    vendor_message: String,
    request_id: Option<String>,
    info: Option<CodeInfo>,
    locale: Locale,
) -> Error {
    let (explanation, retryable) = match info {
        Some((en, zh, retry)) => ((if locale == Locale::ZhCn { zh } else { en }).to_string(), retry),
        None => (String::new(), status_retryable(status)),
    };
    Error::VendorError(VendorError { vendor, code, vendor_message, explanation, request_id, status, retryable })
}

/// A JSON value as text: strings as they are, numbers as digits.
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(crate::json::to_text(other)),
    }
}

/// The `ResultModel` envelope shared by Tanyi and BYRobot:
/// `{code, data, resultMsg, requestId, errorStackTrace}`; `code` 200 is success.
pub fn result_model(vendor: Vendor, status: u16, body: &str, explain: fn(i64) -> Option<CodeInfo>, locale: Locale) -> Result<Value, Error> {
    let Json::Object(mut obj) = tree(vendor, status, body)? else { return Err(not_object(vendor, status)) };
    let code = match obj.get("code") {
        Some(Json::String(s)) => s.trim().parse().ok(),
        n => n.and_then(Json::as_i64),
    };
    let Some(code) = code else { return Err(not_object(vendor, status)) };
    if code == 200 {
        return Ok(member(&mut obj, "data").unwrap_or(Value::Null));
    }
    Err(vendor_error(
        vendor,
        status,
        code.to_string(),
        text(member(&mut obj, "resultMsg").as_ref()).unwrap_or_default(),
        text(member(&mut obj, "requestId").as_ref()),
        explain(code),
        locale,
    ))
}

/// An envelope's member as a `Value`, moved out of the tree.
pub fn member(obj: &mut Object, key: &str) -> Option<Value> {
    obj.take(key).map(Json::into_value)
}

/// The codes Tanyi and BYRobot share (their docs' error tables).
pub fn result_model_code(code: i64) -> Option<CodeInfo> {
    Some(match code {
        401 => ("The request data failed validation (校验数据错误)", "校验数据错误", false),
        403 => ("Not permitted: check the key and the account's rights", "权限不足", false),
        404 => ("Resource not found", "资源未找到", false),
        408 => ("Clock skew: the request time differs from the vendor's by more than 3 minutes; fix the local clock", "时间错误：请求时间与服务器相差超过 3 分钟，请校准本机时钟", false),
        412 => ("Invalid parameters", "参数错误", false),
        500 => ("Unknown vendor error", "未知错误", true),
        _ => return None,
    })
}
