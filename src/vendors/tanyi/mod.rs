//! Tanyi 探意 (Yiwise): `/apiOpen/v1/*`, SHA-256 signed headers, the `ResultModel` envelope.
//! The vendor's facts and waihu's choices: README.md in this folder.

use serde_json::Value;

use crate::check::Checker;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::json::Json;
use crate::sign;
use crate::mapping::Mapping;
use crate::vendor::{Context, Endpoint, ImportShape, Operation, Vendor, VendorDef};

pub mod callback;
pub mod records;
mod rules;
pub mod types;
pub mod unified;

pub const DEFAULT_BASE_URL: &str = "https://openapi.tanyibot.com";
/// The `version` header and signature field: `v1` (README.md, Auth).
pub const VERSION: &str = "v1";
/// Customers per `importCustomer` call (单次导入客户数量不能大于100).
pub const IMPORT_LIMIT: usize = 100;

/// Tanyi, for the registration list.
pub const VENDOR: Vendor = Vendor(&Tanyi);

pub struct Tanyi;

crate::credentials! {
    /// Tanyi: `appKey`, `appSecret` and `tenantSign` from the CRM's API settings; `version`
    /// defaults to `v1`. The secret only signs: it is never sent.
    TanyiCredentials {
        required { appKey: Header, appSecret: Text, tenantSign: Header }
        optional { version: Header }
    }
}

fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    Some(match op {
        CreateTask => Endpoint::write(Post, "/apiOpen/v1/job/create"),
        // PATCH, as the vendor's docs give it; the body is job/create's.
        UpdateTask => Endpoint::write(Patch, "/apiOpen/v1/job/modify"),
        StartTask => Endpoint::write(Post, "/apiOpen/v1/job/start"),
        PauseTask => Endpoint::write(Post, "/apiOpen/v1/job/pause"),
        StopTask => Endpoint::write(Post, "/apiOpen/v1/job/stop"),
        DeleteTask => Endpoint::write(Post, "/apiOpen/v1/job/delete"),
        ImportCustomers => Endpoint::write(Post, "/apiOpen/v1/job/importCustomer"),
        SetConcurrency => Endpoint::write(Post, "/apiOpen/v1/job/updateAiCount"),
        ListTasks => Endpoint::read(Get, "/apiOpen/v1/job/getJobs"),
        GetTask => Endpoint::read(Get, "/apiOpen/v1/job/getJobDetail"),
        GetTaskStats => Endpoint::read(Get, "/apiOpen/v1/job/getJobStats"),
        GetTaskVariables => Endpoint::read(Get, "/apiOpen/v1/job/getJobProperties"),
        ListTaskStats => Endpoint::read(Post, "/apiOpen/v1/job/getJobStatsInfoList"),
        RequeueCustomers => Endpoint::write(Post, "/apiOpen/v1/job/reAddCustomerToJob"),
        CheckAllTasks => Endpoint::write(Post, "/apiOpen/v1/job/checkAll"),
        BatchTaskAction => Endpoint::write(Post, "/apiOpen/v1/job/executeJobs"),
        ListCalls => Endpoint::read(Post, "/apiOpen/v1/callRecord/getCallRecordInfoList"),
        GetCall => Endpoint::read(Get, "/apiOpen/v1/callRecord/callDetail"),
        ListPendingCustomers => Endpoint::read(Get, "/apiOpen/v1/callRecord/toBeCalledList"),
        DeletePendingCustomer => Endpoint::write(Post, "/apiOpen/v1/callRecord/deleteRobotCallTask"),
        // GET as documented (the method is unverified); it deletes, so it is never repeated.
        DeleteCustomers => Endpoint::write(Get, "/apiOpen/v1/callRecord/deleteRobotCallTaskList"),
        GetAccount => Endpoint::read(Get, "/apiOpen/v1/tenant/getTenant"),
        ListCallerLines => Endpoint::read(Get, "/apiOpen/v1/phone/getPhoneList"),
        ListScripts => Endpoint::read(Get, "/apiOpen/v1/dialogFlow/getDialogFlowList"),
        GetScriptInfo => Endpoint::read(Get, "/apiOpen/v1/dialogFlow/getDialogFlowCallJobRelatedInfo"),
        ListPolicyGroups => Endpoint::read(Get, "/apiOpen/v1/policyGroup/list"),
        ListPolicyGroupNames => Endpoint::read(Get, "/apiOpen/v1/policyGroup/getIdAndNamePairList"),
        _ => return None,
    })
}

/// The signature (README.md, Auth): lowercase hex SHA-256 of
/// `tenantSign + "appKey=…&appSecret=…&tenantSign=…&version=…&timestamp=…"`.
pub fn signature(app_key: &str, app_secret: &str, tenant_sign: &str, version: &str, timestamp: &str) -> String {
    sign::sha256_hex(&format!(
        "{tenant_sign}appKey={app_key}&appSecret={app_secret}&tenantSign={tenant_sign}&version={version}&timestamp={timestamp}"
    ))
}

impl VendorDef for Tanyi {
    const ID: &'static str = "tanyi";
    const BASE_URL: Option<&'static str> = Some(DEFAULT_BASE_URL);
    const TS_OPERATIONS: &'static [(&'static str, &'static str, &'static str)] = types::TS_OPERATIONS;
    type Credentials = TanyiCredentials;
    const CALLBACKS: Option<&'static crate::callback::Callbacks> = Some(&callback::CALLBACKS);

    fn endpoint(op: Operation) -> Option<Endpoint> {
        endpoint(op)
    }

    fn validate(op: Operation, params: &Json, _ctx: Context, c: &mut Checker) {
        rules::validate(op, params, c);
    }

    /// The headers the vendor's sources agree on best (README.md, Auth): appKey, tenantSign,
    /// version, timestamp (epoch ms), signature. The secret is never sent (the vendor's Java
    /// demo does not send it; a tenant that needs it can add it with `headers`).
    fn sign(req: &mut HttpRequest, creds: &TanyiCredentials, now_ms: i64) {
        let version = creds.version.as_deref().unwrap_or(VERSION);
        let timestamp = now_ms.to_string();
        let sig = signature(&creds.appKey, &creds.appSecret, &creds.tenantSign, version, &timestamp);
        req.set_header("appKey", &creds.appKey);
        req.set_header("tenantSign", &creds.tenantSign);
        req.set_header("version", version);
        req.set_header("timestamp", &timestamp);
        req.set_header("signature", &sig);
    }

    fn parse(_op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        envelope::result_model(VENDOR, status, body, explain, locale)
    }

    fn import_shape() -> Option<ImportShape> {
        Some(ImportShape { list_key: "customerPersons", task_key: "robotCallJobId", phone_key: "phoneNumber", limit: IMPORT_LIMIT, dedupes: false })
    }

    fn unified() -> Option<&'static Mapping> {
        Some(&unified::MAPPING)
    }
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
