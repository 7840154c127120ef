//! Tanyi: golden requests, rules, codes, signatures. Sources: src/vendors/tanyi/README.md [T-page], src/vendors/tanyi/README.md.

mod common;

use common::*;
use serde_json::{json, Value};
use waihu::issue::{IssueCode::*, Severity::*};
use waihu::vendors::tanyi;
use waihu::{Error, Vendor};

const V: Vendor = tanyi::VENDOR;
/// src/vendors/tanyi/README.md's test-vector timestamp: every golden request below is signed at it.
const NOW: f64 = 1_557_747_252_783.0;
const SIG: &str = "ac8936bc10177578767f3c0e8a1173e459df2c6c2eb7e3a99e9ef5255fc47951";
const BASE: &str = "https://openapi.tanyibot.com/apiOpen/v1/";

fn creds() -> Value {
    json!({"appKey": "demoAppKey", "appSecret": "demoAppSecret", "tenantSign": "demoTenant"})
}

fn auth() -> Vec<(&'static str, &'static str)> {
    vec![("appKey", "demoAppKey"), ("tenantSign", "demoTenant"), ("version", "v1"), ("timestamp", "1557747252783"), ("signature", SIG)]
}

/// The page's create example, with the JSON fixed as the current vendor doc has it
/// (`"concurrencyQuota": 2`, src/vendors/tanyi/README.md, Contradictions).
fn create_example() -> Value {
    json!({
        "concurrencyQuota": 2,
        "jobPhoneNumberIdList": [348, 369],
        "robotCallJob": {
            "alertUsers": [], "dailyEndTime": "21:00", "dailyStartTime": "09:00", "description": "gthjoitjdjfdk",
            "dialogFlowId": 2, "earlyWarningAlertUsers": [], "inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}],
            "mode": "AUTO", "name": "测试名称3333", "phoneType": "LANDLINE", "robotCount": 10, "smsAlertLevel": ["A"],
            "smsTemplateId": 1, "startTime": "2017-11-21 04:32:00", "tenantId": 1, "wechatAlertLevel": [],
            "wechatSendMethod": "SENDTOALL", "wechatAlertLevelCode": [], "smsAlertLevelCode": [], "wechatConditionAlertLevelCode": []
        }
    })
}

fn valid_create() -> Value {
    let mut v = create_example();
    v["robotCallJob"]["dailyEndTime"] = json!("20:00");
    v
}

#[test]
fn signature_matches_notes_vector_and_python() {
    assert_eq!(tanyi::signature("demoAppKey", "demoAppSecret", "demoTenant", "v1", "1557747252783"), SIG);
    for (k, s, t, ts) in [("k", "s", "t", "1"), ("键Key", "秘密&=", "租户", "1704067199999")] {
        let py = python(&format!(
            "import hashlib; t={t}; print(hashlib.sha256((t+'appKey='+{k}+'&appSecret='+{s}+'&tenantSign='+t+'&version=v1&timestamp='+{ts}).encode('utf-8')).hexdigest())",
            k = py_str(k), s = py_str(s), t = py_str(t), ts = py_str(ts)
        ));
        assert_eq!(tanyi::signature(k, s, t, "v1", ts), py);
    }
}

#[test]
fn timestamp_is_epoch_ms_whatever_the_local_zone() {
    // 2023-12-31 23:30 UTC = 2024-01-01 07:30 in UTC+8: the header is the instant, not a date.
    let req = built(V, "startTask", json!({"robotCallJobId": 1}), creds(), None, 1_704_065_400_000.0);
    assert_eq!(req.header("timestamp"), Some("1704065400000"));
    let py = python("import hashlib; print(hashlib.sha256(b'demoTenantappKey=demoAppKey&appSecret=demoAppSecret&tenantSign=demoTenant&version=v1&timestamp=1704065400000').hexdigest())");
    assert_eq!(req.header("signature"), Some(py.as_str()));
}

/// Every supported operation: params → method, path + query, body.
#[test]
fn golden_requests_for_every_operation() {
    let cases: Vec<(&str, Value, &str, &str, Option<Value>)> = vec![
        ("createTask", valid_create(), "POST", "job/create", Some(valid_create())),
        ("updateTask", {
            let mut v = valid_create();
            v["robotCallJob"]["robotCallJobId"] = json!(139);
            v
        }, "PATCH", "job/modify", None),
        ("startTask", json!({"robotCallJobId": 1}), "POST", "job/start", Some(json!({"robotCallJobId": 1}))),
        ("pauseTask", json!({"robotCallJobId": 1}), "POST", "job/pause", Some(json!({"robotCallJobId": 1}))),
        ("stopTask", json!({"robotCallJobId": 1}), "POST", "job/stop", Some(json!({"robotCallJobId": 1}))),
        ("deleteTask", json!({"robotCallJobId": "1"}), "POST", "job/delete", Some(json!({"robotCallJobId": "1"}))),
        ("importCustomers", json!({"robotCallJobId": 28, "customerPersons": [{"name": "test", "phoneNumber": "11111111111", "properties": {"欠款金额": "10.13", "最后还款日期": "2018年10月3日"}}]}),
            "POST", "job/importCustomer", None),
        ("setConcurrency", json!({"robotCallJobId": 28, "robotCount": 2}), "POST", "job/updateAiCount", Some(json!({"robotCallJobId": 28, "robotCount": 2}))),
        ("listTasks", json!({"name": "测试", "status": "IN_PROCESS", "pageNum": 1, "pageSize": 20}), "GET",
            "job/getJobs?name=%E6%B5%8B%E8%AF%95&pageNum=1&pageSize=20&status=IN_PROCESS", None),
        ("getTask", json!({"robotCallJobId": 139}), "GET", "job/getJobDetail?robotCallJobId=139", None),
        ("getTaskStats", json!({"robotCallJobId": 139}), "GET", "job/getJobStats?robotCallJobId=139", None),
        ("getTaskVariables", json!({"robotCallJobId": 139}), "GET", "job/getJobProperties?robotCallJobId=139", None),
        // The documented bodies ([T-task], README.md Endpoints): getJobStatsInfoList's example is
        // a bare list, checkAll takes `robotCallJobIdSet`, executeJobs `{operation, executable}`.
        ("listTaskStats", json!(["1017", "1014", "1013"]), "POST", "job/getJobStatsInfoList", None),
        ("requeueCustomers", json!({"robotCallJobId": 1}), "POST", "job/reAddCustomerToJob", Some(json!({"robotCallJobId": 1}))),
        ("checkAllTasks", check_all_example(), "POST", "job/checkAll", None),
        ("batchTaskAction", execute_jobs_example(), "POST", "job/executeJobs", None),
        ("listCalls", json!({"robotCallJobId": 1, "resultStatuses": ["ANSWERED"], "pageNum": 1, "pageSize": 100}), "POST", "callRecord/getCallRecordInfoList", None),
        ("getCall", json!({"callRecordId": 5}), "GET", "callRecord/callDetail?callRecordId=5", None),
        ("listPendingCustomers", json!({"robotCallJobId": 1, "taskStatus": "NOT_STARTED"}), "GET", "callRecord/toBeCalledList?robotCallJobId=1&taskStatus=NOT_STARTED", None),
        ("deletePendingCustomer", json!({"robotCallTaskId": 9}), "POST", "callRecord/deleteRobotCallTask", Some(json!({"robotCallTaskId": 9}))),
        // The vendor documents the ids as comma-separated text, `3033729,3033719` (README.md,
        // Endpoints, [T-rec]): a list is sent that way, not as JSON text.
        ("deleteCustomers", json!({"robotCallJobId": 1, "robotCallTaskIds": [9, 10]}), "GET", "callRecord/deleteRobotCallTaskList?robotCallJobId=1&robotCallTaskIds=9%2C10", None),
        ("getAccount", json!({}), "GET", "tenant/getTenant", None),
        ("listCallerLines", json!({}), "GET", "phone/getPhoneList", None),
        ("listScripts", json!({}), "GET", "dialogFlow/getDialogFlowList", None),
        ("getScriptInfo", json!({"dialogFlowId": 2}), "GET", "dialogFlow/getDialogFlowCallJobRelatedInfo?dialogFlowId=2", None),
        ("listPolicyGroups", json!({}), "GET", "policyGroup/list", None),
        ("listPolicyGroupNames", json!({}), "GET", "policyGroup/getIdAndNamePairList", None),
    ];
    let supported: Vec<&str> = V.operations().iter().map(|o| o.as_str()).collect();
    let covered: Vec<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(supported.len(), covered.len(), "every supported operation has a golden case: {supported:?}");
    for (op, params, method, path, body) in cases {
        let req = built(V, op, params.clone(), creds(), None, NOW);
        let body = if method == "GET" { None } else { Some(body.unwrap_or(params).to_string()) };
        let mut headers = auth();
        if body.is_some() {
            headers.insert(0, ("Content-Type", "application/json"));
        }
        assert_request(&req, method, &format!("{BASE}{path}"), &headers, body.as_deref());
        // Reads, including two sent as POST; deleteRobotCallTaskList is a GET that deletes.
        assert_eq!(req.safe_to_repeat, (method == "GET" && op != "deleteCustomers") || op == "listCalls" || op == "listTaskStats", "{op}");
    }
}

/// checkAll's example ([T-task]), with the comma its JSON lacks after `beginCreateDate`.
fn check_all_example() -> Value {
    json!({"operation": "PAUSE", "robotCallJobIdSet": [11445, 44564], "statusSet": ["IN_PROCESS"], "name": "模糊查询", "beginCreateDate": "2018-10-10", "endCreateDate": "2018-10-12"})
}

/// executeJobs' example ([T-task]): checkAll's `executable` sent back (its full-width `，`/`：`
/// fixed).
fn execute_jobs_example() -> Value {
    json!({"operation": "PAUSE", "executable": [{"robotCallJobId": 33, "robotCallJobName": "熊隆祥重新添加到拨打任务调试", "createTime": "2018-10-11 11:21:36",
        "createUserName": "超管", "status": "NOT_STARTED", "hangUpType": "PHONE_UNBIND", "hangUpReason": "使用的线路已解绑",
        "statsInfo": {"robotCallJobId": 33, "completedTask": 1, "totalTask": 1, "answeredTask": 1, "ablevelCustomer": 1}}]})
}

/// Issue 12 item 7: the batch operations follow the documented names ([T-task]), not the invented
/// `robotCallJobIds`, and getJobStatsInfoList takes the bare list its example shows.
#[test]
fn batch_operations_take_the_documented_bodies() {
    assert_clean(V, "checkAllTasks", check_all_example());
    assert_clean(V, "batchTaskAction", execute_jobs_example());
    let typed: tanyi::types::TanyiBatchTaskActionParams = serde_json::from_value(execute_jobs_example()).unwrap();
    assert_eq!(typed.executable.len(), 1);
    let _: tanyi::types::TanyiCheckAllParams = serde_json::from_value(check_all_example()).unwrap();
    // The bare list is sent as it is; the table's `robotCallJobId` names the list as an object.
    let req = built(V, "listTaskStats", json!(["1017", "1014", "1013"]), creds(), None, NOW);
    assert_eq!(req.body.as_deref(), Some(r#"["1017","1014","1013"]"#));
    assert_clean(V, "listTaskStats", json!({"robotCallJobId": [1017, "1014"]}));
    let _: tanyi::types::TanyiJobStatsParams = serde_json::from_value(json!({"robotCallJobId": [1017, "1014"]})).unwrap();
    assert_one(V, "listTaskStats", json!(["1017", "x"]), "[1]", InvalidType, Error);
    let got = issues(V, "listTaskStats", json!({"robotCallJobIds": [1]}));
    assert_eq!(got, vec![("robotCallJobId".into(), Required, Error), ("robotCallJobIds".into(), UnrecognizedKey, Warning)]);
    // The invented key is a typo now.
    let got = issues(V, "checkAllTasks", json!({"operation": "START", "robotCallJobIds": [1]}));
    assert_eq!(got, vec![("robotCallJobIdSet".into(), Required, Error), ("robotCallJobIds".into(), UnrecognizedKey, Warning)]);
    assert_one(V, "checkAllTasks", with(check_all_example(), json!({"statusSet": ["RUNNING"]})), "statusSet[0]", InvalidEnum, Error);
    assert_one(V, "checkAllTasks", with(check_all_example(), json!({"beginCreateDate": "2018/10/10"})), "beginCreateDate", InvalidFormat, Error);
    assert_eq!(errors(V, "batchTaskAction", json!({"operation": "START", "robotCallJobIds": [1]})), vec![("executable".into(), Required)]);
}

#[test]
fn exact_body_bytes_for_import() {
    let req = built(V, "importCustomers", json!({"robotCallJobId": 28, "customerPersons": [{"phoneNumber": "13998987676", "name": "张三"}]}), creds(), None, NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"customerPersons":[{"name":"张三","phoneNumber":"13998987676"}],"robotCallJobId":28}"#));
}

#[test]
fn base_url_override_and_extra_headers() {
    let opts = waihu::BuildOptions { base_url: Some("http://127.0.0.1:9/tanyi/".into()), now: NOW, headers: [("appSecret".to_string(), "x".to_string())].into(), ..Default::default() };
    let req = V.build_request(op("startTask"), &json!({"robotCallJobId": 1}), &creds(), &opts).unwrap();
    assert_eq!(req.url, "http://127.0.0.1:9/tanyi/apiOpen/v1/job/start");
    assert_eq!(req.header("appSecret"), Some("x"));
}

#[test]
fn the_pages_create_example_has_exactly_the_documented_contradiction() {
    // src/vendors/tanyi/README.md, Contradictions 1: the example's dailyEndTime 21:00 breaks the
    // table's 20:00, and every example and the vendor's demo send it: a warning, not an error.
    assert_one(V, "createTask", create_example(), "robotCallJob.dailyEndTime", OutsideAllowedHours, Warning);
    assert_clean(V, "createTask", valid_create());
    let typed: tanyi::types::TanyiCreateTaskParams = serde_json::from_value(create_example()).unwrap();
    assert_eq!(typed.robotCallJob.robotCount, 10);
}

#[test]
fn the_pages_other_examples_validate_clean_and_deserialize() {
    let import = json!({"robotCallJobId": 28, "customerPersons": [{"name": "test", "phoneNumber": "11111111111", "properties": {"欠款金额": "10.13", "最后还款日期": "2018年10月3日"}}]});
    assert_clean(V, "importCustomers", import.clone());
    let _: tanyi::types::TanyiImportCustomersParams = serde_json::from_value(import).unwrap();
    assert_clean(V, "deleteTask", json!({"robotCallJobId": "1"}));
    assert_clean(V, "setConcurrency", json!({"robotCallJobId": 28, "robotCount": 2}));
    let _: tanyi::types::TanyiSetConcurrencyParams = serde_json::from_value(json!({"robotCallJobId": 28, "robotCount": 2})).unwrap();
    let _: tanyi::types::TanyiJobIdParams = serde_json::from_value(json!({"robotCallJobId": "1"})).unwrap();
}

fn with_job(patch: Value) -> Value {
    let mut v = valid_create();
    v["robotCallJob"] = with(v["robotCallJob"].take(), patch);
    v
}

#[test]
fn daily_window_is_09_to_20_and_ordered() {
    assert_clean(V, "createTask", with_job(json!({"dailyStartTime": "09:00", "dailyEndTime": "20:00"})));
    // Before 09:00 is an error; after 20:00 a warning that names the documented hours.
    let got = full_issues(V, "createTask", with_job(json!({"dailyStartTime": "08:00", "dailyEndTime": "21:00"})), &Default::default());
    let got: Vec<_> = got.iter().map(|i| (i.path_string(), i.code, i.severity, i.message.as_str())).collect();
    let message = "Outside 09:00-20:00, the dialling hours the vendor documents";
    assert_eq!(got, vec![("robotCallJob.dailyStartTime".into(), OutsideAllowedHours, Error, message), ("robotCallJob.dailyEndTime".into(), OutsideAllowedHours, Warning, message)]);
    assert_one(V, "createTask", with_job(json!({"dailyStartTime": "15:00", "dailyEndTime": "10:00", "inactiveTimeList": []})), "robotCallJob.dailyEndTime", RangeInverted, Error);
    assert_one(V, "createTask", with_job(json!({"dailyStartTime": "9:00"})), "robotCallJob.dailyStartTime", InvalidFormat, Error);
    assert_one(V, "createTask", with_job(json!({"dailyEndTime": null})), "robotCallJob.dailyEndTime", Required, Error);
}

#[test]
fn inactive_windows() {
    let three = json!([{"startTime": "10:00", "endTime": "11:00"}, {"startTime": "12:00", "endTime": "13:00"}, {"startTime": "14:00", "endTime": "15:00"}]);
    assert_clean(V, "createTask", with_job(json!({"inactiveTimeList": three})));
    let mut four = three.clone();
    four.as_array_mut().unwrap().push(json!({"startTime": "16:00", "endTime": "17:00"}));
    assert_one(V, "createTask", with_job(json!({"inactiveTimeList": four})), "robotCallJob.inactiveTimeList", TooBig, Error);
    // Neither rule is documented (最大三个不可拨打时段 is): warnings (issue 12 item 8).
    assert_one(V, "createTask", with_job(json!({"inactiveTimeList": [{"startTime": "19:30", "endTime": "20:30"}]})), "robotCallJob.inactiveTimeList[0]", OutsideDailyWindow, Warning);
    assert_one(V, "createTask", with_job(json!({"inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}, {"startTime": "12:59", "endTime": "14:00"}]})), "robotCallJob.inactiveTimeList[1]", OverlappingWindows, Warning);
}

#[test]
fn auto_mode_needs_start_time_in_either_documented_format() {
    assert_one(V, "createTask", with_job(json!({"startTime": null})), "robotCallJob.startTime", Required, Error);
    assert_clean(V, "createTask", with_job(json!({"startTime": null, "mode": "MANUAL"})));
    assert_clean(V, "createTask", with_job(json!({"startTime": "2017-11-21"})));
    assert_one(V, "createTask", with_job(json!({"startTime": "2017/11/21"})), "robotCallJob.startTime", InvalidFormat, Error);
    assert_one(V, "createTask", with_job(json!({"mode": "SOMETIMES"})), "robotCallJob.mode", InvalidEnum, Error);
}

#[test]
fn enums_ids_and_required_fields() {
    assert_one(V, "createTask", with_job(json!({"phoneType": "SIM"})), "robotCallJob.phoneType", InvalidEnum, Error);
    assert_one(V, "createTask", with_job(json!({"wechatSendMethod": "ALL"})), "robotCallJob.wechatSendMethod", InvalidEnum, Error);
    assert_one(V, "createTask", with_job(json!({"smsAlertLevel": ["A", "G"]})), "robotCallJob.smsAlertLevel[1]", InvalidEnum, Error);
    assert_one(V, "createTask", with_job(json!({"dialogFlowId": "abc"})), "robotCallJob.dialogFlowId", InvalidType, Error);
    assert_one(V, "createTask", with_job(json!({"name": ""})), "robotCallJob.name", Required, Error);
    assert_one(V, "createTask", with_job(json!({"robotCount": 0})), "robotCallJob.robotCount", TooSmall, Error);
    assert_one(V, "createTask", with_job(json!({"nmae": "typo"})), "robotCallJob.nmae", UnrecognizedKey, Warning);
    let got = errors(V, "createTask", json!({}));
    assert_eq!(got, vec![("jobPhoneNumberIdList".into(), Required), ("robotCallJob".into(), Required)]);
    assert_one(V, "createTask", json!([]), "", InvalidType, Error);
}

#[test]
fn concurrency_and_phone_lines() {
    let mut v = valid_create();
    v.as_object_mut().unwrap().remove("concurrencyQuota");
    assert_one(V, "createTask", v.clone(), "concurrencyQuota", Required, Error);
    v["robotCallJob"]["phoneType"] = json!("MOBILE");
    assert_clean(V, "createTask", v);
    let mut v = valid_create();
    v["concurrencyQuota"] = json!(0);
    assert_one(V, "createTask", v, "concurrencyQuota", TooSmall, Error);
    // Several landline ids are allowed (newer statement); a policy group takes exactly one.
    let mut v = valid_create();
    v["robotCallJob"]["phoneType"] = json!("CALL_POLICY_GROUP");
    assert_one(V, "createTask", v.clone(), "jobPhoneNumberIdList", TooBig, Error);
    v["jobPhoneNumberIdList"] = json!([7]);
    assert_clean(V, "createTask", v);
    let mut v = valid_create();
    v["jobPhoneNumberIdList"] = json!([]);
    assert_one(V, "createTask", v, "jobPhoneNumberIdList", TooSmall, Error);
}

#[test]
fn redial_ranges() {
    let on = json!({"redialCondition": ["BUSY", "NO_ANSWER"], "redialInterval": 6, "redialTimes": 10});
    assert_clean(V, "createTask", with_job(on));
    assert_one(V, "createTask", with_job(json!({"redialInterval": 30, "redialCondition": ["BUSY"]})), "robotCallJob.redialTimes", Required, Error);
    assert_one(V, "createTask", with_job(json!({"redialCondition": [], "redialInterval": 30, "redialTimes": 1})), "robotCallJob.redialCondition", TooSmall, Error);
    assert_one(V, "createTask", with_job(json!({"redialCondition": ["BUSY"], "redialInterval": 5, "redialTimes": 1})), "robotCallJob.redialInterval", TooSmall, Error);
    assert_one(V, "createTask", with_job(json!({"redialCondition": ["BUSY"], "redialInterval": 1441, "redialTimes": 1})), "robotCallJob.redialInterval", TooBig, Error);
    assert_one(V, "createTask", with_job(json!({"redialCondition": ["BUSY"], "redialInterval": 60, "redialTimes": 11})), "robotCallJob.redialTimes", TooBig, Error);
    assert_one(V, "createTask", with_job(json!({"redialCondition": ["BUSY", "BUSY"], "redialInterval": 60, "redialTimes": 1})), "robotCallJob.redialCondition[1]", DuplicateValue, Error);
}

#[test]
fn update_needs_the_job_id() {
    assert_one(V, "updateTask", valid_create(), "robotCallJob.robotCallJobId", Required, Error);
}

fn customers(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"name": format!("c{i}"), "phoneNumber": format!("138{:08}", i)})).collect()
}

#[test]
fn import_limits_phones_and_duplicates() {
    assert_clean(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": customers(100)}));
    assert_one(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": customers(101)}), "customerPersons", TooBig, Error);
    assert_one(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": []}), "customerPersons", TooSmall, Error);
    assert_one(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": [{"name": "x"}]}), "customerPersons[0].phoneNumber", Required, Error);
    assert_one(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": [{"phoneNumber": "call me"}]}), "customerPersons[0].phoneNumber", InvalidPhone, Error);
    let dup = json!({"robotCallJobId": 1, "customerPersons": [{"phoneNumber": "13800000001"}, {"phoneNumber": "13800000002"}, {"phoneNumber": "138-0000-0001"}]});
    let all = full_issues(V, "importCustomers", dup, &Default::default());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].path_string(), "customerPersons[2].phoneNumber");
    assert_eq!(all[0].params, waihu::params! {"firstIndex": 0, "index": 2});
    assert_eq!(all[0].message, "Duplicate of item 0");
    // Tanyi's properties are Map<String,String>.
    assert_one(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": [{"phoneNumber": "13800000001", "properties": {"金额": 10}}]}), "customerPersons[0].properties.金额", InvalidType, Error);
    // name is optional (the current vendor doc; src/vendors/tanyi/README.md).
    assert_clean(V, "importCustomers", json!({"robotCallJobId": 1, "customerPersons": [{"phoneNumber": "13800000001"}]}));
}

#[test]
fn paging_and_lookups() {
    assert_one(V, "listTasks", json!({"pageSize": 101}), "pageSize", TooBig, Error);
    assert_one(V, "listTasks", json!({"pageNum": 0}), "pageNum", TooSmall, Error);
    assert_one(V, "listTasks", json!({"status": "RUNNING"}), "status", InvalidEnum, Error);
    assert_clean(V, "listTasks", json!({}));
    assert_one(V, "listCalls", json!({"robotCallJobId": 1, "pageSize": 101}), "pageSize", TooBig, Error);
    assert_one(V, "listCalls", json!({"robotCallJobId": 1, "intentLevels": ["Z"]}), "intentLevels[0]", InvalidEnum, Error);
    assert_one(V, "listPendingCustomers", json!({"robotCallJobId": 1, "taskStatus": "DONE"}), "taskStatus", InvalidEnum, Error);
    assert_one(V, "batchTaskAction", with(execute_jobs_example(), json!({"operation": "STOP"})), "operation", InvalidEnum, Error);
    assert_one(V, "getCall", json!({}), "callRecordId", Required, Error);
    assert_one(V, "setConcurrency", json!({"robotCallJobId": 1, "robotCount": 0}), "robotCount", TooSmall, Error);
    assert_one(V, "deleteCustomers", json!({"robotCallJobId": 1, "robotCallTaskIds": ["x"]}), "robotCallTaskIds[0]", InvalidType, Error);
}

#[test]
fn chinese_messages_and_severity_overrides() {
    let opts = waihu::ValidateOptions { locale: waihu::Locale::ZhCn, ..Default::default() };
    let got = full_issues(V, "createTask", with_job(json!({"dailyEndTime": "20:30"})), &opts);
    assert_eq!(got[0].message, "不在厂商文档规定的拨打时段 09:00-20:00 内");
    // The condition of a `required` is Chinese too (issue 12 item 10: was `当 mode is AUTO 时必填`).
    let got = full_issues(V, "createTask", with_job(json!({"startTime": null})), &opts);
    assert_eq!((got[0].path_string().as_str(), got[0].message.as_str()), ("robotCallJob.startTime", "当 mode 为 AUTO 时必填"));
    assert_eq!(got[0].params, waihu::params! {"when": "mode=AUTO"});
    let mut opts = waihu::ValidateOptions::default();
    opts.severity.insert(OutsideAllowedHours, waihu::options::SeverityOverride::Error);
    assert_eq!(issues_with(V, "createTask", create_example(), &opts), vec![("robotCallJob.dailyEndTime".into(), OutsideAllowedHours, Error)]);
    assert!(V.build_request(op("createTask"), &create_example(), &creds(), &waihu::BuildOptions { now: NOW, severity: opts.severity.clone(), ..Default::default() }).is_err());
    opts.severity.insert(OutsideAllowedHours, waihu::options::SeverityOverride::Warning);
    // A warning does not stop the build.
    let b = waihu::BuildOptions { now: NOW, severity: opts.severity.clone(), ..Default::default() };
    assert!(V.build_request(op("createTask"), &create_example(), &creds(), &b).is_ok());
    opts.severity.insert(OutsideAllowedHours, waihu::options::SeverityOverride::Off);
    assert!(issues_with(V, "createTask", create_example(), &opts).is_empty());
}

/// The vendor's demo modify call ([T-demo] `TestDemo.java`): `"21:00"`, `wechatAlertLevelCode`
/// as strings `{"0","1"}`, an empty `smsAlertLevel`. Its body lacks `dialogFlowId` and
/// `phoneType`, which the table marks 是; with them, only warnings remain (the late end and the
/// keys the demo adds inside `robotCallJob`).
#[test]
fn the_vendors_demo_values_validate_without_errors() {
    let demo = json!({"concurrencyQuota": 2, "jobPhoneNumberIdList": [2788], "robotCallJob": {
        "concurrencyQuota": 3, "enableConcurrency": true, "robotCallJobId": 33, "name": "测试2", "mode": "AUTO", "dailyStartTime": "09:00", "dailyEndTime": "21:00",
        "inactiveTimeList": [{"startTime": "10:00", "endTime": "11:00"}, {"startTime": "12:00", "endTime": "13:00"}], "description": "任务描述信息", "smsTemplateId": 1,
        "robotCount": 2, "wechatAlertLevelCode": ["0", "1"], "wechatConditionAlertLevel": [2], "wechatAlertChatDurationThreshold": 10, "smsAlertLevel": [],
        "alertUsers": [1, 5], "startTime": "2019-11-21 04:32:56", "redialCondition": ["CALL_LOSS"], "redialInterval": 6, "redialTimes": 6,
        "transferPhoneNumber": ["1523654789", "1758426896"], "dialogFlowId": 2, "phoneType": "LANDLINE"}});
    let got = issues(V, "updateTask", demo.clone());
    assert!(got.iter().all(|(_, _, s)| *s == Warning), "{got:?}");
    assert!(got.contains(&("robotCallJob.dailyEndTime".into(), OutsideAllowedHours, Warning)));
    // Level codes as numeric strings are sent as given; other strings are refused.
    let req = built(V, "updateTask", demo.clone(), creds(), None, NOW);
    assert!(req.body.unwrap().contains(r#""wechatAlertLevelCode":["0","1"]"#));
    assert_one(V, "createTask", with_job(json!({"smsAlertLevelCode": ["1", "A"]})), "robotCallJob.smsAlertLevelCode[1]", InvalidType, Error);
    assert_eq!(errors(V, "createTask", with_job(json!({"smsAlertLevelCode": ["1", -1]}))), vec![("robotCallJob.smsAlertLevelCode[1]".into(), TooSmall)]);
}

/// Times read back from getJobDetail come as `HH:mm:ss` (`"dailyStartTime": "15:08:31"`, [T-obt])
/// and an update sends them again (issue 12 item 5).
#[test]
fn times_with_seconds_as_the_vendor_returns_them() {
    assert_clean(V, "updateTask", {
        let mut v = with_job(json!({"dailyStartTime": "09:00:00", "dailyEndTime": "19:59:59", "inactiveTimeList": [{"startTime": "12:00:00", "endTime": "13:00:30"}]}));
        v["robotCallJob"]["robotCallJobId"] = json!(139);
        v
    });
    // getJobDetail's own example window (a minute past 15:00) is ordered.
    assert_clean(V, "createTask", with_job(json!({"dailyStartTime": "15:08:31", "dailyEndTime": "15:08:36", "inactiveTimeList": []})));
    assert_one(V, "createTask", with_job(json!({"dailyStartTime": "15:08:36", "dailyEndTime": "15:08:31", "inactiveTimeList": []})), "robotCallJob.dailyEndTime", RangeInverted, Error);
    assert_one(V, "createTask", with_job(json!({"dailyStartTime": "09:00:0"})), "robotCallJob.dailyStartTime", InvalidFormat, Error);
}

/// deleteRobotCallTaskList is a GET whose `robotCallTaskIds` the vendor documents as the text
/// `3033729,3033719` ([T-rec], README.md Endpoints): accepted as written, each id checked, sent
/// as given; a list is sent joined the same way (issue 12 item 1).
#[test]
fn delete_customers_takes_the_documented_comma_form() {
    let params = json!({"robotCallJobId": 1, "robotCallTaskIds": "3033729,3033719"});
    assert_clean(V, "deleteCustomers", params.clone());
    let req = built(V, "deleteCustomers", params, creds(), None, NOW);
    assert_eq!(req.url, format!("{BASE}callRecord/deleteRobotCallTaskList?robotCallJobId=1&robotCallTaskIds=3033729%2C3033719"));
    let list = built(V, "deleteCustomers", json!({"robotCallJobId": 1, "robotCallTaskIds": [3033729, "3033719"]}), creds(), None, NOW);
    assert_eq!(list.url, req.url);
    let _: tanyi::types::TanyiDeleteCustomersParams = serde_json::from_value(json!({"robotCallJobId": 1, "robotCallTaskIds": "3033729,3033719"})).unwrap();
    for bad in ["3033729,x", "3033729,", ",3033719", "3033729 3033719", ""] {
        assert_one(V, "deleteCustomers", json!({"robotCallJobId": 1, "robotCallTaskIds": bad}), "robotCallTaskIds", InvalidFormat, Error);
    }
}

/// Ids beyond 2^53 (issue 12 item 17): accepted as digit strings up to 2^63 − 1 and sent as
/// given; a reply's id stays exact in the core (the boundary writes it as a string for JS).
#[test]
fn ids_beyond_2_pow_53_stay_exact() {
    let id = "1734567890123456789";
    assert_clean(V, "startTask", json!({"robotCallJobId": id}));
    let req = built(V, "startTask", json!({"robotCallJobId": id}), creds(), None, NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"robotCallJobId":"1734567890123456789"}"#));
    assert_clean(V, "startTask", json!({"robotCallJobId": "9223372036854775807"}));
    assert_one(V, "startTask", json!({"robotCallJobId": "9223372036854775808"}), "robotCallJobId", InvalidType, Error);
    let data = parse(V, "createTask", 200, r#"{"code":200,"data":{"robotCallJobId":1734567890123456789},"resultMsg":"ok"}"#).unwrap();
    assert_eq!(data["robotCallJobId"].as_u64(), Some(1_734_567_890_123_456_789));
    assert_eq!(waihu::json::exact_in_js(waihu::json::to_text(&data)), r#"{"robotCallJobId":"1734567890123456789"}"#);
    let typed: tanyi::types::TanyiCreateTaskResult = serde_json::from_value(json!({"robotCallJobId": id})).unwrap();
    assert_eq!(typed.robotCallJobId, waihu::wire::Id::Str(id.into()));
}

/// job/modify replies `data: {robotCallJobId}` ([T-task], README.md Endpoints): the declared
/// result is job/create's, not `null` (issue 12 item 9).
#[test]
fn update_replies_with_the_job_id() {
    let data = parse(V, "updateTask", 200, r#"{"code":200,"data":{"robotCallJobId":139},"requestId":"RKXNIQAF","resultMsg":"修改成功","errorStackTrace":null}"#).unwrap();
    let _: tanyi::types::TanyiCreateTaskResult = serde_json::from_value(data).unwrap();
    let (_, _, result) = tanyi::types::TS_OPERATIONS.iter().find(|o| o.0 == "updateTask").unwrap();
    assert_eq!(*result, "TanyiCreateTaskResult");
}

#[test]
fn build_reports_params_and_credentials_together() {
    let err = build(V, "startTask", json!({}), json!({"appKey": "k"}), None, NOW).unwrap_err();
    let Error::ValidationError { issues, .. } = err else { panic!() };
    let paths: Vec<String> = issues.iter().map(|i| i.path_string()).collect();
    assert_eq!(paths, vec!["robotCallJobId", "credentials.appSecret", "credentials.tenantSign"]);
    let err = build(V, "startTask", json!({"robotCallJobId": 1}), creds(), Some("ftp://x"), NOW).unwrap_err();
    assert!(matches!(err, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "baseUrl"));
}

#[test]
fn unsupported_operations_are_clear() {
    for name in ["getCreateOptions", "listRobots", "addBlacklist"] {
        let e = V.validate(op(name), &json!({}), &Default::default()).unwrap_err();
        assert_eq!(e.code(), "unsupported_operation");
        assert_eq!(e.name(), "UnsupportedOperationError");
    }
}

#[test]
fn replies_and_documented_codes() {
    let ok = parse(V, "createTask", 200, r#"{"code":200,"data":{"robotCallJobId":139},"requestId":"RKXNIQAF","resultMsg":"修改成功","errorStackTrace":null}"#).unwrap();
    assert_eq!(ok, json!({"robotCallJobId": 139}));
    assert_eq!(parse(V, "startTask", 200, r#"{"code":200,"data":null,"requestId":"R","resultMsg":"ok"}"#).unwrap(), Value::Null);
    for (code, retryable) in [(401, false), (403, false), (404, false), (412, false), (500, true)] {
        let e = vendor_error(V, "startTask", 200, &format!(r#"{{"code":{code},"data":null,"requestId":"GDFVVSAE","resultMsg":"失败"}}"#));
        assert_eq!(e.code, code.to_string());
        assert_eq!(e.request_id.as_deref(), Some("GDFVVSAE"));
        assert_eq!(e.vendor_message, "失败");
        assert!(!e.explanation.is_empty(), "{code} is documented");
        assert_eq!(e.retryable, retryable, "{code}");
    }
    // 408 is BYRobot's, not Tanyi's: no explanation is invented for it.
    assert_eq!(vendor_error(V, "startTask", 200, r#"{"code":408,"resultMsg":"x"}"#).explanation, "");
    let zh = match parse_zh(V, "startTask", 200, r#"{"code":412,"resultMsg":"x"}"#) { Err(Error::VendorError(e)) => e.explanation, other => panic!("{other:?}") };
    assert_eq!(zh, "参数错误");
}

#[test]
fn unreadable_replies_are_response_errors() {
    for (status, body, retryable) in [(200, "", false), (502, "<html>Bad Gateway</html>", true), (200, "{\"code\":", false), (200, "[1,2]", false), (200, "{\"data\":1}", false), (500, "null", true)] {
        match parse(V, "startTask", status, body) {
            Err(Error::ResponseError { status: s, retryable: r, .. }) => {
                assert_eq!(s, status);
                assert_eq!(r, retryable, "{body}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}


#[test]
fn prevalidated_builds_check_only_credentials_and_base_url() {
    let params = json!({"robotCallJobId": 28, "customerPersons": [{"phoneNumber": "13998987676"}]});
    let opts = waihu::BuildOptions { now: NOW, ..Default::default() };
    let a = V.build_request(op("importCustomers"), &params, &creds(), &opts).unwrap();
    let b = V.build_prevalidated_request(op("importCustomers"), &params, &creds(), &opts).unwrap();
    assert_eq!(a, b);
    assert!(V.build_prevalidated_request(op("importCustomers"), &params, &json!({}), &opts).is_err());
}
