//! ZXY (`zxycall`): the vendor of [Z-page], whose name, host and authentication
//! are UNKNOWN (README.md in this folder). REST paths under `/v1/task`, JSON bodies, a token in a header.
//!
//! What the page documents: the eight endpoints below, the create/update fields, and example
//! replies (the create-options `meta`, a task entity, a task list). What it does not: the
//! base URL, the auth scheme, the reply envelope, error codes, and the import body. Every
//! choice made for those is marked `CHOICE:` and can be overridden by the caller
//! (`BuildOptions.baseUrl` / `headers`, the credentials' `authHeader` / `authScheme`, or
//! passing the vendor's own body as params).

use serde_json::Value;

use crate::check::Checker;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::json::Json;
use crate::mapping::Mapping;
use crate::vendor::{Context, Endpoint, ImportReply, ImportShape, Operation, Vendor, VendorDef};

pub mod records;
mod rules;
pub mod types;
pub mod unified;

/// CHOICE: the header and scheme of a look-alike API (`Authorization: Bearer <token>`);
/// resemblance only (README.md, Auth), so both are credentials.
pub const DEFAULT_AUTH_HEADER: &str = "Authorization";
pub const DEFAULT_AUTH_SCHEME: &str = "Bearer";
/// CHOICE: rows per import call, from the look-alike's synchronous number import
/// ("每次最多导入100条数据"); not documented for this vendor, so exceeding it is a warning.
pub const IMPORT_LIMIT: usize = 100;
/// The param that carries the task's `uuid` into the path (never into the body).
pub const TASK_ID: &str = "task_id";

/// ZXY, for the registration list.
pub const VENDOR: Vendor = Vendor(&Zxycall);

pub struct Zxycall;

crate::credentials! {
    /// ZXY: a token. CHOICE (auth is undocumented): sent in `authHeader` (default
    /// `Authorization`) as `"<authScheme> <token>"` (default scheme `Bearer`; an empty scheme
    /// sends the bare token), so a user can match their deployment.
    ZxycallCredentials {
        required { token: Header }
        optional { authHeader: HeaderName, authScheme: Header }
    }
}

/// The page's endpoints. The page writes the path segment `{task_id}` for update, destroy
/// and import but `{id}` for start and stop; all are the task's `uuid` (the list reply's
/// `uuid // 任务id`), so waihu takes it as `task_id` everywhere.
fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    Some(match op {
        GetCreateOptions => Endpoint::read(Get, "/v1/task/create"),
        CreateTask => Endpoint::write(Post, "/v1/task"),
        UpdateTask => Endpoint::write(Put, "/v1/task/{task_id}"),
        ListTasks => Endpoint::read(Get, "/v1/task"),
        // GETs that change state: never repeated.
        DeleteTask => Endpoint::write(Get, "/v1/task/destroy/{task_id}"),
        StartTask => Endpoint::write(Get, "/v1/task/start/{task_id}"),
        // The page titles `stop` 任务暂停 (pause) and has no other stop: stopTask is unsupported.
        PauseTask => Endpoint::write(Get, "/v1/task/stop/{task_id}"),
        ImportCustomers => Endpoint::write(Post, "/v1/task/import_task_customer/{task_id}"),
        _ => return None,
    })
}

/// The value of the auth header: `"<scheme> <token>"`, or the bare token for an empty scheme.
pub fn auth_value(scheme: &str, token: &str) -> String {
    if scheme.trim().is_empty() {
        token.to_string()
    } else {
        format!("{} {token}", scheme.trim())
    }
}

impl VendorDef for Zxycall {
    const ID: &'static str = "zxycall";
    /// None is documented: `baseUrl` is required for this vendor.
    const BASE_URL: Option<&'static str> = None;
    const TS_OPERATIONS: &'static [(&'static str, &'static str, &'static str)] = types::TS_OPERATIONS;
    type Credentials = ZxycallCredentials;

    fn endpoint(op: Operation) -> Option<Endpoint> {
        endpoint(op)
    }

    fn validate(op: Operation, params: &Json, ctx: Context, c: &mut Checker) {
        rules::validate(op, params, ctx.meta, c);
    }

    /// JSON in and out (`Accept` always), the token header.
    fn sign(req: &mut HttpRequest, creds: &ZxycallCredentials, _now_ms: i64) {
        req.set_header("Accept", "application/json");
        let header = creds.authHeader.as_deref().filter(|h| !h.is_empty()).unwrap_or(DEFAULT_AUTH_HEADER);
        let scheme = creds.authScheme.as_deref().unwrap_or(DEFAULT_AUTH_SCHEME);
        req.set_header(header, &auth_value(scheme, &creds.token));
    }

    fn parse(op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        parse(op, status, body, locale)
    }

    /// CHOICE: the import body is undocumented; waihu sends `{data: [{phone, name?, …}]}`.
    fn import_shape() -> Option<ImportShape> {
        Some(ImportShape { list_key: "data", task_key: TASK_ID, phone_key: "phone", limit: IMPORT_LIMIT, dedupes: false })
    }

    fn unified() -> Option<&'static Mapping> {
        Some(&unified::MAPPING)
    }

    /// The look-alike's import reply counts failed rows (`fail`) without naming them, at the
    /// top or inside `data`.
    fn import_reply(data: &Value) -> ImportReply {
        let count = |v: &Value| ["fail", "failNum"].iter().find_map(|k| v.get(k).and_then(Value::as_u64));
        let failed_count = count(data).or_else(|| data.get("data").and_then(count)).unwrap_or(0);
        ImportReply { failed_phones: Vec::new(), failed_count }
    }
}

/// CHOICE (the envelope and errors are undocumented, README.md): the page shows create
/// replying with the task entity itself, list with `{data: [...]}` and the create options
/// with `{meta: {...}}`, so a 2xx JSON reply is returned whole. A non-2xx JSON reply is a
/// `VendorError` whose code is the HTTP status, with the vendor's `message`/`msg`/`error`
/// text and no explanation (no code is documented); retryable for 408/425/429/5xx
/// (`envelope::status_retryable`). A 2xx JSON object with `"status": "error"` (the look-alike
/// docs.longlonglong.cn's error shape, `{code, status, message, data}`) is also a
/// `VendorError`, coded by its `code`. A non-JSON or empty body is a `ResponseError`.
fn parse(_op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    let v = envelope::json(VENDOR, status, body)?;
    let ok = (200..300).contains(&status);
    let flagged = v.get("status").and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("error"));
    if ok && !flagged {
        return Ok(v);
    }
    let code = if ok { envelope::text(v.get("code")) } else { None }.unwrap_or_else(|| status.to_string());
    let message = ["message", "msg", "error"].iter().find_map(|k| message_text(v.get(*k))).unwrap_or_default();
    Err(envelope::vendor_error(VENDOR, status, code, message, None, None, locale))
}

/// A message field as text: a string as it is, `{message: ...}` (a nested error object)
/// by its message, anything else (numbers, objects) as JSON text.
fn message_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if s.is_empty() => None,
        Value::Object(m) => message_text(m.get("message")).or_else(|| Some(crate::json::to_text(&Value::Object(m.clone())))),
        other => envelope::text(Some(other)),
    }
}
