//! ZXY (`zxycall`): the vendor of zxycall-task-api.md, whose name, host and authentication
//! are UNKNOWN (NOTES.md §4). REST paths under `/v1/task`, JSON bodies, a token in a header.
//!
//! What the page documents: the eight endpoints below, the create/update fields, and example
//! replies (the create-options `meta`, a task entity, a task list). What it does not: the
//! base URL, the auth scheme, the reply envelope, error codes, and the import body. Every
//! choice made for those is marked `CHOICE:` and can be overridden by the caller
//! (`BuildOptions.baseUrl` / `headers`, the credentials' `authHeader` / `authScheme`, or
//! passing the vendor's own body as params).

use serde_json::{Map, Value};

use crate::check::{Checker, Path, Req};
use crate::json::{self, Json};
use crate::envelope;
use crate::error::Error;
use crate::http::{encode_component, HttpRequest, Method};
use crate::issue::{IssueCode, Locale};
use crate::params;
use crate::vendors::{build, BuildCtx, Endpoint, Operation, Vendor};

mod rules;
pub mod types;

pub use rules::validate;

/// None is documented (NOTES.md §4): the dispatcher requires `baseUrl` for this vendor.
pub const DEFAULT_BASE_URL: &str = "";
/// CHOICE: the header and scheme of the look-alike docs.longlonglong.cn
/// (`Authorization: Bearer <token>`); resemblance only (NOTES.md §4), so both are credentials.
pub const DEFAULT_AUTH_HEADER: &str = "Authorization";
pub const DEFAULT_AUTH_SCHEME: &str = "Bearer";
/// CHOICE: rows per import call, from the look-alike's synchronous number import
/// ("每次最多导入100条数据"); not documented for this vendor, so exceeding it is a warning.
pub const IMPORT_LIMIT: usize = 100;
/// The param that carries the task's `uuid` into the path (never into the body).
pub const TASK_ID: &str = "task_id";

/// The page's endpoints. The page writes the path segment `{task_id}` for update, destroy
/// and import but `{id}` for start and stop; all are the task's `uuid` (the list reply's
/// `uuid // 任务id`), so waihu takes it as `task_id` everywhere.
pub fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    let (method, path) = match op {
        GetCreateOptions => (Get, "/v1/task/create"),
        CreateTask => (Post, "/v1/task"),
        UpdateTask => (Put, "/v1/task/{task_id}"),
        ListTasks => (Get, "/v1/task"),
        DeleteTask => (Get, "/v1/task/destroy/{task_id}"),
        StartTask => (Get, "/v1/task/start/{task_id}"),
        // The page titles `stop` 任务暂停 (pause) and has no other stop: stopTask is unsupported.
        PauseTask => (Get, "/v1/task/stop/{task_id}"),
        ImportCustomers => (Post, "/v1/task/import_task_customer/{task_id}"),
        _ => return None,
    };
    Some(Endpoint::new(method, path))
}

/// The GETs that change state. The transport retries only idempotent requests, and a
/// repeated start, stop or destroy is not a harmless read.
fn changes_state(op: Operation) -> bool {
    matches!(op, Operation::StartTask | Operation::PauseTask | Operation::DeleteTask)
}

/// `{token, authHeader?, authScheme?}`. CHOICE (NOTES.md §4: auth UNKNOWN): the token goes
/// in `authHeader` (default `Authorization`) as `"<authScheme> <token>"` (default scheme
/// `Bearer`; an empty scheme sends the bare token), so a user can match their deployment.
pub fn check_credentials(creds: &Json, path: &Path, c: &mut Checker) {
    let Some(o) = c.root(creds, path) else { return };
    if let Some(token) = c.str(&o, "token", Req::Required) {
        if !header_value_ok(token) {
            c.error(IssueCode::InvalidFormat, o.path_of("token"), params! {"format": "a header value (no control characters)"});
        }
    }
    if let Some(h) = c.str(&o, "authHeader", Req::Optional) {
        if !header_name_ok(h) {
            c.error(IssueCode::InvalidFormat, o.path_of("authHeader"), params! {"format": "an HTTP header name"});
        }
    }
    if let Some(s) = c.str(&o, "authScheme", Req::Optional) {
        if !header_value_ok(s) {
            c.error(IssueCode::InvalidFormat, o.path_of("authScheme"), params! {"format": "a header value (no control characters)"});
        }
    }
    c.unknown_keys(&o, &["token", "authHeader", "authScheme"]);
}

/// RFC 9110 token characters: what `fetch` accepts as a header name.
fn header_name_ok(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// No CR, LF or other control characters (which would split or break the header).
fn header_value_ok(s: &str) -> bool {
    !s.chars().any(|ch| ch.is_control())
}

/// The value of the auth header: `"<scheme> <token>"`, or the bare token for an empty scheme.
pub fn auth_value(scheme: &str, token: &str) -> String {
    if scheme.trim().is_empty() {
        token.to_string()
    } else {
        format!("{} {token}", scheme.trim())
    }
}

/// The path with `{task_id}` filled in, percent-encoded so that an id can never add a path
/// segment or a query (validation has made sure it is a non-empty string).
fn fill_path(template: &str, params: &Map<String, Value>) -> String {
    let id = encode_component(params.get(TASK_ID).and_then(Value::as_str).unwrap_or_default());
    let mut out = String::with_capacity(template.len() + id.len());
    let mut rest = template;
    while let Some(i) = slot(rest) {
        out.push_str(&rest[..i]);
        out.push_str(&id);
        rest = &rest[i + SLOT.len()..];
    }
    out.push_str(rest);
    out
}

const SLOT: &str = "{task_id}";

/// Where `{task_id}` starts in a path. A byte search: `str::replace` / `contains` with a `&str`
/// pattern link core's two-way string searcher (~1 KiB of .wasm) for this one use.
fn slot(path: &str) -> Option<usize> {
    path.as_bytes().windows(SLOT.len()).position(|w| w == SLOT.as_bytes())
}

/// JSON in and out (`Content-Type` on bodies, `Accept` always), the token header, the task
/// id in the path and out of the body/query. Other params are the JSON body (POST/PUT) or
/// the query string (GET).
pub fn build(op: Operation, params: &Value, creds: &Value, ctx: &BuildCtx) -> HttpRequest {
    let given = build::object(params);
    let path = fill_path(ctx.endpoint.path, &given);
    // The task id that went into the path is not sent again in the body or query.
    let in_path = slot(ctx.endpoint.path).is_some();
    let fields = json::map_of(given.into_iter().filter(|(k, _)| !(in_path && k == TASK_ID)));
    let mut req = build::request(ctx, &path, fields);
    req.set_header("Accept", "application/json");
    let cred = |k: &str| creds.get(k).and_then(Value::as_str);
    let header = cred("authHeader").filter(|h| !h.is_empty()).unwrap_or(DEFAULT_AUTH_HEADER);
    let scheme = cred("authScheme").unwrap_or(DEFAULT_AUTH_SCHEME);
    req.set_header(header, &auth_value(scheme, cred("token").unwrap_or_default()));
    if changes_state(op) {
        req.idempotent = false;
    }
    req
}

/// CHOICE (the envelope and errors are undocumented, NOTES.md §4): the page shows create
/// replying with the task entity itself, list with `{data: [...]}` and the create options
/// with `{meta: {...}}`, so a 2xx JSON reply is returned whole. A non-2xx JSON reply is a
/// `VendorError` whose code is the HTTP status, with the vendor's `message`/`msg`/`error`
/// text and no explanation (no code is documented); retryable for 408/425/429/5xx
/// (`envelope::status_retryable`). A 2xx JSON object with `"status": "error"` (the look-alike
/// docs.longlonglong.cn's error shape, `{code, status, message, data}`) is also a
/// `VendorError`, coded by its `code`. A non-JSON or empty body is a `ResponseError`.
pub fn parse(_op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    let v = envelope::json(Vendor::Zxycall, status, body)?;
    let ok = (200..300).contains(&status);
    let flagged = v.get("status").and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("error"));
    if ok && !flagged {
        return Ok(v);
    }
    let code = if ok { envelope::text(v.get("code")) } else { None }.unwrap_or_else(|| status.to_string());
    let message = ["message", "msg", "error"].iter().find_map(|k| message_text(v.get(*k))).unwrap_or_default();
    Err(envelope::vendor_error(Vendor::Zxycall, status, code, message, None, None, locale))
}

/// A message field as text: a string as it is, `{message: ...}` (a nested error object)
/// by its message, anything else (numbers, objects) as JSON text.
fn message_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if s.is_empty() => None,
        Value::Object(m) => message_text(m.get("message")).or_else(|| Some(Value::Object(m.clone()).to_string())),
        other => envelope::text(Some(other)),
    }
}
