//! The vendor interface: the operation names all vendors share, a handle on one vendor, and
//! the one trait each vendor folder implements (its endpoint table, typed credentials, signing,
//! rules, reply parsing, import row shape, and the cross-vendor hooks). The generic half —
//! validate, build a signed request, read a reply — is written once here, for every vendor.
//!
//! A vendor is one folder under `src/vendors/` plus one line in its registration list. Nothing
//! on this floor imports from `src/vendors/`.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::callback::Callbacks;
use crate::check::Checker;
use crate::error::Error;
use crate::http::{self, HttpRequest, Method};
use crate::issue::{Issue, IssueCode, Locale};
use crate::json::{Json, ParseError};
use crate::options::{BuildOptions, ValidateOptions};
use crate::params;
use crate::mapping::Mapping;

macro_rules! operations {
    ($($variant:ident = $name:literal),+ $(,)?) => {
        /// One name per kind of call, shared by all vendors.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Operation {
            $( $variant, )+
        }

        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TS_OPERATION: &'static str = concat!("/** An operation name, shared by all vendors. */\nexport type Operation = never", $(" | \"", $name, "\"",)+ ";\n");

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

/// A vendor's endpoint for an operation: the method, the path, and whether the call is safe
/// to repeat. Where the params go follows from the method and the path: a `{name}` segment of
/// the path takes the param of that name (one percent-encoded segment, never in the body too); the
/// rest is the query string of a GET and the JSON body of anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    /// True when sending the same request twice changes nothing at the vendor (a read, even one
    /// sent as a POST). Only such calls are retried after they may have reached the vendor: a
    /// repeated `startTask` could dial real phones twice.
    pub safe_to_repeat: bool,
}

impl Endpoint {
    /// A read: safe to repeat.
    pub const fn read(method: Method, path: &'static str) -> Self {
        Endpoint { method, path, safe_to_repeat: true }
    }

    /// A call that changes state at the vendor (whatever its method).
    pub const fn write(method: Method, path: &'static str) -> Self {
        Endpoint { method, path, safe_to_repeat: false }
    }

    /// The name of the path's `{name}` segment, if it has one (no vendor has two).
    pub fn path_param(&self) -> Option<&'static str> {
        let open = self.path.bytes().position(|b| b == b'{')?;
        let close = self.path.bytes().position(|b| b == b'}')?;
        self.path.get(open + 1..close)
    }
}

/// How a vendor takes a batch of customers (`importCustomers`).
#[derive(Clone, Copy, Debug)]
pub struct ImportShape {
    /// The member holding the rows.
    pub list_key: &'static str,
    /// The member holding the task id.
    pub task_key: &'static str,
    /// The row member holding the phone.
    pub phone_key: &'static str,
    /// Rows per call.
    pub limit: usize,
    /// Whether the vendor documents dropping a phone the task already holds, so that resending
    /// rows of an unknown outcome cannot import anyone twice.
    pub dedupes: bool,
}

/// What an accepted import call's reply says about its rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReply {
    /// Phones the vendor names as failed (as written in the reply).
    pub failed_phones: Vec<String>,
    /// Rows the vendor counts as failed without naming them.
    pub failed_count: u64,
}

/// What a vendor's validation gets besides the params.
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    /// Look-up data the caller fetched from the vendor to check ids against (ZXY's
    /// create-options meta).
    pub meta: Option<&'a Json<'a>>,
}

/// A vendor's credentials: a typed struct (TypeScript types are generated from it) read from
/// the caller's JSON with every problem reported as an issue under `credentials`. Unknown
/// members are refused: a misspelt key would otherwise sign with nothing.
pub trait Credentials: Sized {
    fn read(v: &Json, path: &[crate::issue::PathSeg], c: &mut Checker) -> Option<Self>;
}

/// What each vendor folder implements. Everything generic (validation of path params and
/// headers, the base URL, the request's URL and body, severities, the success check on HTTP
/// statuses) is done once by the `Api` impl below.
pub trait VendorDef: Sync + 'static {
    /// The stable id callers pass (`"tanyi"`).
    const ID: &'static str;
    /// Scheme and host from the vendor's docs; None where the docs give none.
    const BASE_URL: Option<&'static str>;
    /// `(operation, params type, result type)` of the vendor's TypeScript operation map.
    const TS_OPERATIONS: &'static [(&'static str, &'static str, &'static str)];
    type Credentials: Credentials;

    fn endpoint(op: Operation) -> Option<Endpoint>;
    /// The vendor's rules for `op`'s params, as issues.
    fn validate(op: Operation, params: &Json, ctx: Context, c: &mut Checker);
    /// Members the vendor needs in every body that the caller may leave out (Itniotech's
    /// `appId` from the credentials).
    fn complete(_op: Operation, _params: &mut Map<String, Value>, _creds: &Self::Credentials) {}
    /// Adds the vendor's auth and fixed headers.
    fn sign(req: &mut HttpRequest, creds: &Self::Credentials, now_ms: i64);
    /// The envelope's data, or the vendor's error.
    fn parse(op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error>;
    /// How the vendor takes customers; None where it has no import.
    fn import_shape() -> Option<ImportShape> {
        None
    }
    /// What an accepted import reply says about its rows.
    fn import_reply(_data: &Value) -> ImportReply {
        ImportReply::default()
    }

    // The cross-vendor concepts: each vendor maps what it can; the defaults say "not
    // supported".

    /// The vendor's unified table: its fields for the unified task spec and where its replies
    /// hold tasks and calls (`crate::mapping`, read by `crate::unified`). None: no mapping.
    fn unified() -> Option<&'static Mapping> {
        None
    }

    /// How the vendor pushes callbacks (its acknowledgement, documented source addresses and
    /// payload reader). None: the vendor documents no callbacks.
    const CALLBACKS: Option<&'static Callbacks> = None;
}

/// The object-safe face of a vendor, for the registration list. Implemented for every
/// `VendorDef`; callers use it through [`Vendor`].
pub trait Api: Sync {
    fn id(&self) -> &'static str;
    fn default_base_url(&self) -> Option<&'static str>;
    fn endpoint(&self, op: Operation) -> Option<Endpoint>;
    /// Native only: the wasm build has no use for the map at run time (its TypeScript is a
    /// custom section), and keeping it would put every type name into the .wasm's data.
    #[cfg(not(target_arch = "wasm32"))]
    fn ts_operations(&self) -> &'static [(&'static str, &'static str, &'static str)];
    fn check(&self, op: Operation, params: &Json, ctx: Context, c: &mut Checker);
    /// `vendor` is the handle on `self` (errors carry it).
    fn request(&self, vendor: Vendor, op: Operation, endpoint: Endpoint, raw: &Value, creds: &Json, options: &BuildOptions, c: Checker) -> Result<HttpRequest, Error>;
    fn parse(&self, op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error>;
    fn import_shape(&self) -> Option<ImportShape>;
    fn import_reply(&self, data: &Value) -> ImportReply;
    fn unified(&self) -> Option<&'static Mapping>;
    fn callbacks(&self) -> Option<&'static Callbacks>;
}

impl<T: VendorDef> Api for T {
    fn id(&self) -> &'static str {
        T::ID
    }

    fn default_base_url(&self) -> Option<&'static str> {
        T::BASE_URL
    }

    fn endpoint(&self, op: Operation) -> Option<Endpoint> {
        T::endpoint(op)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn ts_operations(&self) -> &'static [(&'static str, &'static str, &'static str)] {
        T::TS_OPERATIONS
    }

    // Each generic line here is compiled once per vendor into the .wasm: only what needs the
    // vendor's types is here; the rest is in `Vendor`'s methods and `build`, once for all.
    fn check(&self, op: Operation, params: &Json, ctx: Context, c: &mut Checker) {
        T::validate(op, params, ctx, c);
    }

    fn request(&self, vendor: Vendor, op: Operation, endpoint: Endpoint, raw: &Value, creds: &Json, options: &BuildOptions, mut c: Checker) -> Result<HttpRequest, Error> {
        let creds = T::Credentials::read(creds, &["credentials".into()], &mut c);
        let Some(creds) = creds else { return build(vendor, op, endpoint, raw, options, c, None) };
        let signer = Signer { complete: &|fields| T::complete(op, fields, &creds), sign: &|req, now| T::sign(req, &creds, now) };
        build(vendor, op, endpoint, raw, options, c, Some(signer))
    }

    fn parse(&self, op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        T::parse(op, status, body, locale)
    }

    fn import_shape(&self) -> Option<ImportShape> {
        T::import_shape()
    }

    fn import_reply(&self, data: &Value) -> ImportReply {
        T::import_reply(data)
    }

    fn unified(&self) -> Option<&'static Mapping> {
        T::unified()
    }

    fn callbacks(&self) -> Option<&'static Callbacks> {
        T::CALLBACKS
    }
}

/// The endpoint, with the params' issues (unless validated already) in `c`.
fn checked(vendor: Vendor, op: Operation, params: Option<&Json>, options: &BuildOptions, c: &mut Checker) -> Result<Endpoint, Error> {
    let endpoint = vendor.endpoint(op).ok_or_else(|| vendor.unsupported(op))?;
    if let Some(params) = params {
        let meta = options.meta.as_ref().map(Json::from_value);
        vendor.check(op, &endpoint, params, Context { meta: meta.as_ref() }, c);
    }
    Ok(endpoint)
}

/// A vendor's two steps that need its typed credentials, erased for `build`.
struct Signer<'a> {
    complete: &'a dyn Fn(&mut Map<String, Value>),
    sign: &'a dyn Fn(&mut HttpRequest, i64),
}

/// The request once the caller's base URL and headers are checked too, or every issue when any
/// is an error. `signer` is None when the credentials could not be read (their issues are in `c`).
fn build(vendor: Vendor, op: Operation, endpoint: Endpoint, raw: &Value, options: &BuildOptions, mut c: Checker, signer: Option<Signer>) -> Result<HttpRequest, Error> {
    let base = http::check_base_url(options.base_url.as_deref(), vendor.default_base_url(), &mut c);
    http::check_headers(&options.headers, &mut c);
    let issues = options.severity.apply(c.into_issues(), options.locale);
    let (Some(base), Some(signer)) = (base, signer) else {
        return Err(Error::ValidationError { vendor, operation: op, issues });
    };
    if issues.iter().any(Issue::is_error) {
        return Err(Error::ValidationError { vendor, operation: op, issues });
    }
    let mut fields = raw.as_object().cloned().unwrap_or_default();
    (signer.complete)(&mut fields);
    let mut req = http::request(&endpoint, &base, fields);
    // A bare list that the vendor's rules accepted (Tanyi's getJobStatsInfoList example) is the
    // body as it is.
    if raw.is_array() && req.body.is_some() {
        req.body = Some(crate::json::to_text(raw));
    }
    (signer.sign)(&mut req, clock(options.now));
    for (k, v) in &options.headers {
        req.set_header(k, v);
    }
    Ok(req)
}

/// Every `{name}` of the path must be one non-empty path segment other than `.` and `..`:
/// `fetch` resolves dot segments, so `deleteTask({task_id: ".."})` would call another endpoint.
/// (Other characters are percent-encoded when the request is built.)
fn path_params(endpoint: &Endpoint, params: &Json, c: &mut Checker) {
    let Some(key) = endpoint.path_param() else { return };
    match params.get(key) {
        Some(Json::String(s)) if s.as_ref() == "." || s.as_ref() == ".." => {
            c.error(IssueCode::InvalidFormat, vec![key.into()], params! {"format": "path_segment"});
        }
        None | Some(Json::String(_) | Json::Number(_)) => {}
        Some(_) => c.error(IssueCode::InvalidType, vec![key.into()], params! {"expected": "string"}),
    }
}

/// The clock in epoch milliseconds, clamped so that odd values (NaN, negative, huge) cannot
/// overflow anything.
fn clock(now: f64) -> i64 {
    if now.is_finite() {
        now.clamp(0.0, 253_402_300_799_000.0) as i64
    } else {
        0
    }
}

/// One vendor: a handle on its registered implementation (`src/vendors/mod.rs`). Compares,
/// prints and serializes as its id.
#[derive(Clone, Copy)]
pub struct Vendor(pub &'static dyn Api);

impl Vendor {
    pub fn as_str(self) -> &'static str {
        self.0.id()
    }

    pub fn default_base_url(self) -> Option<&'static str> {
        self.0.default_base_url()
    }

    pub fn endpoint(self, op: Operation) -> Option<Endpoint> {
        self.0.endpoint(op)
    }

    /// The operations this vendor supports, in `Operation::ALL` order.
    pub fn operations(self) -> Vec<Operation> {
        Operation::ALL.iter().copied().filter(|op| self.endpoint(*op).is_some()).collect()
    }

    /// The vendor's TypeScript operation map (native only: see `Api::ts_operations`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn ts_operations(self) -> &'static [(&'static str, &'static str, &'static str)] {
        self.0.ts_operations()
    }

    pub fn import_shape(self) -> Option<ImportShape> {
        self.0.import_shape()
    }

    pub fn import_reply(self, data: &Value) -> ImportReply {
        self.0.import_reply(data)
    }

    /// The vendor's unified table (`crate::unified` maps the task spec with it).
    pub fn unified(self) -> Option<&'static Mapping> {
        self.0.unified()
    }

    pub fn callbacks(self) -> Option<&'static Callbacks> {
        self.0.callbacks()
    }

    /// The JSON text of the events of a callback the vendor pushed (README "Callbacks").
    pub fn parse_callback(self, content_type: &str, body: &str) -> Result<String, Error> {
        crate::callback::parse(self, content_type, body)
    }

    pub fn unsupported(self, op: Operation) -> Error {
        Error::UnsupportedOperationError { vendor: self, operation: op.as_str().into() }
    }

    /// Every issue with `params` for `op`, errors and warnings, with messages in the locale.
    pub fn validate(self, op: Operation, params: &Value, options: &ValidateOptions) -> Result<Vec<Issue>, Error> {
        self.validate_tree(op, &Json::from_value(params), options)
    }

    /// `validate` for params given as JSON text (the wasm boundary's form), read into a
    /// borrowed `Json` tree without building a `Value`. The outer `Err` is for text that is not
    /// JSON.
    pub fn validate_json(self, op: Operation, text: &str, options: &ValidateOptions) -> Result<Result<Vec<Issue>, Error>, ParseError> {
        Json::from_str(text).map(|params| self.validate_tree(op, &params, options))
    }

    pub fn validate_tree(self, op: Operation, params: &Json, options: &ValidateOptions) -> Result<Vec<Issue>, Error> {
        let endpoint = self.endpoint(op).ok_or_else(|| self.unsupported(op))?;
        let mut c = Checker::new();
        let meta = options.meta.as_ref().map(Json::from_value);
        self.check(op, &endpoint, params, Context { meta: meta.as_ref() }, &mut c);
        Ok(options.severity.apply(c.into_issues(), options.locale))
    }

    /// The vendor's rules for `op`, then the path's `{name}` params.
    fn check(self, op: Operation, endpoint: &Endpoint, params: &Json, ctx: Context, c: &mut Checker) {
        self.0.check(op, params, ctx, c);
        path_params(endpoint, params, c);
    }

    /// The exact, signed request for `op`. Fails with every issue (params, credentials, base
    /// URL, headers) at once when any has severity `error`; warnings do not stop it.
    pub fn build_request(self, op: Operation, params: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
        self.request(op, Some(&Json::from_value(params)), params, credentials, options)
    }

    /// `build_request` for params validated already, as a whole (an import plan's chunks): only
    /// the credentials, base URL and headers are checked, so a million rows are not checked twice.
    pub fn build_prevalidated_request(self, op: Operation, params: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
        self.request(op, None, params, credentials, options)
    }

    fn request(self, op: Operation, params: Option<&Json>, raw: &Value, credentials: &Value, options: &BuildOptions) -> Result<HttpRequest, Error> {
        let mut c = Checker::new();
        let endpoint = checked(self, op, params, options, &mut c)?;
        self.0.request(self, op, endpoint, raw, &Json::from_value(credentials), options, c)
    }

    /// The envelope's data for a reply to `op`, or the vendor's error.
    pub fn parse_response(self, op: Operation, status: u16, body: &str, locale: Locale) -> Result<Value, Error> {
        if self.endpoint(op).is_none() {
            return Err(self.unsupported(op));
        }
        let data = self.0.parse(op, status, body, locale)?;
        // A success envelope on an error status is not a success: whatever answered may not be
        // the vendor's application (a proxy's error page that happens to be JSON).
        if !(200..300).contains(&status) {
            return Err(Error::response(self, status, "a success envelope with a non-2xx HTTP status"));
        }
        Ok(data)
    }
}

impl PartialEq for Vendor {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Vendor {}

impl std::hash::Hash for Vendor {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::fmt::Debug for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// As its name (a derive would be a match over every name in the .wasm).
impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Vendor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
