//! Itniotech (AI Voice): `POST /aivoice/<name>` with JSON bodies, an MD5 `Sign` header, and the
//! `{status, reason, data}` envelope. The vendor's facts and waihu's choices: README.md in this
//! folder.

use serde_json::{Map, Value};

use crate::check::Checker;
use crate::envelope;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::Locale;
use crate::json::Json;
use crate::sign;
use crate::mapping::Mapping;
use crate::vendor::{Context, Endpoint, ImportReply, ImportShape, Operation, Vendor, VendorDef};

pub mod callback;
pub mod records;
mod rules;
pub mod types;
pub mod unified;

pub use rules::{GENDERS, HOURS, MODES, NO_CALL_STATUSES, REDIAL_CONDITIONS, WEEKDAYS};

/// The pages' host. The vendor's SDK uses its Buka brand's `https://api.onbuka.com/v3/AiVoice`
/// (README.md, Overview); a caller on that host sets `baseUrl` (the paths differ in case there).
pub const DEFAULT_BASE_URL: &str = "https://api.itniotech.com";
/// The taskEdit page's `Content-Type`, charset included.
pub const CONTENT_TYPE: &str = "application/json;charset=UTF-8";
/// Customers per `importCustomer` call (≤100 persons a call).
pub const IMPORT_LIMIT: usize = 100;
/// Longest `phoneNumber` (≤32 chars: it may be an encrypted id).
pub const PHONE_MAX: usize = 32;

/// Itniotech, for the registration list.
pub const VENDOR: Vendor = Vendor(&Itniotech);

pub struct Itniotech;

crate::credentials! {
    /// Itniotech: the API key and secret (Home → Developer options) and the application's
    /// `appId`, which fills every body that leaves it out. The secret only signs.
    ItniotechCredentials {
        required { apiKey: Header, apiSecret: Text, appId: Text }
        optional {}
    }
}

fn endpoint(op: Operation) -> Option<Endpoint> {
    use Method::Post;
    use Operation::*;
    // All POST with a JSON body (README.md, Endpoints); the queries are reads all the same.
    Some(match op {
        ListScripts => Endpoint::read(Post, "/aivoice/dialogFlowList"),
        ListCallerLines => Endpoint::read(Post, "/aivoice/channelList"),
        CreateTask => Endpoint::write(Post, "/aivoice/taskAdd"),
        UpdateTask => Endpoint::write(Post, "/aivoice/taskEdit"),
        // UNVERIFIED on api.itniotech.com: only the SDK names `properties`, `taskStop` and
        // `taskDel`; the paths follow the pages' `/aivoice/<name>`.
        GetTaskVariables => Endpoint::read(Post, "/aivoice/properties"),
        // The SDK calls taskStop "Pause task", and −38 is 当前任务状态不可暂停: it is the pause.
        // There is no separate stop endpoint, so StopTask is unsupported.
        PauseTask => Endpoint::write(Post, "/aivoice/taskStop"),
        DeleteTask => Endpoint::write(Post, "/aivoice/taskDel"),
        ImportCustomers => Endpoint::write(Post, "/aivoice/importCustomer"),
        DeleteCustomers => Endpoint::write(Post, "/aivoice/importCustomer/del"),
        StartTask => Endpoint::write(Post, "/aivoice/taskStart"),
        ListTasks => Endpoint::read(Post, "/aivoice/taskList"),
        ListPendingCustomers => Endpoint::read(Post, "/aivoice/taskNoCall"),
        ListCalls => Endpoint::read(Post, "/aivoice/recordQuery"),
        _ => return None,
    })
}

/// Queries whose body is `{current, size, params{appId, …}}`: `appId` goes inside `params`
/// (the SDK's TaskQueryDTO).
fn is_paged(op: Operation) -> bool {
    matches!(op, Operation::ListTasks | Operation::ListPendingCustomers | Operation::ListCalls)
}

/// `Sign`: lowercase hex MD5 of apiKey + apiSecret + Timestamp (epoch seconds, as text)
/// (README.md, Auth; the page's Java and PHP samples agree).
pub fn signature(api_key: &str, api_secret: &str, timestamp: &str) -> String {
    sign::md5_hex(&format!("{api_key}{api_secret}{timestamp}"))
}

/// Puts `appId` into `map` unless the params already carry one.
fn fill_app_id(map: &mut Map<String, Value>, app_id: &str) {
    if map.get("appId").is_none_or(Value::is_null) {
        map.insert("appId".into(), Value::String(app_id.to_string()));
    }
}

impl VendorDef for Itniotech {
    const ID: &'static str = "itniotech";
    const BASE_URL: Option<&'static str> = Some(DEFAULT_BASE_URL);
    const TS_OPERATIONS: &'static [(&'static str, &'static str, &'static str)] = types::TS_OPERATIONS;
    type Credentials = ItniotechCredentials;
    const CALLBACKS: Option<&'static crate::callback::Callbacks> = Some(&callback::CALLBACKS);

    fn endpoint(op: Operation) -> Option<Endpoint> {
        endpoint(op)
    }

    fn validate(op: Operation, params: &Json, _ctx: Context, c: &mut Checker) {
        rules::validate(op, params, c);
    }

    /// Every body carries `appId`; in the paged queries it sits inside `params`.
    fn complete(op: Operation, body: &mut Map<String, Value>, creds: &ItniotechCredentials) {
        if !is_paged(op) {
            return fill_app_id(body, &creds.appId);
        }
        match body.get_mut("params") {
            Some(Value::Object(inner)) => fill_app_id(inner, &creds.appId),
            _ => {
                let mut inner = Map::new();
                fill_app_id(&mut inner, &creds.appId);
                body.insert("params".into(), Value::Object(inner));
            }
        }
    }

    /// The page's headers, in its order: Content-Type, Sign, Timestamp, Api-Key. The SDK's
    /// extra `origin: java-sdk` header is not sent (the pages' samples don't send it; `headers`
    /// can add it).
    fn sign(req: &mut HttpRequest, creds: &ItniotechCredentials, now_ms: i64) {
        let timestamp = now_ms.div_euclid(1000).to_string();
        req.set_header("Content-Type", CONTENT_TYPE);
        req.set_header("Sign", &signature(&creds.apiKey, &creds.apiSecret, &timestamp));
        req.set_header("Timestamp", &timestamp);
        req.set_header("Api-Key", &creds.apiKey);
    }

    fn parse(op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        parse(op, status, body, locale)
    }

    /// `callRecordDup` only drops numbers already *called*; an uncalled duplicate stays.
    fn import_shape() -> Option<ImportShape> {
        Some(ImportShape { list_key: "customerPersons", task_key: "jobId", phone_key: "phoneNumber", limit: IMPORT_LIMIT, dedupes: false })
    }

    fn unified() -> Option<&'static Mapping> {
        Some(&unified::MAPPING)
    }

    /// importCustomer's `data` lists the rows that failed.
    fn import_reply(data: &Value) -> ImportReply {
        let failed_phones = match data {
            Value::Array(rows) => rows.iter().filter_map(|r| r.get("phoneNumber").and_then(Value::as_str)).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        ImportReply { failed_phones, failed_count: 0 }
    }
}

/// `{status, reason, data}` with `status` `"0"` (a string) on success (the page's 响应参数).
/// The envelope has no request id. Itniotech answers HTTP 200 with the status in the body;
/// any other HTTP status is trusted only if it carries the envelope with an error status.
fn parse(_op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    let vendor = VENDOR;
    // The envelope stays the parser's borrowed tree: only the members kept become `Value`s.
    let Json::Object(mut obj) = envelope::tree(vendor, status, body)? else { return Err(envelope::not_object(vendor, status)) };
    let code = match envelope::member(&mut obj, "status") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        // Documented as a string; on a 2xx reply a number is read the same way rather than
        // rejected. On an error status a numeric `status` is a web server's error page
        // (Spring's `{"status":404,"error":…}`), not the envelope.
        Some(n @ Value::Number(_)) if (200..300).contains(&status) => envelope::text(Some(&n)).unwrap_or_default(),
        _ => return Err(envelope::not_object(vendor, status)),
    };
    if code == "0" {
        return Ok(envelope::member(&mut obj, "data").unwrap_or(Value::Null));
    }
    let info = code.parse::<i64>().ok().and_then(explain);
    Err(envelope::vendor_error(vendor, status, code, envelope::text(envelope::member(&mut obj, "reason").as_ref()).unwrap_or_default(), None, info, locale))
}

/// Every status code on the taskEdit page's table, plus −32, −50 and −55 from README.md.
/// 999/998/997 come from the Java SDK itself, never from the server [I-resp]: not listed.
/// Retryable only where the trouble is on the vendor's side (−5, −46).
pub fn explain(code: i64) -> Option<envelope::CodeInfo> {
    Some(match code {
        -1 => ("Account authentication failed: check Api-Key, the secret and Sign", "账号认证异常", false),
        -3 => ("Insufficient balance", "余额不足", false),
        -4 => ("Timestamp expired: fix the local clock (Timestamp is epoch seconds)", "时间戳过期：请校准本机时钟（Timestamp 为秒级时间戳）", false),
        -5 => ("Vendor system error (English docs: \"Port program unusual\")", "系统异常", true),
        -6 => ("IP not allowed: add this IP to the app's whitelist", "ip限制：请将本机 IP 加入白名单", false),
        -27 => ("Parameter validation failed", "参数校验异常", false),
        -28 => ("Mode AUTO needs startDateTime", "自动模式,任务启动时间不能为空", false),
        -29 => ("Invalid redial rule (redialCondition)", "重播规则参数异常", false),
        -30 => ("Invalid redial interval (redialInterval)", "重播间隔参数异常", false),
        -31 => ("Invalid redial count (redialTimes)", "重播次数参数异常", false),
        -32 => ("The task does not exist", "外呼任务不存在", false),
        -33 => ("A task with this name already exists", "外呼任务名称已存在", false),
        -37 => ("The app (appId) does not exist", "应用不存在", false),
        -38 => ("The task cannot be paused in its current state", "当前任务状态不可暂停", false),
        -39 => ("The task cannot be started in its current state", "当前任务状态不可启动", false),
        -41 => ("Invalid script id (dialogFlowId)", "话术ID参数异常", false),
        -45 => ("No customers imported: import customers before starting", "未导入客户,不能启动", false),
        -46 => ("Network error or invalid parameters", "网络异常或参数错误", true),
        -48 => ("The daily dialling window must lie within 09:00-20:00", "创建任务每日拨号时间段需在9:00-20:00之间", false),
        -49 => ("Account not verified", "账号未认证", false),
        // Only the English text is published (taskList page).
        -50 => ("Application not quoted (the vendor's wording): check the appId", "Application not quoted（仅有英文说明）：请检查 appId", false),
        -51 => ("The customer's custom properties are incomplete (the script's variables need values)", "该客户自定义属性不完整", false),
        -52 => ("robotCount exceeds the account's maximum concurrency", "并发数超出账户最大值", false),
        -55 => ("The script is unbound: this operation is not allowed", "话术解绑不允许此类操作", false),
        -57 => ("The Sign header is missing", "签名不能为空", false),
        -58 => ("The Timestamp header is missing", "时间戳不能为空", false),
        -59 => ("The Api-Key header is missing", "apikey不能为空", false),
        -60 => ("The intent tag group does not exist", "意向标签组不存在", false),
        _ => return None,
    })
}
