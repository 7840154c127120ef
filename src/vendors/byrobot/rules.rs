//! BYRobot's rules, from [B-page], [B-ex] and README.md.
//! Where the given pages and the vendor's current doc differ, the current doc (README.md,
//! "createTask, current doc against the given page") wins.

use crate::json::Json;

use crate::check::{item_path, set_index, Checker, CustomerRules, Obj, Path, Req};
use crate::issue::{IssueCode, Severity};
use crate::params;
use crate::time::TimeOfDay;
use crate::vendor::Operation;

use super::IMPORT_LIMIT;

/// "电话任务外呼时间范围 9：00-20：00" [B-task]. Enforcement is UNVERIFIED and the page's own
/// example dials 08:00–22:00, so leaving it is a warning.
pub const HOURS: (TimeOfDay, TimeOfDay) = (TimeOfDay::hm(9, 0), TimeOfDay::hm(20, 0));
/// `taskType`: 1 定时, 2 手动.
pub const TASK_TYPES: &[i64] = &[1, 2];
/// `callType`/`phoneType`: 0 手机号 (SIM), 1 固话, 2 无主叫.
pub const CALL_TYPES: &[i64] = &[0, 1, 2];
/// Task status 0 未开始 … 10 短信欠费 (README.md Enums).
pub const TASK_STATUSES: &[i64] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/// `finishStatus` per README.md, which supersedes both lists on the examples page
/// (README.md, Contradictions).
pub const FINISH_STATUSES: &[i64] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 22];
/// Redial `phoneStatus`: 2 无法接通, 3 外呼失败, 5 关机, 6 占线, 7 停机, 9 主叫欠费, 10 呼损.
pub const REDIAL_STATUSES: &[i64] = &[2, 3, 5, 6, 7, 9, 10];
/// `smsSendLevel`'s fixed values (固定值), as [B-task] lists them; README.md quotes the
/// first and last.
pub const SMS_SEND_LEVELS: &[&str] = &["A级(有明确意向)", "B级(可能有意向)", "C级(明确拒绝)", "D级(用户忙)", "E级(拨打失败)", "F级(无效客户)"];
/// company/getRobots `robotStatus`: 0 all (default), 1 online, 2 published.
pub const ROBOT_STATUSES: &[i64] = &[0, 1, 2];
/// sms/template/list `status`: 1 审核中, 2 审核通过, 3 审核未通过 [B-co].
pub const SMS_TEMPLATE_STATUSES: &[i64] = &[1, 2, 3];
/// callBack/queryUnCallBack `dataType`: 0 outbound, 1 inbound.
pub const CALLBACK_DATA_TYPES: &[i64] = &[0, 1];

/// createTask's fields: the given page's and the current doc's (README.md). `sceneDefId`
/// and `sceneRecordId` left the current table but may still be accepted, so they are known.
const CREATE_KEYS: &[&str] = &[
    "companyId", "taskName", "taskType", "startDate", "workingStartTime", "workingEndTime", "breakStartTime", "breakEndTime",
    "userPhoneIds", "robotDefId", "sceneDefId", "sceneRecordId", "callType", "concurrencyQuota", "smsType", "smsSendLevel",
    "smsTemplateId", "phoneNum", "remark", "repeatCall", "repeatCallRule", "defaultIntentionRule", "openElasticity",
];
/// task/update adds these to createTask's.
const UPDATE_EXTRA_KEYS: &[&str] = &["taskId", "concurrencyPhone", "breakStartClose"];

pub fn validate(op: Operation, params: &Json, c: &mut Checker) {
    let root: Path = Vec::new();
    let Some(o) = c.root(params, &root) else { return };
    use Operation::*;
    match op {
        CreateTask => task(c, &o, false),
        UpdateTask => task(c, &o, true),
        // task/delete types `taskId` as String ("13487"); `id` takes both forms.
        StartTask | PauseTask | StopTask | DeleteTask => {
            c.id(&o, "taskId", Req::Required);
            c.unknown_keys(&o, &["taskId"]);
        }
        ImportCustomers => import(c, &o),
        ListTasks => {
            c.id(&o, "companyId", Req::Required);
            c.str(&o, "taskName", Req::Optional);
            c.date(&o, "createDate", Req::Optional);
            c.enum_int(&o, "status", Req::Optional, TASK_STATUSES);
            c.bool(&o, "needAll", Req::Optional);
            page(c, &o, 100);
            c.unknown_keys(&o, &["companyId", "taskName", "createDate", "status", "needAll", "pageNum", "pageSize"]);
        }
        GetTask => {
            c.id(&o, "companyId", Req::Required);
            c.id(&o, "taskId", Req::Required);
            c.unknown_keys(&o, &["companyId", "taskId"]);
        }
        GetCall => {
            c.id(&o, "callInstanceId", Req::Required);
            c.unknown_keys(&o, &["callInstanceId"]);
        }
        ListCalls => list_calls(c, &o),
        ListPendingCustomers => {
            c.id(&o, "taskId", Req::Required);
            // 每页不能超过50条 [B-obt].
            page(c, &o, 50);
            c.unknown_keys(&o, &["taskId", "pageNum", "pageSize"]);
        }
        GetTaskVariables => {
            c.id(&o, "companyId", Req::Required);
            c.id(&o, "sceneDefId", Req::Required);
            c.unknown_keys(&o, &["companyId", "sceneDefId"]);
        }
        ListCompanies => c.unknown_keys(&o, &[]),
        ListCallerLines | GetSeatStats => {
            c.id(&o, "companyId", Req::Required);
            c.unknown_keys(&o, &["companyId"]);
        }
        ListRobots => {
            c.id(&o, "companyId", Req::Required);
            c.enum_int(&o, "robotStatus", Req::Optional, ROBOT_STATUSES);
            c.unknown_keys(&o, &["companyId", "robotStatus"]);
        }
        ListSmsTemplates => {
            // README.md names the four params; [B-co]'s table marks all but `status` 是.
            c.id(&o, "companyId", Req::Required);
            c.enum_int(&o, "status", Req::Optional, SMS_TEMPLATE_STATUSES);
            c.int(&o, "pageNum", Req::Required, Some(1), None);
            c.int(&o, "pageSize", Req::Required, Some(1), None);
            c.unknown_keys(&o, &["companyId", "status", "pageNum", "pageSize"]);
        }
        ListFailedCallbacks => {
            c.id(&o, "companyId", Req::Required);
            c.id(&o, "callJobId", Req::Optional);
            c.enum_int(&o, "dataType", Req::Required, CALLBACK_DATA_TYPES);
            let start = c.date(&o, "startDate", Req::Required);
            let end = c.date(&o, "endDate", Req::Required);
            if let (Some(s), Some(e)) = (start, end) {
                if s > e {
                    c.error(IssueCode::RangeInverted, o.path_of("endDate"), params! {"start": "startDate", "end": "endDate"});
                }
            }
            page(c, &o, 500);
            c.unknown_keys(&o, &["companyId", "callJobId", "dataType", "startDate", "endDate", "pageNum", "pageSize"]);
        }
        // The blacklist endpoints: README.md names them but documents no params ("see
        // [B-co]"), so the params pass through as given (object check only).
        AddBlacklist | AddBlacklistBatch | ListBlacklist | DeleteBlacklistEntries | ListBlacklistGroups | CreateBlacklistGroup
        | UpdateBlacklistGroup | DeleteBlacklistGroup => {}
        // Unsupported operations never get here (the dispatcher checks `endpoint` first).
        _ => {}
    }
}

fn page(c: &mut Checker, o: &Obj, max: i64) {
    c.int(o, "pageNum", Req::Optional, Some(1), None);
    c.int(o, "pageSize", Req::Optional, Some(1), Some(max));
}

/// task/createTask and task/update.
fn task(c: &mut Checker, o: &Obj, update: bool) {
    let known: Vec<&str> = CREATE_KEYS.iter().chain(if update { UPDATE_EXTRA_KEYS } else { &[] }).copied().collect();
    c.unknown_keys(o, &known);

    c.id(o, "companyId", Req::Required);
    if update {
        c.id(o, "taskId", Req::Required);
    }
    c.str(o, "taskName", Req::Required);
    let task_type = c.enum_int(o, "taskType", Req::Required, TASK_TYPES);
    // "startDate 否 任务开始日期（定时任务必填）" [B-task]: the given page's 是 is older
    // (README.md, Contradictions). Update lists it as optional, so there it is only a date.
    let start_req = if task_type == Some(1) && !update { Req::RequiredWhen("taskType=1") } else { Req::Optional };
    c.date(o, "startDate", start_req);

    let working = c.daily_window(o, ("workingStartTime", "workingEndTime"), Req::Optional, Some(HOURS), (Severity::Warning, Severity::Warning));
    break_window(c, o, working);

    // createTask: a List ([B-task], the demo's `List<Integer>`). task/update: the doc types it
    // int with the example `1` and says several ids are separated by `,`; the vendor's demo
    // sends the string `"255"` (its VO's `String userPhoneIds`) [B-demo]. So there one id, ids
    // joined by `,`, or a list (sent joined, `super::complete`).
    c.id_list(o, "userPhoneIds", Req::Required, Some(1), update);
    // Required on create (current doc); optional extra on update (README.md).
    c.id(o, "robotDefId", if update { Req::Optional } else { Req::Required });
    c.id(o, "sceneDefId", Req::Optional);
    c.id(o, "sceneRecordId", Req::Optional);
    // CHOICE: required, as the current doc says (README.md); the given page's 否 (default
    // 0, SIM) is older, so the examples page's create body, which omits it, fails here.
    c.enum_int(o, "callType", Req::Required, CALL_TYPES);
    let quota = c.int(o, "concurrencyQuota", if update { Req::Required } else { Req::Optional }, Some(1), None);
    c.enum_int(o, "smsType", Req::Optional, &[0, 1]);
    if let Some(levels) = c.array(o, "smsSendLevel", Req::Optional, None, None) {
        for (i, v) in levels.iter().enumerate() {
            let at = o.at("smsSendLevel").index(i);
            match v.as_str() {
                Some(s) => {
                    c.enum_value(s, at, SMS_SEND_LEVELS);
                }
                None => c.error(IssueCode::InvalidType, at.path(), params! {"expected": "string"}),
            }
        }
    }
    c.id(o, "smsTemplateId", Req::Optional);
    c.int(o, "phoneNum", Req::Optional, Some(1), None);
    c.str(o, "remark", Req::Optional);
    c.bool(o, "defaultIntentionRule", Req::Optional);
    c.bool(o, "openElasticity", Req::Optional);
    repeat_call(c, o);

    if update {
        // 多并发数: 专业版及以上, 最大100, 并发数不能超过坐席的2倍 [B-task].
        if let Some(phones) = c.int(o, "concurrencyPhone", Req::Optional, Some(1), Some(100)) {
            if let Some(q) = quota.filter(|q| phones > q.saturating_mul(2)) {
                c.error(IssueCode::TooBig, o.path_of("concurrencyPhone"), params! {"maximum": q.saturating_mul(2), "type": "number"});
            }
        }
        c.bool(o, "breakStartClose", Req::Optional);
    }
}

/// The no-dial window: both ends or neither, start before end (errors), inside the working
/// window when one is given (a warning: no vendor documents that rule).
fn break_window(c: &mut Checker, o: &Obj, working: Option<(TimeOfDay, TimeOfDay)>) {
    let keys = ("breakStartTime", "breakEndTime");
    let any = o.get(keys.0).is_some() || o.get(keys.1).is_some();
    let req = if any { Req::RequiredWhen("breakStartTime|breakEndTime") } else { Req::Optional };
    let Some((bs, be)) = c.daily_window(o, keys, req, None, (Severity::Error, Severity::Error)) else { return };
    let Some((ws, we)) = working else { return };
    for (key, t) in [(keys.0, bs), (keys.1, be)] {
        if t < ws || t > we {
            c.warning(IssueCode::OutsideDailyWindow, o.path_of(key), params! {"start": ws.to_string(), "end": we.to_string()});
        }
    }
}

/// Redial: `repeatCallRule` is needed (non-empty) once `repeatCall` is true.
fn repeat_call(c: &mut Checker, o: &Obj) {
    let on = c.bool(o, "repeatCall", Req::Optional) == Some(true);
    let req = if on { Req::RequiredWhen("repeatCall=true") } else { Req::Optional };
    let Some(rules) = c.array(o, "repeatCallRule", req, on.then_some(1), None) else { return };
    let mut path = item_path(o, "repeatCallRule");
    for (i, item) in rules.iter().enumerate() {
        set_index(&mut path, i);
        let Some(r) = c.root(item, &path) else { continue };
        c.enum_int(&r, "phoneStatus", Req::Required, REDIAL_STATUSES);
        c.int(&r, "times", Req::Required, Some(1), Some(5));
        c.int(&r, "interval", Req::Required, Some(0), Some(120));
        c.unknown_keys(&r, &["phoneStatus", "times", "interval"]);
    }
}

/// v2/task/importTaskCustomer: ≤10 000 rows. A phone twice in one batch is a warning on the
/// later row: the vendor drops it itself (同一个任务，电话号码不能重复，重复号码自动去重, and its own
/// v2 example sends `18311110000` twice) [B-task].
fn import(c: &mut Checker, o: &Obj) {
    c.unknown_keys(o, &["companyId", "taskId", "customerInfoList"]);
    c.id(o, "companyId", Req::Required);
    c.id(o, "taskId", Req::Required);
    let rules = CustomerRules { phone_key: "phone", max: Some(IMPORT_LIMIT), phone_max: None, any_phone: false, duplicates: Severity::Warning };
    c.customers(o, "customerInfoList", &rules, |c, row| {
        c.unknown_keys(row, &["name", "phone", "properties"]);
        // CHOICE: optional. The tables mark `name` 是, but nothing says the server rejects a
        // nameless row and both default script variables are filled from the row anyway.
        c.str(row, "name", Req::Optional);
        // `Map<String,String>` [B-task].
        c.properties(row, "properties", true);
    });
}

/// task/queryDoneTaskPhones.
fn list_calls(c: &mut Checker, o: &Obj) {
    c.unknown_keys(o, &[
        "callJobId", "durationLeft", "durationRight", "chatRoundLeft", "chatRoundRight", "finishStatus", "resultQueryList", "pageNum", "pageSize",
    ]);
    c.id(o, "callJobId", Req::Required);
    for (l, r) in [("durationLeft", "durationRight"), ("chatRoundLeft", "chatRoundRight")] {
        let left = c.int(o, l, Req::Optional, Some(0), None);
        let right = c.int(o, r, Req::Optional, Some(0), None);
        if let (Some(left), Some(right)) = (left, right) {
            if left > right {
                c.error(IssueCode::RangeInverted, o.path_of(r), params! {"start": l, "end": r});
            }
        }
    }
    c.enum_int(o, "finishStatus", Req::Optional, FINISH_STATUSES);
    if let Some(items) = c.array(o, "resultQueryList", Req::Optional, None, None) {
        let mut path = item_path(o, "resultQueryList");
        for (i, item) in items.iter().enumerate() {
            set_index(&mut path, i);
            let Some(q) = c.root(item, &path) else { continue };
            c.str(&q, "name", Req::Required);
            c.str(&q, "value", Req::Required);
            c.unknown_keys(&q, &["name", "value"]);
        }
    }
    // 取值1-50 [B-obt].
    page(c, o, 50);
}
