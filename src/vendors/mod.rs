//! The four vendors behind one set of operation names, and the three things the core does
//! with them: validate params, build a signed request, parse a reply.
//!
//! Every vendor module has the same shape:
//! - `endpoint(op)`: the vendor's method and path for an operation (None = unsupported);
//! - `validate(op, params, meta, checker)`: the vendor's rules, reported as issues;
//! - `check_credentials(creds, checker)` and `build(op, params, creds, ctx)`: the request,
//!   signed the vendor's way;
//! - `parse(op, status, body, locale)`: the envelope's `data`, or the vendor's error;
//! - `types`: the documented param and result types (TypeScript types are generated from them).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::{Checker, Path};
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::issue::{Issue, IssueCode, Locale, Severity};
use crate::json::{Json, ParseError};
use crate::params;

pub mod byrobot;
pub mod itniotech;
pub mod tanyi;
pub mod zxycall;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    Tanyi,
    Byrobot,
    Itniotech,
    Zxycall,
}

impl Vendor {
    pub const ALL: [Vendor; 4] = [Vendor::Tanyi, Vendor::Byrobot, Vendor::Itniotech, Vendor::Zxycall];

    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Tanyi => "tanyi",
            Vendor::Byrobot => "byrobot",
            Vendor::Itniotech => "itniotech",
            Vendor::Zxycall => "zxycall",
        }
    }

    pub fn parse(s: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The documented base URL (scheme and host); None where the docs give none (ZXY).
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            Vendor::Tanyi => Some(tanyi::DEFAULT_BASE_URL),
            Vendor::Byrobot => Some(byrobot::DEFAULT_BASE_URL),
            Vendor::Itniotech => Some(itniotech::DEFAULT_BASE_URL),
            Vendor::Zxycall => None,
        }
    }

    pub fn endpoint(self, op: Operation) -> Option<Endpoint> {
        match self {
            Vendor::Tanyi => tanyi::endpoint(op),
            Vendor::Byrobot => byrobot::endpoint(op),
            Vendor::Itniotech => itniotech::endpoint(op),
            Vendor::Zxycall => zxycall::endpoint(op),
        }
    }

    /// The TypeScript operation map of the vendor's types (`ts_operations!`): operation name,
    /// params type, result type.
    pub fn ts_operations(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Vendor::Tanyi => tanyi::types::TS_OPERATIONS,
            Vendor::Byrobot => byrobot::types::TS_OPERATIONS,
            Vendor::Itniotech => itniotech::types::TS_OPERATIONS,
            Vendor::Zxycall => zxycall::types::TS_OPERATIONS,
        }
    }

    /// The operations this vendor supports, in `Operation::ALL` order.
    pub fn operations(self) -> Vec<Operation> {
        Operation::ALL.iter().copied().filter(|op| self.endpoint(*op).is_some()).collect()
    }
}

/// A vendor's endpoint for an operation. `path` may hold `{name}` placeholders that `build`
/// fills from the params (ZXY's REST paths).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
}

impl Endpoint {
    pub const fn new(method: Method, path: &'static str) -> Self {
        Endpoint { method, path }
    }
}

macro_rules! operations {
    ($($variant:ident = $name:literal),+ $(,)?) => {
        /// One name per kind of call, shared by all vendors.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Operation {
            $( #[serde(rename = $name)] $variant, )+
        }

        impl Operation {
            pub const ALL: &'static [Operation] = &[$(Operation::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Operation::$variant => $name,)+ }
            }

            pub fn parse(s: &str) -> Option<Operation> {
                match s { $($name => Some(Operation::$variant),)+ _ => None }
            }
        }
    };
}

operations! {
    // Task lifecycle.
    CreateTask = "createTask",
    UpdateTask = "updateTask",
    StartTask = "startTask",
    PauseTask = "pauseTask",
    StopTask = "stopTask",
    DeleteTask = "deleteTask",
    SetConcurrency = "setConcurrency",
    BatchTaskAction = "batchTaskAction",
    // Customers.
    ImportCustomers = "importCustomers",
    DeleteCustomers = "deleteCustomers",
    DeletePendingCustomer = "deletePendingCustomer",
    RequeueCustomers = "requeueCustomers",
    ListPendingCustomers = "listPendingCustomers",
    // Reading tasks and calls.
    ListTasks = "listTasks",
    GetTask = "getTask",
    GetTaskStats = "getTaskStats",
    ListTaskStats = "listTaskStats",
    CheckAllTasks = "checkAllTasks",
    GetTaskVariables = "getTaskVariables",
    ListCalls = "listCalls",
    GetCall = "getCall",
    ListFailedCallbacks = "listFailedCallbacks",
    // Look-ups for building a task.
    GetCreateOptions = "getCreateOptions",
    GetAccount = "getAccount",
    ListCompanies = "listCompanies",
    ListCallerLines = "listCallerLines",
    ListScripts = "listScripts",
    GetScriptInfo = "getScriptInfo",
    ListRobots = "listRobots",
    ListPolicyGroups = "listPolicyGroups",
    ListPolicyGroupNames = "listPolicyGroupNames",
    GetSeatStats = "getSeatStats",
    ListSmsTemplates = "listSmsTemplates",
    // Blacklist (BYRobot).
    AddBlacklist = "addBlacklist",
    AddBlacklistBatch = "addBlacklistBatch",
    ListBlacklist = "listBlacklist",
    DeleteBlacklistEntries = "deleteBlacklistEntries",
    ListBlacklistGroups = "listBlacklistGroups",
    CreateBlacklistGroup = "createBlacklistGroup",
    UpdateBlacklistGroup = "updateBlacklistGroup",
    DeleteBlacklistGroup = "deleteBlacklistGroup",
}

/// How to validate. Read from JSON by `options::validate_options`.
#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    pub locale: Locale,
    /// ZXY's create-options meta (`GET /v1/task/create`), to check ids against it.
    pub meta: Option<Value>,
    /// Per-code severity overrides: `"error"`, `"warning"` or `"off"` (drop the issue).
    /// This is how a caller relaxes a waihu choice, e.g. `{ "invalid_phone": "warning" }`.
    pub severity: SeverityOverrides,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityOverride {
    Error,
    Warning,
    Off,
}

/// Per-code severity overrides: one slot per `IssueCode`, with the map methods callers use.
/// Not a `BTreeMap<IssueCode, _>`: that key type had its own copy of the B-tree code in the
/// .wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeverityOverrides([Option<SeverityOverride>; IssueCode::ALL.len()]);

impl SeverityOverrides {
    /// Sets the override for `code`; returns the previous one.
    pub fn insert(&mut self, code: IssueCode, level: SeverityOverride) -> Option<SeverityOverride> {
        self.0[code as usize].replace(level)
    }

    pub fn get(&self, code: &IssueCode) -> Option<&SeverityOverride> {
        self.0[*code as usize].as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// How to build a request. Read from JSON by `options::build_options`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Scheme, host and optional prefix; the vendor's documented one when absent.
    pub base_url: Option<String>,
    /// The clock, in epoch milliseconds. The core never reads a clock itself.
    pub now: f64,
    pub locale: Locale,
    pub meta: Option<Value>,
    pub severity: SeverityOverrides,
    /// Headers set last, replacing any of the same name: the escape hatch for undocumented
    /// auth details (e.g. ZXY's header, or Tanyi's `appSecret` header if a tenant needs it).
    /// (A list, not a `BTreeMap`: that would be a second copy of the B-tree code in the .wasm
    /// beside serde_json's map.)
    pub headers: Vec<(String, String)>,
}

/// What a vendor's `build` gets besides params and credentials.
pub struct BuildCtx<'a> {
    pub base_url: &'a str,
    pub now_ms: i64,
    pub endpoint: Endpoint,
}

impl Operation {
    fn unsupported(self, vendor: Vendor) -> Error {
        Error::UnsupportedOperationError { vendor, operation: self }
    }
}

fn apply_overrides(issues: Vec<Issue>, overrides: &SeverityOverrides, locale: Locale) -> Vec<Issue> {
    issues
        .into_iter()
        .filter_map(|mut i| {
            match overrides.get(&i.code) {
                Some(SeverityOverride::Off) => return None,
                Some(SeverityOverride::Warning) => i.severity = Severity::Warning,
                Some(SeverityOverride::Error) => i.severity = Severity::Error,
                None => {}
            }
            i.localize(locale);
            Some(i)
        })
        .collect()
}

fn validate_params(vendor: Vendor, op: Operation, params: &Json, meta: Option<&Value>, c: &mut Checker) {
    match vendor {
        Vendor::Tanyi => tanyi::validate(op, params, c),
        Vendor::Byrobot => byrobot::validate(op, params, c),
        Vendor::Itniotech => itniotech::validate(op, params, c),
        Vendor::Zxycall => zxycall::validate(op, params, meta.map(Json::from_value).as_ref(), c),
    }
}

/// Every issue with `params` for `op`, errors and warnings, with messages in the locale.
pub fn validate(vendor: Vendor, op: Operation, params: &Value, options: &ValidateOptions) -> Result<Vec<Issue>, Error> {
    validate_tree(vendor, op, &Json::from_value(params), options)
}

/// `validate` for params given as JSON text (the wasm boundary's form), read into a borrowed
/// `Json` tree without building a `Value`: most of the time went into building it.
/// The outer `Err` is for text that is not JSON.
pub fn validate_json(vendor: Vendor, op: Operation, text: &str, options: &ValidateOptions) -> Result<Result<Vec<Issue>, Error>, ParseError> {
    Json::from_str(text).map(|params| validate_tree(vendor, op, &params, options))
}

fn validate_tree(vendor: Vendor, op: Operation, params: &Json, options: &ValidateOptions) -> Result<Vec<Issue>, Error> {
    if vendor.endpoint(op).is_none() {
        return Err(op.unsupported(vendor));
    }
    let mut c = Checker::new();
    validate_params(vendor, op, params, options.meta.as_ref(), &mut c);
    Ok(apply_overrides(c.into_issues(), &options.severity, options.locale))
}

/// The exact, signed request for `op`. Fails with every issue (params, credentials, base
/// URL) at once when any has severity `error`; warnings do not stop it.
pub fn build_request(vendor: Vendor, op: Operation, params: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
    make_request(vendor, op, Some(params), params, credentials, options)
}

/// `build_request` for params validated already, as a whole (an import plan's chunks): only
/// the credentials and the base URL are checked, so a million rows are not checked twice.
pub fn build_prevalidated_request(vendor: Vendor, op: Operation, params: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
    make_request(vendor, op, None, params, credentials, options)
}

fn make_request(vendor: Vendor, op: Operation, check: Option<&Value>, params: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
    let endpoint = vendor.endpoint(op).ok_or_else(|| op.unsupported(vendor))?;
    let mut c = Checker::new();
    if let Some(params) = check {
        validate_params(vendor, op, &Json::from_value(params), options.meta.as_ref(), &mut c);
    }
    let cred_path: Path = vec!["credentials".into()];
    let creds = Json::from_value(credentials);
    match vendor {
        Vendor::Tanyi => tanyi::check_credentials(&creds, &cred_path, &mut c),
        Vendor::Byrobot => byrobot::check_credentials(&creds, &cred_path, &mut c),
        Vendor::Itniotech => itniotech::check_credentials(&creds, &cred_path, &mut c),
        Vendor::Zxycall => zxycall::check_credentials(&creds, &cred_path, &mut c),
    }
    let base_url = options.base_url.as_deref().filter(|u| !u.trim().is_empty()).or(vendor.default_base_url());
    match base_url {
        None => c.error(IssueCode::Required, vec!["baseUrl".into()], params! {"when": "the vendor documents no base URL"}),
        Some(u) if !(u.starts_with("http://") || u.starts_with("https://")) => {
            c.error(IssueCode::InvalidFormat, vec!["baseUrl".into()], params! {"format": "http(s)://host[/prefix]"})
        }
        _ => {}
    }
    let issues = apply_overrides(c.into_issues(), &options.severity, options.locale);
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return Err(Error::ValidationError { vendor, operation: op, issues });
    }
    let ctx = BuildCtx {
        base_url: base_url.unwrap_or_default(),
        // Clamp so that odd clock values (NaN, negative, huge) cannot overflow anything.
        now_ms: if options.now.is_finite() { options.now.clamp(0.0, 253_402_300_799_000.0) as i64 } else { 0 },
        endpoint,
    };
    let mut req = match vendor {
        Vendor::Tanyi => tanyi::build(op, params, credentials, &ctx),
        Vendor::Byrobot => byrobot::build(op, params, credentials, &ctx),
        Vendor::Itniotech => itniotech::build(op, params, credentials, &ctx),
        Vendor::Zxycall => zxycall::build(op, params, credentials, &ctx),
    };
    for (k, v) in &options.headers {
        req.set_header(k, v);
    }
    Ok(req)
}

/// The envelope's data for a reply to `op`, or the vendor's error.
pub fn parse_response(vendor: Vendor, op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
    if vendor.endpoint(op).is_none() {
        return Err(op.unsupported(vendor));
    }
    match vendor {
        Vendor::Tanyi => tanyi::parse(op, status, body, locale),
        Vendor::Byrobot => byrobot::parse(op, status, body, locale),
        Vendor::Itniotech => itniotech::parse(op, status, body, locale),
        Vendor::Zxycall => zxycall::parse(op, status, body, locale),
    }
}

/// Helpers the vendor modules share for building.
pub(crate) mod build {
    use serde_json::{Map, Value};

    use crate::http::{join_url, query_string, HttpRequest, Method};

    use super::BuildCtx;

    /// The params as a JSON object (validation has already made sure it is one).
    pub fn object(params: &Value) -> Map<String, Value> {
        params.as_object().cloned().unwrap_or_default()
    }

    /// A request to the endpoint with the params as a JSON body (POST/PUT/PATCH) or as the
    /// query string (GET), without auth headers.
    pub fn request(ctx: &BuildCtx, path: &str, params: Map<String, Value>) -> HttpRequest {
        let method = ctx.endpoint.method;
        let mut url = join_url(ctx.base_url, path);
        let body = if method == Method::Get {
            url.push_str(&query_string(&params));
            None
        } else {
            Some(Value::Object(params).to_string())
        };
        let mut headers = Vec::new();
        if body.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        HttpRequest { method, url, headers, body, idempotent: method.is_read() }
    }
}
