//! Tanyi's rules, from [T-page] and README.md. Where the page contradicts itself,
//! the vendor's newer statement wins (README.md, Contradictions).

use crate::json::Json;

use crate::check::{id_text, At, Checker, CustomerRules, Obj, Path, Req};
use crate::issue::{IssueCode, Severity};
use crate::params;
use crate::time::TimeOfDay;
use crate::vendor::Operation;

use super::IMPORT_LIMIT;

/// Dialling hours: 不可以早于9点 / 不可以晚于20点 (the parameter table). An end after 20:00 is
/// a warning: every example and the vendor's demo (`job/modify`) send `"21:00"`, so the rule's
/// enforcement is unverified (README.md, Contradictions 1). A start before 09:00 stays an error.
pub const HOURS: (TimeOfDay, TimeOfDay) = (TimeOfDay::hm(9, 0), TimeOfDay::hm(20, 0));
pub const MODES: &[&str] = &["AUTO", "MANUAL"];
pub const PHONE_TYPES: &[&str] = &["MOBILE", "LANDLINE", "UNFIXED_CALL", "CALL_POLICY_GROUP"];
pub const WECHAT_SEND_METHODS: &[&str] = &["SENDTOALL", "SENDTOONE", "SENDTONONE"];
pub const INTENT_LEVELS: &[&str] = &["A", "B", "C", "D", "E", "F"];
pub const REDIAL_CONDITIONS: &[&str] = &[
    "CALL_LOSS", "NO_ANSWER", "BUSY", "REFUSED", "POWER_OFF", "OUT_OF_SERVICE", "CAN_NOT_CONNECT", "FROM_PHONE_ERROR", "SYSTEM_ERROR",
];
pub const JOB_STATUSES: &[&str] = &[
    "NOT_STARTED", "IN_PROCESS", "COMPLETED", "RUNNABLE", "USER_PAUSE", "SYSTEM_SUSPENDED", "TERMINATE", "IN_QUEUE", "SYSTEM_HANG_UP",
    "WAITING_FOR_REDIAL", "ACCOUNT_DISABLE", "MAINTAIN",
];
pub const RESULT_STATUSES: &[&str] = &[
    "ANSWERED", "NO_ANSWER", "BUSY", "POWER_OFF", "OUT_OF_SERVICE", "REFUSED", "VACANT_NUMBER", "CAN_NOT_CONNECT", "FROM_PHONE_ERROR",
    "SYSTEM_ERROR", "CALL_LOSS", "TRANSFER_ARTIFICIAL",
];
pub const TO_BE_CALLED_STATUSES: &[&str] = &["NOT_STARTED", "IN_PROCESS", "COMPLETED", "RETRY", "AUTO_RETRY", "IN_CACHE"];
pub const BATCH_OPERATIONS: &[&str] = &["PAUSE", "START"];

const JOB_KEYS: &[&str] = &[
    "robotCallJobId", "name", "mode", "startTime", "dailyStartTime", "dailyEndTime", "inactiveTimeList", "dialogFlowId", "csStaffGroupId",
    "alertUsers", "earlyWarningAlertUsers", "phoneType", "robotCount", "smsAlertLevel", "smsTemplateId", "wechatAlertLevel",
    "wechatSendMethod", "description", "tenantId", "wechatAlertLevelCode", "smsAlertLevelCode", "wechatConditionAlertLevelCode",
    "redialCondition", "redialInterval", "redialTimes",
];

pub fn validate(op: Operation, params: &Json, c: &mut Checker) {
    let root: Path = Vec::new();
    // getJobStatsInfoList's example body is a bare list of ids ([T-task]).
    if let (ListTaskStats, Json::Array(items)) = (op, params) {
        return c.ids(items, At::of(&root));
    }
    let Some(o) = c.root(params, &root) else { return };
    use Operation::*;
    match op {
        CreateTask => task(c, &o, false),
        UpdateTask => task(c, &o, true),
        StartTask | PauseTask | StopTask | DeleteTask | GetTask | GetTaskStats | GetTaskVariables => {
            c.id(&o, "robotCallJobId", Req::Required);
            c.unknown_keys(&o, &["robotCallJobId"]);
        }
        SetConcurrency => {
            c.id(&o, "robotCallJobId", Req::Required);
            c.int(&o, "robotCount", Req::Required, Some(1), None);
            c.unknown_keys(&o, &["robotCallJobId", "robotCount"]);
        }
        ImportCustomers => import(c, &o),
        ListTasks => {
            c.str(&o, "name", Req::Optional);
            c.enum_str(&o, "status", Req::Optional, JOB_STATUSES);
            page(c, &o, Some(100));
            c.unknown_keys(&o, &["name", "status", "pageNum", "pageSize"]);
        }
        ListCalls => {
            // The filter list is longer than README.md gives ("…"), so unknown keys pass.
            c.id(&o, "robotCallJobId", Req::Required);
            c.enum_set(&o, "resultStatuses", Req::Optional, RESULT_STATUSES, None);
            c.enum_set(&o, "intentLevels", Req::Optional, INTENT_LEVELS, None);
            c.str(&o, "calledPhoneNumber", Req::Optional);
            page(c, &o, Some(100));
        }
        GetCall => {
            c.id(&o, "callRecordId", Req::Required);
            c.unknown_keys(&o, &["callRecordId"]);
        }
        ListPendingCustomers => {
            c.id(&o, "robotCallJobId", Req::Required);
            c.str(&o, "calledPhoneNumber", Req::Optional);
            c.enum_str(&o, "taskStatus", Req::Optional, TO_BE_CALLED_STATUSES);
            page(c, &o, None);
            c.unknown_keys(&o, &["robotCallJobId", "calledPhoneNumber", "taskStatus", "pageNum", "pageSize"]);
        }
        DeletePendingCustomer => {
            c.id(&o, "robotCallTaskId", Req::Required);
            c.unknown_keys(&o, &["robotCallTaskId"]);
        }
        DeleteCustomers => {
            c.id(&o, "robotCallJobId", Req::Required);
            // A GET: the documented example is the text `3033729,3033719` ([T-rec]); a list is
            // sent that way too.
            c.id_list(&o, "robotCallTaskIds", Req::Optional, None, true);
            c.str(&o, "calledPhoneNumber", Req::Optional);
            c.enum_str(&o, "taskStatus", Req::Optional, TO_BE_CALLED_STATUSES);
            c.unknown_keys(&o, &["robotCallJobId", "robotCallTaskIds", "calledPhoneNumber", "taskStatus"]);
        }
        GetScriptInfo => {
            c.id(&o, "dialogFlowId", Req::Required);
            c.unknown_keys(&o, &["dialogFlowId"]);
        }
        // executeJobs: `{operation, executable[]}`, the tasks as checkAll's reply lists them
        // (their members all 否, sent back as given) [T-task].
        BatchTaskAction => {
            c.enum_str(&o, "operation", Req::Required, BATCH_OPERATIONS);
            c.array(&o, "executable", Req::Required, Some(1), None);
            c.unknown_keys(&o, &["operation", "executable"]);
        }
        // checkAll [T-task]: `statusSet` is typed String with a list as its example.
        CheckAllTasks => {
            c.enum_str(&o, "operation", Req::Required, BATCH_OPERATIONS);
            c.id_list(&o, "robotCallJobIdSet", Req::Required, Some(1), false);
            c.enum_set(&o, "statusSet", Req::Optional, JOB_STATUSES, None);
            c.str(&o, "name", Req::Optional);
            c.date(&o, "beginCreateDate", Req::Optional);
            c.date(&o, "endCreateDate", Req::Optional);
            c.unknown_keys(&o, &["operation", "robotCallJobIdSet", "statusSet", "name", "beginCreateDate", "endCreateDate"]);
        }
        // getJobStatsInfoList as an object: its table names the list `robotCallJobId`.
        ListTaskStats => {
            c.id_list(&o, "robotCallJobId", Req::Required, Some(1), false);
            c.unknown_keys(&o, &["robotCallJobId"]);
        }
        GetAccount | ListCallerLines | ListScripts | ListPolicyGroups | ListPolicyGroupNames => c.unknown_keys(&o, &[]),
        // requeueCustomers: documented only by name in README.md ("see [T-task]"): the params
        // pass as sent.
        _ => {}
    }
}

fn page(c: &mut Checker, o: &Obj, max: Option<i64>) {
    c.int(o, "pageNum", Req::Optional, Some(1), None);
    c.int(o, "pageSize", Req::Optional, Some(1), max);
}

/// job/create (and job/modify, which also needs `robotCallJob.robotCallJobId`).
fn task(c: &mut Checker, o: &Obj, update: bool) {
    c.unknown_keys(o, &["concurrencyQuota", "jobPhoneNumberIdList", "transferPhoneNumber", "robotCallJob"]);
    let phone_ids = c.array(o, "jobPhoneNumberIdList", Req::Required, Some(1), None);
    if let Some(items) = phone_ids {
        c.ids(items, o.at("jobPhoneNumberIdList"));
    }
    if let Some(items) = c.array(o, "transferPhoneNumber", Req::Optional, None, None) {
        for (i, v) in items.iter().enumerate() {
            if !v.is_string() {
                c.error(IssueCode::InvalidType, o.at("transferPhoneNumber").index(i).path(), params! {"expected": "string"});
            }
        }
    }
    let Some(job_map) = c.object(o, "robotCallJob", Req::Required) else {
        c.int(o, "concurrencyQuota", Req::Optional, Some(1), None);
        return;
    };
    let job_path = o.path_of("robotCallJob");
    let job = Obj { map: job_map, path: &job_path };
    c.unknown_keys(&job, JOB_KEYS);
    if update {
        c.id(&job, "robotCallJobId", Req::Required);
    }
    c.str(&job, "name", Req::Required);
    let mode = c.enum_str(&job, "mode", Req::Required, MODES);
    let start_req = if mode == Some("AUTO") { Req::RequiredWhen("mode=AUTO") } else { Req::Optional };
    // The table shows "2017-11-21", the example "2017-11-21 04:32:00": both are accepted.
    c.date_or_datetime(&job, "startTime", start_req);
    let daily = c.daily_window(&job, ("dailyStartTime", "dailyEndTime"), Req::Required, Some(HOURS), (Severity::Error, Severity::Warning));
    c.break_windows(&job, "inactiveTimeList", Some(3), ("startTime", "endTime"), daily);
    c.id(&job, "dialogFlowId", Req::Required);
    c.id(&job, "csStaffGroupId", Req::Optional);
    let phone_type = c.enum_str(&job, "phoneType", Req::Required, PHONE_TYPES);
    // A policy group goes in as exactly one id ([T-task] "size只能为1"). Several landline or
    // 无主叫 lines are allowed: the page's 更新说明 and example are newer than the table's
    // "size只能是1" (README.md, Contradictions).
    if phone_type == Some("CALL_POLICY_GROUP") && phone_ids.is_some_and(|l| l.len() > 1) {
        c.error(IssueCode::TooBig, o.path_of("jobPhoneNumberIdList"), params! {"maximum": 1, "type": "array"});
    }
    // 并发数（线路类型为手机号的时候可不传）.
    let quota_req = if phone_type.is_some_and(|t| t != "MOBILE") { Req::RequiredWhen("phoneType!=MOBILE") } else { Req::Optional };
    c.int(o, "concurrencyQuota", quota_req, Some(1), None);
    // Required per the current vendor doc (README.md), though the given table omits it.
    c.int(&job, "robotCount", Req::Required, Some(1), None);
    for key in ["alertUsers", "earlyWarningAlertUsers"] {
        c.id_list(&job, key, Req::Optional, None, false);
    }
    c.enum_set(&job, "smsAlertLevel", Req::Optional, INTENT_LEVELS, None);
    c.enum_set(&job, "wechatAlertLevel", Req::Optional, INTENT_LEVELS, None);
    // Typed "Integer" with `[0, 1]` examples; the vendor's demo sends `{"0","1"}` ([T-demo]):
    // whole numbers ≥ 0, as numbers or digit strings, sent as given.
    for key in ["wechatAlertLevelCode", "smsAlertLevelCode", "wechatConditionAlertLevelCode"] {
        if let Some(items) = c.array(&job, key, Req::Optional, None, None) {
            for (i, v) in items.iter().enumerate() {
                if v.as_str().and_then(id_text).is_none() {
                    c.int_value(v, job.at(key).index(i), Some(0), None);
                }
            }
        }
    }
    c.id(&job, "smsTemplateId", Req::Optional);
    c.id(&job, "tenantId", Req::Optional);
    c.enum_str(&job, "wechatSendMethod", Req::Optional, WECHAT_SEND_METHODS);
    c.str(&job, "description", Req::Optional);
    redial(c, &job);
}

/// Auto-redial (README.md, added 2019-05-28): choosing it means giving all three fields.
fn redial(c: &mut Checker, job: &Obj) {
    let keys = ["redialCondition", "redialInterval", "redialTimes"];
    let on = keys.iter().any(|k| job.get(k).is_some());
    let req = if on { Req::RequiredWhen("redialCondition|redialInterval|redialTimes") } else { Req::Optional };
    c.enum_set(job, "redialCondition", req, REDIAL_CONDITIONS, on.then_some(1));
    c.int(job, "redialInterval", req, Some(6), Some(1440));
    c.int(job, "redialTimes", req, Some(1), Some(10));
}

fn import(c: &mut Checker, o: &Obj) {
    c.unknown_keys(o, &["robotCallJobId", "customerPersons"]);
    c.id(o, "robotCallJobId", Req::Required);
    let rules = CustomerRules { phone_key: "phoneNumber", max: Some(IMPORT_LIMIT), phone_max: None, any_phone: false, duplicates: Severity::Error };
    c.customers(o, "customerPersons", &rules, |c, row| {
        c.unknown_keys(row, &["name", "phoneNumber", "properties"]);
        // Optional in the current vendor doc, required on the given page: newer wins.
        c.str(row, "name", Req::Optional);
        c.properties(row, "properties", true);
    });
}
