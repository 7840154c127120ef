//! The edge proxy, sans-IO: the decisions of a proxy that holds the vendors' credentials for
//! browser pages (the origin, the method, the token, the size, the operation, the rate; the
//! status and JSON of every answer), and, for a `Client` in proxy mode, the call it sends and
//! how it reads the answers back into the same `Error`s a direct client gets. src/js/proxy.rs
//! wires it to `Request` and `Response`; the vendors' requests are built, signed and sent as by
//! any `Client`.
//!
//! The call (the envelope), as JSON: `{ vendor, operation, params?, locale? }`.
//! `operation` is a vendor operation name (`startTask`); names with a dot (`tasks.create`) are
//! kept for the unified task calls, so adding those changes no existing call.
//!
//! The answers: 200 `{ data }`; an error: its kind's status (`STATUS`) and `{ error: { name,
//! code, message, …its fields } }`; what is no call at all (another method, a broken envelope):
//! 405 or 400 `{ error: { code, message } }`, which a client reads as a `ResponseError`.

use std::ops::Not;

use serde_json::Value;

use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::json::Json;
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
    401, // UnauthenticatedError
    403, // NotAllowedError
    413, // PayloadTooLargeError
    429, // RateLimitedError
];


/// The kinds from this index on are the proxy's own refusals.
const PROXY_KINDS: usize = 7;

/// The body limit when the config sets none: 1 MiB, room for a 1 000-row import chunk.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 1 << 20;

/// The proxy's own answers that are no vendor call (a preflight, its refusals), in
/// `src/edge-answers.json`: `[status, name, code, message, headers]` rows, `name` ("" for what
/// is no call at all) the error a client reads the answer back as. `Proxy::decide` answers
/// with a row's index; the package build makes createProxyHandler's table of the file
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
/// `decide`'s row for a call to send.
pub const SEND: i64 = -1;

/// The proxy: its config, read once, and the callers' rate-limit buckets.
pub struct Proxy {
    /// `(caller, token)`; none when an `authorize` hook names the callers.
    tokens: Option<Vec<(String, String)>>,
    origins: Vec<String>,
    routes: Vec<(Vendor, Vec<Operation>)>,
    max_body_bytes: u64,
    /// `(key, limit, window_ms)`.
    limits: Vec<(String, f64, f64)>,
    buckets: Vec<Bucket>,
}

/// One caller's calls left under one limit, as of `at`.
struct Bucket {
    caller: String,
    limit: usize,
    calls: f64,
    at: f64,
}

/// Buckets kept before those of callers idle for a whole window are dropped.
const MAX_BUCKETS: usize = 10_000;

/// Concatenated: one loop, not a `+` per piece (smaller in the .wasm).
fn cat(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A JSON string, or `null`.
fn text(s: Option<&str>) -> String {
    s.map_or("null".into(), |s| serde_json::to_string(s).unwrap_or_default())
}

/// The request's body, as far as the proxy has it.
pub enum Body<'b> {
    /// Not read yet: decide what the head decides.
    Unread,
    /// Longer than `max_body_bytes` (not read to its end).
    TooLarge,
    Read(&'b str),
}

/// What the head of a request says: its method, and its `Origin`, `Authorization` and
/// `Content-Length` ("" and NaN when absent); `now`, when it arrived (epoch ms).
pub struct Head<'h> {
    pub method: &'h str,
    pub origin: &'h str,
    pub authorization: &'h str,
    pub content_length: f64,
    pub now: f64,
}

impl Proxy {
    /// Reads the config: `{ vendors: { [id]: { operations: string[], … } }, tokens?: {
    /// [caller]: token }, origins?: string[], maxBodyBytes?, rateLimits?: { ["writes" |
    /// operation]: { limit, windowMs } }, … }` (the rest is for the clients that send the
    /// calls). Refuses what would fail every call alike: callers told apart by neither or both
    /// `tokens` (each of at least 16 characters) and a hook (`hook`), an unknown vendor (ids
    /// from `all`) or operation, a limit that is not positive.
    pub fn new(config: &str, hook: bool, all: &[Vendor]) -> Result<Proxy, &'static str> {
        let c = Json::from_str(config).map_err(|_| "not JSON")?;
        let member = |key| c.get(key).and_then(Json::as_object).map(|o| o.written()).into_iter().flatten();
        let mut tokens = Vec::new();
        for (caller, token) in member("tokens") {
            tokens.push((caller.to_string(), token.as_str().filter(|t| t.len() >= 16).ok_or("`tokens` must map callers to tokens of at least 16 characters")?.to_string()));
        }
        if hook == c.get("tokens").is_some() {
            return Err("give either `tokens` or an `authorize` function");
        }
        let mut origins = Vec::new();
        for o in c.get("origins").and_then(Json::as_array).unwrap_or_default() {
            origins.push(o.as_str().ok_or("`origins` must be strings")?.to_string());
        }
        let mut routes = Vec::new();
        for (id, route) in member("vendors") {
            let vendor = *all.iter().find(|v| v.as_str() == id).ok_or("`vendors` names an unknown vendor")?;
            let mut ops = Vec::new();
            for o in route.get("operations").and_then(Json::as_array).unwrap_or_default() {
                ops.push(o.as_str().and_then(Operation::parse).filter(|op| vendor.endpoint(*op).is_some()).ok_or("`operations` names an operation the vendor does not have")?);
            }
            routes.push((vendor, ops));
        }
        let mut limits = Vec::new();
        for (key, l) in member("rateLimits") {
            let n = |k| l.get(k).and_then(Json::as_f64).filter(|n| *n >= 1.0).ok_or("each rate limit needs a `limit` and `windowMs` of at least 1");
            if key != "writes" && Operation::parse(key).is_none() {
                return Err("`rateLimits` keys are \"writes\" or operations");
            }
            limits.push((key.to_string(), n("limit")?, n("windowMs")?));
        }
        let max_body_bytes = c.get("maxBodyBytes").map_or(Some(DEFAULT_MAX_BODY_BYTES), Json::as_u64).ok_or("`maxBodyBytes` must be a whole number")?;
        Ok(Proxy { tokens: hook.not().then_some(tokens), origins, routes, max_body_bytes, limits, buckets: Vec::new() })
    }

    pub fn max_body_bytes(&self) -> u64 {
        self.max_body_bytes
    }

    /// What to answer a request with head `h`, given its body so far and, when an `authorize`
    /// hook names the callers, the one it named (`authorized`), as the JSON of `[row, number,
    /// cors, caller, vendor, operation, taskId]`: `row` is the index of the answer in
    /// `ANSWERS`, or `SEND` to send the call, or `null` to read the body and ask again;
    /// `number` is the answer's own field (`maxBytes` of a payload too large, `retryAfterMs` of
    /// a rate limit); `cors`: whether to grant the page's origin; the rest is for the `onCall`
    /// audit as far as known: never a credential, a token or a customer's phone.
    pub fn decide(&mut self, h: &Head, authorized: Option<String>, body: Body) -> String {
        // A page of an allowed origin is granted CORS; one of another origin is refused first.
        if !h.origin.is_empty() && !self.origins.iter().any(|o| o == h.origin) {
            return cat(&["[", &ORIGIN.to_string(), ",0,false]"]);
        }
        let cors = if h.origin.is_empty() { "false" } else { "true" };
        let answer = |row: usize, n: u64, caller: Option<&str>| cat(&["[", &row.to_string(), ",", &n.to_string(), ",", cors, ",", &text(caller), "]"]);
        if h.method == "OPTIONS" {
            return answer(PREFLIGHT, 0, None);
        }
        if h.method != "POST" {
            return answer(METHOD, 0, None);
        }
        // Compared with every token, each comparison in a time that depends on the lengths only.
        let mut caller = authorized.filter(|c| !c.is_empty());
        if let Some(tokens) = &self.tokens {
            caller = None;
            let presented = h.authorization.trim().split_once(' ').filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer")).map(|(_, t)| t.trim());
            for (name, token) in tokens {
                if same(presented.unwrap_or_default().as_bytes(), token.as_bytes()) && presented.is_some() {
                    caller = Some(name.clone());
                }
            }
        }
        let max = self.max_body_bytes;
        let body = match body {
            // A hook's answer comes with the body.
            Body::Unread if caller.is_none() && self.tokens.is_some() => return answer(UNAUTHENTICATED, 0, None),
            Body::Unread if h.content_length > max as f64 => return answer(TOO_LARGE, max, None),
            Body::Unread => return "[null]".into(),
            _ if caller.is_none() => return answer(UNAUTHENTICATED, 0, None),
            Body::Read(b) if b.len() as u64 <= max => b,
            _ => return answer(TOO_LARGE, max, caller.as_deref()),
        };
        let caller = caller.unwrap_or_default();
        let call = Json::from_str(body).unwrap_or(Json::Null);
        let get = |k| call.get(k).and_then(Json::as_str);
        let locale = get("locale").unwrap_or("en");
        let (Some(vendor), Some(name), true) = (get("vendor"), get("operation"), locale == "en" || locale == "zh-CN") else {
            return answer(BAD_REQUEST, 0, Some(&caller));
        };
        let route = self.routes.iter().find(|(v, _)| v.as_str() == vendor);
        let Some((vendor, op)) = route.and_then(|(v, ops)| Some((*v, ops.iter().copied().find(|op| op.as_str() == name)?))) else {
            return answer(NOT_ALLOWED, 0, Some(&caller));
        };
        let task_id = vendor.import_shape().and_then(|s| match call.get("params")?.get(s.task_key)? {
            Json::String(t) => Some(text(Some(t))),
            id @ Json::Number(_) => Some(text(Some(&id.clone().into_value().to_string()))),
            _ => None,
        });
        let write = vendor.endpoint(op).is_some_and(|e| !e.safe_to_repeat);
        let (row, wait) = match self.take(&caller, op, write, h.now) {
            Ok(()) => (SEND.to_string(), 0),
            Err(wait) => (RATE_LIMITED.to_string(), wait.ceil() as u64),
        };
        cat(&["[", &row, ",", &wait.to_string(), ",", cors, ",", &text(Some(&caller)), ",\"", vendor.as_str(), "\",\"", op.as_str(), "\",", task_id.as_deref().unwrap_or("null"), "]"])
    }

    /// Takes one call from each of the caller's buckets that covers `op` (`"writes"` covers
    /// every write), or none: then the wait in ms until each of them has one again.
    fn take(&mut self, caller: &str, op: Operation, write: bool, now: f64) -> Result<(), f64> {
        let limits = &self.limits;
        // Refilled at `limit / window` calls per ms, up to `limit`.
        let refill = |b: &Bucket| {
            let (_, limit, window) = limits[b.limit];
            (b.calls + (now - b.at).max(0.0) * limit / window).min(limit)
        };
        if self.buckets.len() > MAX_BUCKETS {
            self.buckets.retain(|b| refill(b) < limits[b.limit].1);
        }
        let mut wait: f64 = 0.0;
        let mut mine = Vec::new();
        for (l, (key, limit, window)) in limits.iter().enumerate() {
            if !(if key == "writes" { write } else { key == op.as_str() }) {
                continue;
            }
            let i = self.buckets.iter().position(|b| b.caller == caller && b.limit == l).unwrap_or_else(|| {
                self.buckets.push(Bucket { caller: caller.into(), limit: l, calls: *limit, at: now });
                self.buckets.len() - 1
            });
            let calls = refill(&self.buckets[i]);
            self.buckets[i].calls = calls;
            self.buckets[i].at = now;
            wait = wait.max((1.0 - calls) * window / limit);
            mine.push(i);
        }
        if wait > 0.0 {
            return Err(wait);
        }
        for i in mine {
            self.buckets[i].calls -= 1.0;
        }
        Ok(())
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
    let body = String::from("{\"vendor\":\"") + vendor.as_str() + "\",\"operation\":\"" + op.as_str() + "\",\"locale\":\"" + locale + "\",\"params\":" + &params.to_string() + "}";
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
