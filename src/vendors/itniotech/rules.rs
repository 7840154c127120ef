//! Itniotech's rules, from [I-edit] and README.md. The page's 是否必填
//! column is empty (README.md, Contradictions), so "required" follows README.md's reading of
//! the English page.

use crate::json::Json;

use crate::check::{item_path, set_index, Checker, CustomerRules, Obj, Path, Req};
use crate::issue::{IssueCode, PathSeg, Severity};
use crate::params;
use crate::time::TimeOfDay;
use crate::vendor::Operation;

use super::{IMPORT_LIMIT, PHONE_MAX};

/// 可拨打开始时间 默认不可以早于9点 / 结束时间 默认不可以晚于20点; the vendor answers −48
/// (创建任务每日拨号时间段需在9:00-20:00之间), so this is an error.
pub const HOURS: (TimeOfDay, TimeOfDay) = (TimeOfDay::hm(9, 0), TimeOfDay::hm(20, 0));
pub const MODES: &[&str] = &["MANUAL", "AUTO"];
/// The page shows only `["MONDAY","TUESDAY"]` (full set UNVERIFIED, README.md, "Enums"):
/// CHOICE: the seven English weekday names, the obvious reading of Java's `DayOfWeek`.
pub const WEEKDAYS: &[&str] = &["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
/// The ten names of the page's `redialCondition` row.
pub const REDIAL_CONDITIONS: &[&str] = &[
    "CALL_LOSS", "NO_ANSWER", "BUSY", "REFUSED", "POWER_OFF", "OUT_OF_SERVICE", "CAN_NOT_CONNECT", "FROM_PHONE_ERROR", "SYSTEM_ERROR",
    "VACANT_NUMBER",
];
pub const GENDERS: &[&str] = &["MALE", "FEMALE"];
/// taskNoCall's `taskStatus` (README.md, "Enums").
pub const NO_CALL_STATUSES: &[&str] = &["CAN_NOT_START", "CAN_START", "IN_PROCESS"];
/// Page size of the paged queries (README.md: `size` 1–100).
pub const PAGE_MAX: i64 = 100;

/// taskEdit's keys: taskAdd's and, last, `jobId`.
const TASK_KEYS: &[&str] = &[
    "appId", "name", "dialogFlowId", "mode", "startDateTime", "endDateTime", "dailyStartDateTime", "dailyEndDateTime", "robotCount",
    "jobPhoneNumberId", "inactiveTimeList", "inactiveDateList", "daysOfWeek", "redial", "redialCondition", "redialInterval", "redialTimes",
    "jobId",
];

pub fn validate(op: Operation, params: &Json, c: &mut Checker) {
    let root: Path = Vec::new();
    let Some(o) = c.root(params, &root) else { return };
    let inner_path = o.path_of("params");
    use Operation::*;
    match op {
        ListScripts | ListCallerLines => {
            app_id(c, &o);
            c.unknown_keys(&o, &["appId"]);
        }
        CreateTask => task(c, &o, false),
        UpdateTask => task(c, &o, true),
        // `{appId, jobId}` ([I-dto] TaskBaseDTO). `properties` is named by the SDK only: its
        // reply is UNVERIFIED, its body is TaskBaseDTO like the others.
        StartTask | PauseTask | DeleteTask | GetTaskVariables => {
            app_id(c, &o);
            c.id(&o, "jobId", Req::Required);
            c.unknown_keys(&o, &["appId", "jobId"]);
        }
        ImportCustomers => import(c, &o),
        DeleteCustomers => delete_customers(c, &o),
        ListTasks => {
            // `params` may be left out: build adds `{appId}` from the credentials.
            if let Some(inner) = page(c, &o, Req::Optional, &inner_path) {
                c.str(&inner, "name", Req::Optional);
                c.unknown_keys(&inner, &["appId", "name"]);
            }
        }
        ListPendingCustomers => {
            if let Some(inner) = page(c, &o, Req::Required, &inner_path) {
                // CHOICE: `jobId` is optional on the English page, required on the Chinese one
                // (README.md): required, since a pending list without a task is meaningless.
                c.id(&inner, "jobId", Req::Required);
                c.enum_str(&inner, "taskStatus", Req::Optional, NO_CALL_STATUSES);
                c.unknown_keys(&inner, &["appId", "jobId", "taskStatus"]);
            }
        }
        ListCalls => {
            if let Some(inner) = page(c, &o, Req::Required, &inner_path) {
                let start = c.datetime(&inner, "startTime", Req::Required);
                let end = c.datetime(&inner, "endTime", Req::Required);
                if let (Some(s), Some(e)) = (start, end) {
                    if s > e {
                        c.error(IssueCode::RangeInverted, inner.path_of("endTime"), params! {"start": "startTime", "end": "endTime"});
                    }
                }
                c.unknown_keys(&inner, &["appId", "startTime", "endTime"]);
            }
        }
        _ => {}
    }
}

/// An `appId` in the params overrides the credentials' one; it must not be blank.
fn app_id(c: &mut Checker, o: &Obj) {
    if c.str(o, "appId", Req::Optional).is_some_and(|s| s.trim().is_empty()) {
        c.error(IssueCode::TooSmall, o.path_of("appId"), params! {"minimum": 1, "type": "string"});
    }
}

/// `{current, size, params{appId, …}}` ([I-dto] TaskQueryDTO). Returns the inner `params`.
/// CHOICE: `current` and `size` are required (the pages list them without defaults).
/// `path` is where `params` sits (`o.path_of("params")`, owned by the caller).
fn page<'v>(c: &mut Checker, o: &Obj<'v>, params_req: Req, path: &'v [PathSeg]) -> Option<Obj<'v>> {
    c.int(o, "current", Req::Required, Some(1), None);
    c.int(o, "size", Req::Required, Some(1), Some(PAGE_MAX));
    c.unknown_keys(o, &["current", "size", "params"]);
    let map = c.object(o, "params", params_req)?;
    let inner = Obj { map, path };
    app_id(c, &inner);
    Some(inner)
}

/// taskAdd (`update` false) and taskEdit (`update` true: also `jobId`).
fn task(c: &mut Checker, o: &Obj, update: bool) {
    c.unknown_keys(o, if update { TASK_KEYS } else { &TASK_KEYS[..TASK_KEYS.len() - 1] });
    app_id(c, o);
    if update {
        c.id(o, "jobId", Req::Required);
    }
    c.str(o, "name", Req::Required);
    c.id(o, "dialogFlowId", Req::Required);
    let mode = c.enum_str(o, "mode", Req::Required, MODES);
    // CHOICE (README.md, Contradictions): the `mode` row says to set `startTime`, but the field
    // is `startDateTime` (its own row, the example, the SDK). The vendor answers −28 without it.
    let start_req = if mode == Some("AUTO") { Req::RequiredWhen("mode=AUTO") } else { Req::Optional };
    let start = c.datetime(o, "startDateTime", start_req);
    let end = c.datetime(o, "endDateTime", Req::Optional);
    if let (Some(s), Some(e)) = (start, end) {
        if s >= e {
            c.error(IssueCode::RangeInverted, o.path_of("endDateTime"), params! {"start": "startDateTime", "end": "endDateTime"});
        }
    }
    let daily = c.daily_window(o, ("dailyStartDateTime", "dailyEndDateTime"), Req::Required, Some(HOURS), (Severity::Error, Severity::Error));
    // 最多可以设置三个 (Chinese page; the English page omits the limit: README.md, Contradictions).
    c.break_windows(o, "inactiveTimeList", Some(3), ("startTime", "endTime"), daily);
    c.date_ranges(o, "inactiveDateList", Some(3), ("startDate", "endDate"));
    c.enum_set(o, "daysOfWeek", Req::Optional, WEEKDAYS, None);
    c.int(o, "robotCount", Req::Required, Some(1), None);
    c.id(o, "jobPhoneNumberId", Req::Required);
    let redial = c.bool(o, "redial", Req::Required);
    // Redialling on means all three rules (−29/−30/−31 otherwise); off, they are checked only
    // if given. CHOICE: the interval's minimum is 1 minute (the page gives only 最大值为1440).
    let req = if redial == Some(true) { Req::RequiredWhen("redial=true") } else { Req::Optional };
    c.enum_set(o, "redialCondition", req, REDIAL_CONDITIONS, (redial == Some(true)).then_some(1));
    c.int(o, "redialInterval", req, Some(1), Some(1440));
    c.int(o, "redialTimes", req, Some(1), Some(3));
}

/// importCustomer: ≤100 persons, `phoneNumber` ≤32 chars and possibly an encrypted id (so no
/// digit rule), `gender` MALE, FEMALE or null, never "" (README.md).
fn import(c: &mut Checker, o: &Obj) {
    c.unknown_keys(o, &["appId", "jobId", "callRecordDup", "customerPersons"]);
    app_id(c, o);
    c.id(o, "jobId", Req::Required);
    c.bool(o, "callRecordDup", Req::Optional);
    c.customers(o, "customerPersons", &phone_rules(Some(IMPORT_LIMIT)), |c, row| {
        c.unknown_keys(row, &["name", "phoneNumber", "gender", "properties"]);
        c.str(row, "name", Req::Optional);
        // `null` is absent to the checker; "" reaches the enum check and fails it.
        c.enum_str(row, "gender", Req::Optional, GENDERS);
        // The SDK types `properties` as a raw Map: numbers and booleans pass, not objects.
        c.properties(row, "properties", false);
    });
}

fn phone_rules(max: Option<usize>) -> CustomerRules {
    CustomerRules { phone_key: "phoneNumber", max, phone_max: Some(PHONE_MAX), any_phone: true, duplicates: Severity::Error }
}

/// importCustomer/del: `{appId, jobId, name?, jobPhoneNumberList[{phoneNumber, name?}]}`.
/// No documented list limit; a number listed twice is harmless, so no duplicate rule.
fn delete_customers(c: &mut Checker, o: &Obj) {
    c.unknown_keys(o, &["appId", "jobId", "name", "jobPhoneNumberList"]);
    app_id(c, o);
    c.id(o, "jobId", Req::Required);
    c.str(o, "name", Req::Optional);
    let Some(items) = c.array(o, "jobPhoneNumberList", Req::Required, Some(1), None) else { return };
    let mut path = item_path(o, "jobPhoneNumberList");
    let rules = phone_rules(None);
    for (i, item) in items.iter().enumerate() {
        set_index(&mut path, i);
        let Some(row) = c.root(item, &path) else { continue };
        c.phone(&row, "phoneNumber", &rules);
        c.str(&row, "name", Req::Optional);
        c.unknown_keys(&row, &["phoneNumber", "name"]);
    }
}
