//! BYRobot 百应 (indata): `/openapi/v1/*`, HMAC-SHA1 signed headers, the `ResultModel`
//! envelope. The vendor's facts and waihu's choices: README.md in this folder.

use serde_json::{Map, Value};

use crate::check::Checker;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::json::Json;
use crate::sign;
use crate::time;
use crate::mapping::Mapping;
use crate::vendor::{Context, Endpoint, ImportReply, ImportShape, Operation, Vendor, VendorDef};

pub mod callback;
pub mod records;
mod rules;
pub mod types;
pub mod unified;

/// Plain http in the demo and every doc URL; HTTPS is unverified (README.md, Overview).
/// `baseUrl` overrides it.
pub const DEFAULT_BASE_URL: &str = "http://api.byrobot.cn";
/// Rows per v2 importTaskCustomer call (单次导入最大10000条).
pub const IMPORT_LIMIT: usize = 10_000;

/// BYRobot, for the registration list.
pub const VENDOR: Vendor = Vendor(&Byrobot);

pub struct Byrobot;

crate::credentials! {
    /// BYRobot: the AppKey and AppSecret from the CRM (系统管理→系统设置→API配置). The secret
    /// only signs: it is never sent.
    ByrobotCredentials {
        required { appKey: Header, appSecret: Text }
        optional {}
    }
}

fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::*;
    use Operation::*;
    Some(match op {
        CreateTask => Endpoint::write(Post, "/openapi/v1/task/createTask"),
        UpdateTask => Endpoint::write(Post, "/openapi/v1/task/update"),
        StartTask => Endpoint::write(Post, "/openapi/v1/task/start"),
        PauseTask => Endpoint::write(Post, "/openapi/v1/task/pause"),
        StopTask => Endpoint::write(Post, "/openapi/v1/task/stop"),
        DeleteTask => Endpoint::write(Post, "/openapi/v1/task/delete"),
        // CHOICE: v2. The older page documents v1, which the vendor has since deprecated
        // ("v1版接口已过期"); v2 takes the same body and reports counts.
        ImportCustomers => Endpoint::write(Post, "/openapi/v2/task/importTaskCustomer"),
        ListTasks => Endpoint::read(Get, "/openapi/v1/task/getTasks"),
        GetTask => Endpoint::read(Get, "/openapi/v1/task/getTaskDetail"),
        GetCall => Endpoint::read(Get, "/openapi/v1/task/phoneLogInfo"),
        // A read sent as POST.
        ListCalls => Endpoint::read(Post, "/openapi/v1/task/queryDoneTaskPhones"),
        // CHOICE: POST with a JSON body. The method is unverified: the older page and the 2020-05
        // demo call GET `?taskId=`, the vendor's current doc (2020-06, the newest statement) says
        // POST `{taskId, pageNum, pageSize}`. Newest wins.
        ListPendingCustomers => Endpoint::read(Post, "/openapi/v1/task/notDialedCustomerList"),
        GetTaskVariables => Endpoint::read(Get, "/openapi/v1/task/getSceneVariables"),
        ListCompanies => Endpoint::read(Get, "/openapi/v1/company/getCompanys"),
        ListCallerLines => Endpoint::read(Get, "/openapi/v1/company/getPhones"),
        ListRobots => Endpoint::read(Get, "/openapi/v1/company/getRobots"),
        GetSeatStats => Endpoint::read(Get, "/openapi/v1/company/seat/statistics"),
        ListSmsTemplates => Endpoint::read(Get, "/openapi/v1/sms/template/list"),
        ListFailedCallbacks => Endpoint::read(Get, "/openapi/v1/callBack/queryUnCallBack"),
        AddBlacklist => Endpoint::write(Post, "/openapi/v1/company/addBlackList"),
        AddBlacklistBatch => Endpoint::write(Post, "/openapi/v1/company/addBlackList/batch"),
        CreateBlacklistGroup => Endpoint::write(Post, "/openapi/v1/company/blacklist/group/add"),
        UpdateBlacklistGroup => Endpoint::write(Post, "/openapi/v1/company/blacklist/group/edit"),
        DeleteBlacklistGroup => Endpoint::write(Post, "/openapi/v1/company/blacklist/group/delete"),
        DeleteBlacklistEntries => Endpoint::write(Post, "/openapi/v1/company/blacklist/info/delete"),
        ListBlacklistGroups => Endpoint::read(Get, "/openapi/v1/company/blacklist/group/list"),
        ListBlacklist => Endpoint::read(Get, "/openapi/v1/company/blacklist/info/page"),
        // No such endpoint: seats change through task/update (concurrencyQuota), and there is
        // no create-options call. The rest belong to other vendors.
        _ => return None,
    })
}

/// The `sign` header (README.md, Auth): Base64 HMAC-SHA1, keyed with the AppSecret, over
/// `appKey + "\n" + datetime`. Neither the body nor the URL is signed.
pub fn signature(app_key: &str, app_secret: &str, datetime: &str) -> String {
    sign::hmac_sha1_base64(app_secret, &format!("{app_key}\n{datetime}"))
}

impl VendorDef for Byrobot {
    const ID: &'static str = "byrobot";
    const BASE_URL: Option<&'static str> = Some(DEFAULT_BASE_URL);
    const TS_OPERATIONS: &'static [(&'static str, &'static str, &'static str)] = types::TS_OPERATIONS;
    type Credentials = ByrobotCredentials;
    const CALLBACKS: Option<&'static crate::callback::Callbacks> = Some(&callback::CALLBACKS);

    fn endpoint(op: Operation) -> Option<Endpoint> {
        endpoint(op)
    }

    fn validate(op: Operation, params: &Json, _ctx: Context, c: &mut Checker) {
        rules::validate(op, params, c);
    }

    /// task/update sends a list of `userPhoneIds` joined by `,` (`"12,13"`): the vendor's demo
    /// sends a String there (`"255"`), the doc says several ids are separated by `,`.
    fn complete(op: Operation, params: &mut Map<String, Value>, _creds: &ByrobotCredentials) {
        if let (Operation::UpdateTask, Some(ids)) = (op, params.get_mut("userPhoneIds")) {
            if let Value::Array(items) = ids {
                *ids = Value::String(crate::http::joined(items));
            }
        }
    }

    /// The headers of the vendor's demo, on GET and POST alike: `appkey`, `datetime` (RFC 1123,
    /// always GMT), `sign`, `Content-Type` and `Accept` (`application/json`).
    fn sign(req: &mut HttpRequest, creds: &ByrobotCredentials, now_ms: i64) {
        let datetime = time::rfc1123(now_ms);
        // The demo's five headers in its order, GETs included.
        req.headers.clear();
        req.set_header("appkey", &creds.appKey);
        req.set_header("datetime", &datetime);
        req.set_header("sign", &signature(&creds.appKey, &creds.appSecret, &datetime));
        req.set_header("Content-Type", "application/json");
        req.set_header("Accept", "application/json");
    }

    fn parse(op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        match op {
            Operation::ListSmsTemplates => sms_envelope(status, body, locale),
            _ => envelope::result_model(VENDOR, status, body, explain, locale),
        }
    }

    /// v2: "duplicate phones in a task are dropped".
    fn import_shape() -> Option<ImportShape> {
        Some(ImportShape { list_key: "customerInfoList", task_key: "taskId", phone_key: "phone", limit: IMPORT_LIMIT, dedupes: true })
    }

    fn unified() -> Option<&'static Mapping> {
        Some(&unified::MAPPING)
    }

    /// v2's `data`: `{msg, successNum, repeatNum, placeFailNum}`; `placeFailNum` counts rows
    /// refused for a script variable, without naming them.
    fn import_reply(data: &Value) -> ImportReply {
        ImportReply { failed_phones: Vec::new(), failed_count: data.get("placeFailNum").and_then(Value::as_u64).unwrap_or(0) }
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
    let v = envelope::json(VENDOR, status, body)?;
    let Some(obj) = v.as_object() else { return Err(envelope::not_object(VENDOR, status)) };
    let code = match obj.get("code") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let Some(code) = code else { return Err(envelope::not_object(VENDOR, status)) };
    let success = obj.get("success").and_then(Value::as_bool);
    if code == 200 && success != Some(false) {
        return Ok(obj.get("data").cloned().unwrap_or(Value::Null));
    }
    let message = envelope::text(obj.get("msg")).or_else(|| envelope::text(obj.get("resultMsg"))).unwrap_or_default();
    let info = if code == 200 { None } else { explain(code) };
    Err(envelope::vendor_error(VENDOR, status, code.to_string(), message, envelope::text(obj.get("requestId")), info, locale))
}
