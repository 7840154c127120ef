//! Tanyi 探意 (Yiwise): `/apiOpen/v1/*`, SHA-256 signed headers, the `ResultModel` envelope.
//! Sources: tanyi-job-api.md and NOTES.md §2.

use serde_json::Value;

use crate::check::{Checker, Path, Req};
use crate::json::Json;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::sign;
use crate::vendors::{build, BuildCtx, Endpoint, Operation};

mod rules;
pub mod types;

pub use rules::validate;

pub const DEFAULT_BASE_URL: &str = "https://openapi.tanyibot.com";
/// The `version` header and signature field: `v1` [T-intro][T-demo].
pub const VERSION: &str = "v1";
/// Customers per `importCustomer` call (tanyi-job-api.md: 单次导入客户数量不能大于100).
pub const IMPORT_LIMIT: usize = 100;

pub fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    let (method, path) = match op {
        CreateTask => (Post, "/apiOpen/v1/job/create"),
        // PATCH, as NOTES.md records from [T-task]; the body is job/create's.
        UpdateTask => (Patch, "/apiOpen/v1/job/modify"),
        StartTask => (Post, "/apiOpen/v1/job/start"),
        PauseTask => (Post, "/apiOpen/v1/job/pause"),
        StopTask => (Post, "/apiOpen/v1/job/stop"),
        DeleteTask => (Post, "/apiOpen/v1/job/delete"),
        ImportCustomers => (Post, "/apiOpen/v1/job/importCustomer"),
        SetConcurrency => (Post, "/apiOpen/v1/job/updateAiCount"),
        ListTasks => (Get, "/apiOpen/v1/job/getJobs"),
        GetTask => (Get, "/apiOpen/v1/job/getJobDetail"),
        GetTaskStats => (Get, "/apiOpen/v1/job/getJobStats"),
        GetTaskVariables => (Get, "/apiOpen/v1/job/getJobProperties"),
        ListTaskStats => (Post, "/apiOpen/v1/job/getJobStatsInfoList"),
        RequeueCustomers => (Post, "/apiOpen/v1/job/reAddCustomerToJob"),
        CheckAllTasks => (Post, "/apiOpen/v1/job/checkAll"),
        BatchTaskAction => (Post, "/apiOpen/v1/job/executeJobs"),
        ListCalls => (Post, "/apiOpen/v1/callRecord/getCallRecordInfoList"),
        GetCall => (Get, "/apiOpen/v1/callRecord/callDetail"),
        ListPendingCustomers => (Get, "/apiOpen/v1/callRecord/toBeCalledList"),
        DeletePendingCustomer => (Post, "/apiOpen/v1/callRecord/deleteRobotCallTask"),
        // GET as documented; NOTES.md marks the method unverified.
        DeleteCustomers => (Get, "/apiOpen/v1/callRecord/deleteRobotCallTaskList"),
        GetAccount => (Get, "/apiOpen/v1/tenant/getTenant"),
        ListCallerLines => (Get, "/apiOpen/v1/phone/getPhoneList"),
        ListScripts => (Get, "/apiOpen/v1/dialogFlow/getDialogFlowList"),
        GetScriptInfo => (Get, "/apiOpen/v1/dialogFlow/getDialogFlowCallJobRelatedInfo"),
        ListPolicyGroups => (Get, "/apiOpen/v1/policyGroup/list"),
        ListPolicyGroupNames => (Get, "/apiOpen/v1/policyGroup/getIdAndNamePairList"),
        _ => return None,
    };
    Some(Endpoint::new(method, path))
}

/// `{appKey, appSecret, tenantSign}`, all required; `version` defaults to `v1`.
pub fn check_credentials(creds: &Json, path: &Path, c: &mut Checker) {
    let Some(o) = c.root(creds, path) else { return };
    c.str(&o, "appKey", Req::Required);
    c.str(&o, "appSecret", Req::Required);
    c.str(&o, "tenantSign", Req::Required);
    c.str(&o, "version", Req::Optional);
}

/// The signature [T-sign]: lowercase hex SHA-256 of
/// `tenantSign + "appKey=…&appSecret=…&tenantSign=…&version=…&timestamp=…"`.
pub fn signature(app_key: &str, app_secret: &str, tenant_sign: &str, version: &str, timestamp: &str) -> String {
    sign::sha256_hex(&format!(
        "{tenant_sign}appKey={app_key}&appSecret={app_secret}&tenantSign={tenant_sign}&version={version}&timestamp={timestamp}"
    ))
}

/// The request with the headers NOTES.md suggests: appKey, tenantSign, version, timestamp
/// (epoch ms), signature. The secret is never sent (the Java demo does not send it; a tenant
/// that needs it can add it with `BuildOptions::headers`).
pub fn build(op: Operation, params: &Value, creds: &Value, ctx: &BuildCtx) -> HttpRequest {
    let cred = |k: &str| creds.get(k).and_then(Value::as_str).unwrap_or_default();
    let version = creds.get("version").and_then(Value::as_str).unwrap_or(VERSION);
    let timestamp = ctx.now_ms.to_string();
    let mut req = build::request(ctx, ctx.endpoint.path, build::object(params));
    // Queries sent as POST are reads too: safe to retry.
    req.idempotent |= matches!(op, Operation::ListCalls | Operation::ListTaskStats);
    let sig = signature(cred("appKey"), cred("appSecret"), cred("tenantSign"), version, &timestamp);
    req.set_header("appKey", cred("appKey"));
    req.set_header("tenantSign", cred("tenantSign"));
    req.set_header("version", version);
    req.set_header("timestamp", &timestamp);
    req.set_header("signature", &sig);
    req
}

pub fn parse(_op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    envelope::result_model(crate::vendors::Vendor::Tanyi, status, body, explain, locale)
}

/// Tanyi's documented codes [T-intro]: the shared ResultModel table without 408, which only
/// BYRobot documents.
fn explain(code: i64) -> Option<envelope::CodeInfo> {
    if code == 408 {
        None
    } else {
        envelope::result_model_code(code)
    }
}
