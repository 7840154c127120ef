//! The edge proxy, sans-IO: the decisions of a proxy that holds the vendors' credentials for
//! browser pages, as small pure functions over the config's lists (the origin, the token, the
//! size, the operation, one rate-limit bucket) and static tables (the status of every answer),
//! and, for a `Client` in proxy mode, the call it sends and how it reads the answers back into
//! the same `Error`s a direct client gets. pkg-template/api.js's `createProxyHandler` wires
//! them to `Request` and `Response` and keeps the rate-limit buckets (src/js/proxy.rs exports
//! them); the vendors' requests are built, signed and sent as by any `Client`.
//!
//! The call (the envelope), as JSON: `{ vendor, operation, params?, locale? }`.
//! `operation` is a vendor operation name (`startTask`); names with a dot (`tasks.create`) are
//! kept for the unified task calls, so adding those changes no existing call.
//!
//! The answers: 200 `{ data }`; an error: its kind's status (`STATUS`) and `{ error: { name,
//! code, message, …its fields } }`; what is no call at all (another method, a broken envelope):
//! 405 or 400 `{ error: { code, message } }`, which a client reads as a `ResponseError`.

use serde_json::Value;

use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::vendor::{Operation, Vendor};

/// The HTTP status of each kind of error, in `Error::KINDS` order: how the proxy answers it,
/// and how a client recognises the proxy's answer (a body naming a kind comes with its status).
pub const STATUS: [u16; Error::KINDS.len()] = [
    422, // ValidationError
    502, // VendorError
    502, // ResponseError
    502, // NetworkError
    504, // TimeoutError
    502, // AbortError
    404, // UnsupportedOperationError
    400, // CallbackError (not a call: no proxy answers it)
    401, // UnauthenticatedError
    403, // NotAllowedError
    413, // PayloadTooLargeError
    429, // RateLimitedError
];

/// The kinds from this index on are the proxy's own refusals.
const PROXY_KINDS: usize = 8;

/// The body limit when the config sets none: 1 MiB, room for a 1 000-row import chunk.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 1 << 20;

/// The proxy's own answers that are no vendor call (a preflight, its refusals), in
/// `src/edge-answers.json`: `[status, name, code, message, headers]` rows, `name` ("" for what
/// is no call at all) the error a client reads the answer back as. The handler answers
/// with a row by its index (the constants below); the package build makes createProxyHandler's table of the file
/// (pkg-template/codegen.mjs), so the rows are not in the .wasm.
#[cfg(not(target_arch = "wasm32"))]
pub const ANSWERS: &str = include_str!("edge-answers.json");
pub const PREFLIGHT: usize = 0;
pub const UNAUTHENTICATED: usize = 1;
pub const ORIGIN: usize = 2;
pub const NOT_ALLOWED: usize = 3;
pub const TOO_LARGE: usize = 4;
pub const RATE_LIMITED: usize = 5;
pub const METHOD: usize = 6;
pub const BAD_REQUEST: usize = 7;

/// The bearer token of an `Authorization` header (`Bearer <token>`, any case of the scheme).
fn bearer(authorization: &str) -> Option<&str> {
    let (scheme, token) = authorization.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The caller whose token the `Authorization` header presents, of `tokens`: `caller\ntoken`
/// pairs joined by `\n`. Compared with every token, each in a time that depends on the lengths
/// only, so the time tells nothing of how much of a token was right.
pub fn caller_of<'t>(tokens: &'t str, authorization: &str) -> Option<&'t str> {
    let presented = bearer(authorization)?;
    let mut lines = tokens.split('\n');
    let mut caller = None;
    while let (Some(name), Some(token)) = (lines.next(), lines.next()) {
        if same(presented.as_bytes(), token.as_bytes()) {
            caller = Some(name);
        }
    }
    caller
}

/// Whether `item` is one of the `\n`-separated `list` (the allowed origins; the allowed
/// `vendor operation` pairs). Nothing empty is listed.
pub fn listed(list: &str, item: &str) -> bool {
    !item.is_empty() && list.split('\n').any(|l| l == item)
}

/// Whether a body of `len` bytes (a `Content-Length`, or the bytes read so far) is within the
/// limit: a length that is not a number (no header) is not refused yet.
pub fn fits(len: f64, max: f64) -> bool {
    !(len > max)
}

/// How a call of `vendor`'s `op` counts: -1 the vendor has no such operation, 0 a read, 1 a
/// write (what `"writes"` rate limits count).
pub fn route(vendor: Vendor, op: &str) -> i32 {
    match Operation::parse(op).and_then(|op| vendor.endpoint(op)) {
        None => -1,
        Some(e) => i32::from(!e.safe_to_repeat),
    }
}

/// The member of `vendor`'s params that names the task (for the `onCall` audit), if any.
pub fn task_key(vendor: Vendor) -> Option<&'static str> {
    vendor.import_shape().map(|s| s.task_key)
}

/// One rate-limit bucket (the caller's JS state: `calls` left as of `at`, epoch ms), refilled at
/// `limit / window` calls per ms up to `limit`, asked for one call at `now`: the calls left
/// after it (≥ 0; store them with `at = now`), or, when none is left, minus the ms until one
/// is (< 0; store nothing).
pub fn take(calls: f64, at: f64, now: f64, limit: f64, window: f64) -> f64 {
    let level = (calls + (now - at).max(0.0) * limit / window).min(limit);
    if level >= 1.0 {
        level - 1.0
    } else {
        -((1.0 - level) * window / limit).max(1.0)
    }
}

/// Whether `a` and `b` are equal, in a time that depends on their lengths only.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// A client's call to the proxy at `url`: the envelope (the call's validation options are the
/// proxy's), the token as a bearer token, the client's headers; as safe to repeat as the
/// vendor's endpoint.
pub fn proxy_request(url: &str, token: Option<&str>, vendor: Vendor, op: Operation, params: &Value, locale: Locale, headers: &[(String, String)]) -> Result<HttpRequest, Error> {
    let endpoint = vendor.endpoint(op).ok_or_else(|| vendor.unsupported(op))?;
    let locale = if locale == Locale::ZhCn { "zh-CN" } else { "en" };
    let body = String::from("{\"vendor\":\"") + vendor.as_str() + "\",\"operation\":\"" + op.as_str() + "\",\"locale\":\"" + locale + "\",\"params\":" + &crate::json::to_text(params) + "}";
    let mut req = HttpRequest { method: Method::Post, url: url.into(), headers: vec![("Content-Type".into(), "application/json".into())], body: Some(body), safe_to_repeat: endpoint.safe_to_repeat };
    if let Some(token) = token {
        req.set_header("Authorization", &(String::from("Bearer ") + token));
    }
    for (k, v) in headers {
        req.set_header(k, v);
    }
    Ok(req)
}

/// A proxy's answer to a client's call to `vendor`'s `op`, `{ data }` or `{ error }` (the error
/// object the proxy ended with, `{ name, code, message, …fields }`: the fields of the error a
/// direct client gets, which the package turns into an instance of its class). None when the reply is not
/// the proxy's (a gateway's error page, a stray server): the client's retry policy then
/// applies to it as to any reply.
pub fn read_reply(status: u16, body: &str, vendor: Vendor, op: Operation) -> Option<Value> {
    let mut v = crate::json::parse_value(body).ok()?;
    if (200..300).contains(&status) {
        return v.get("data").is_some().then_some(v);
    }
    let Some(Value::Object(e)) = v.get_mut("error") else { return None };
    let name = e.get("name").and_then(Value::as_str);
    let kind = Error::KINDS.iter().position(|(n, _)| Some(*n) == name).filter(|k| STATUS[*k] == status)?;
    e.get("message").filter(|m| m.is_string())?;
    // The proxy's own refusals name no call: they are the client's.
    if kind >= PROXY_KINDS {
        e.insert("vendor".into(), vendor.as_str().into());
        e.insert("operation".into(), op.as_str().into());
    }
    Some(v)
}
