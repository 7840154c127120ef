//! BYRobot 百应 (indata): `/openapi/v1/*`, HMAC-SHA1 signed headers, the `ResultModel`
//! envelope. Sources: byrobot-task-api.md, byrobot-task-api-examples.md and NOTES.md §1.

use serde_json::Value;

use crate::check::{Checker, Path, Req};
use crate::json::Json;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::sign;
use crate::time;
use crate::vendors::{build, BuildCtx, Endpoint, Operation, Vendor};

mod rules;
pub mod types;

pub use rules::validate;

/// Plain http in the demo and every doc URL; HTTPS is unverified (NOTES.md §1 Base URL).
/// `BuildOptions::base_url` overrides it.
pub const DEFAULT_BASE_URL: &str = "http://api.byrobot.cn";
/// Rows per v2 importTaskCustomer call ([B-task] 单次导入最大10000条).
pub const IMPORT_LIMIT: usize = 10_000;

pub fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    let (method, path) = match op {
        CreateTask => (Post, "/openapi/v1/task/createTask"),
        UpdateTask => (Post, "/openapi/v1/task/update"),
        StartTask => (Post, "/openapi/v1/task/start"),
        PauseTask => (Post, "/openapi/v1/task/pause"),
        StopTask => (Post, "/openapi/v1/task/stop"),
        DeleteTask => (Post, "/openapi/v1/task/delete"),
        // CHOICE: v2. The given page documents v1, which the vendor has since deprecated
        // ("v1版接口已过期", NOTES.md §1); v2 takes the same body and reports counts.
        ImportCustomers => (Post, "/openapi/v2/task/importTaskCustomer"),
        ListTasks => (Get, "/openapi/v1/task/getTasks"),
        GetTask => (Get, "/openapi/v1/task/getTaskDetail"),
        GetCall => (Get, "/openapi/v1/task/phoneLogInfo"),
        ListCalls => (Post, "/openapi/v1/task/queryDoneTaskPhones"),
        // CHOICE: POST with a JSON body. NOTES.md marks the method UNVERIFIED: the given page
        // and the 2020-05 demo call GET `?taskId=`, the vendor's current doc [B-obt] (2020-06,
        // the newest statement) says POST `{taskId, pageNum, pageSize}`. Newest wins.
        ListPendingCustomers => (Post, "/openapi/v1/task/notDialedCustomerList"),
        GetTaskVariables => (Get, "/openapi/v1/task/getSceneVariables"),
        ListCompanies => (Get, "/openapi/v1/company/getCompanys"),
        ListCallerLines => (Get, "/openapi/v1/company/getPhones"),
        ListRobots => (Get, "/openapi/v1/company/getRobots"),
        GetSeatStats => (Get, "/openapi/v1/company/seat/statistics"),
        ListSmsTemplates => (Get, "/openapi/v1/sms/template/list"),
        ListFailedCallbacks => (Get, "/openapi/v1/callBack/queryUnCallBack"),
        AddBlacklist => (Post, "/openapi/v1/company/addBlackList"),
        AddBlacklistBatch => (Post, "/openapi/v1/company/addBlackList/batch"),
        CreateBlacklistGroup => (Post, "/openapi/v1/company/blacklist/group/add"),
        UpdateBlacklistGroup => (Post, "/openapi/v1/company/blacklist/group/edit"),
        DeleteBlacklistGroup => (Post, "/openapi/v1/company/blacklist/group/delete"),
        DeleteBlacklistEntries => (Post, "/openapi/v1/company/blacklist/info/delete"),
        ListBlacklistGroups => (Get, "/openapi/v1/company/blacklist/group/list"),
        ListBlacklist => (Get, "/openapi/v1/company/blacklist/info/page"),
        // No such endpoint: seats change through task/update (concurrencyQuota), and there is
        // no create-options call. The rest belong to other vendors.
        _ => return None,
    };
    Some(Endpoint::new(method, path))
}

/// `{appKey, appSecret}`, both required.
pub fn check_credentials(creds: &Json, path: &Path, c: &mut Checker) {
    let Some(o) = c.root(creds, path) else { return };
    c.str(&o, "appKey", Req::Required);
    c.str(&o, "appSecret", Req::Required);
}

/// The `sign` header [B-sign]: Base64 HMAC-SHA1, keyed with the AppSecret, over
/// `appKey + "\n" + datetime`. Neither the body nor the URL is signed.
pub fn signature(app_key: &str, app_secret: &str, datetime: &str) -> String {
    sign::hmac_sha1_base64(app_secret, &format!("{app_key}\n{datetime}"))
}

/// The request with the headers of [B-http], on GET and POST alike: `appkey`, `datetime`
/// (RFC 1123, always GMT), `sign`, `Content-Type` and `Accept` (`application/json`). GET
/// params go URL-encoded into the query, POST params as the JSON body.
pub fn build(op: Operation, params: &Value, creds: &Value, ctx: &BuildCtx) -> HttpRequest {
    let cred = |k: &str| creds.get(k).and_then(Value::as_str).unwrap_or_default();
    let datetime = time::rfc1123(ctx.now_ms);
    let mut req = build::request(ctx, ctx.endpoint.path, build::object(params));
    req.headers.clear();
    req.set_header("appkey", cred("appKey"));
    req.set_header("datetime", &datetime);
    req.set_header("sign", &signature(cred("appKey"), cred("appSecret"), &datetime));
    req.set_header("Content-Type", "application/json");
    req.set_header("Accept", "application/json");
    // Two reads go by POST (queryDoneTaskPhones, notDialedCustomerList): repeating them
    // changes nothing, so the transport may retry them like a GET.
    if matches!(op, Operation::ListCalls | Operation::ListPendingCustomers) {
        req.idempotent = true;
    }
    req
}

pub fn parse(op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    match op {
        Operation::ListSmsTemplates => sms_envelope(status, body, locale),
        _ => envelope::result_model(Vendor::Byrobot, status, body, explain, locale),
    }
}

/// BYRobot's documented codes: 200/401/403/404/412/500 [B-idx] and 408 (clock skew over
/// 3 minutes) [B-err].
fn explain(code: i64) -> Option<envelope::CodeInfo> {
    envelope::result_model_code(code)
}

/// sms/template/list replies `{code, data, msg, success}` rather than ResultModel [B-co].
/// Success is `code` 200 unless `success` is false. A ResultModel reply (`resultMsg`,
/// `requestId`) is read too, in case the endpoint answers errors the common way.
fn sms_envelope(status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    let v = envelope::json(Vendor::Byrobot, status, body)?;
    let Some(obj) = v.as_object() else { return Err(envelope::not_object(Vendor::Byrobot, status)) };
    let code = match obj.get("code") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let Some(code) = code else { return Err(envelope::not_object(Vendor::Byrobot, status)) };
    let success = obj.get("success").and_then(Value::as_bool);
    if code == 200 && success != Some(false) {
        return Ok(obj.get("data").cloned().unwrap_or(Value::Null));
    }
    let message = envelope::text(obj.get("msg")).or_else(|| envelope::text(obj.get("resultMsg"))).unwrap_or_default();
    let info = if code == 200 { None } else { explain(code) };
    Err(envelope::vendor_error(Vendor::Byrobot, status, code.to_string(), message, envelope::text(obj.get("requestId")), info, locale))
}
