//! BYRobot: golden requests, rules, codes, signatures. Sources: src/vendors/byrobot/README.md [B-page],
//! src/vendors/byrobot/README.md [B-ex], src/vendors/byrobot/README.md.

mod common;

use common::*;
use serde_json::{json, Value};
use waihu::issue::{IssueCode::*, Severity::*};
use waihu::vendors::byrobot;
use waihu::vendors::byrobot::types::*;
use waihu::{Error, Vendor};

const V: Vendor = byrobot::VENDOR;
/// src/vendors/byrobot/README.md's test-vector instant, `Thu, 13 Dec 2018 01:27:17 GMT`: every golden request
/// below is signed at it.
const NOW: f64 = 1_544_664_437_000.0;
const DATETIME: &str = "Thu, 13 Dec 2018 01:27:17 GMT";
const SIG: &str = "rXYIlTHbbrDTOv6mlC/3UsM14eo=";
const BASE: &str = "http://api.byrobot.cn/openapi/";

fn creds() -> Value {
    json!({"appKey": "demoAppKey", "appSecret": "demoAppSecret"})
}

fn headers() -> Vec<(&'static str, &'static str)> {
    vec![("appkey", "demoAppKey"), ("datetime", DATETIME), ("sign", SIG), ("Content-Type", "application/json"), ("Accept", "application/json")]
}

fn py_sign(key: &str, secret: &str, datetime: &str) -> String {
    python(&format!(
        "import hmac, hashlib, base64; print(base64.b64encode(hmac.new({s}.encode('utf-8'), ({k}+'\\n'+{d}).encode('utf-8'), hashlib.sha1).digest()).decode())",
        s = py_str(secret), k = py_str(key), d = py_str(datetime)
    ))
}

// ---- the pages' examples ----

/// src/vendors/byrobot/README.md [B-page]'s create example as sent: its duplicate `concurrencyQuota` key
/// (src/vendors/byrobot/README.md, Contradictions) collapses to one (both are 1).
const CREATE_PAGE_EXAMPLE: &str = r#"{
    "companyId" : 1, 
    "taskName" : "测试任务", 
    "taskType" : 2, 
    "startDate" : "2017-10-19",
    "workingStartTime" : "08:00",
    "workingEndTime" : "22:00", 
    "breakStartTime" :"12:00",
    "breakEndTime" : "13:00",
    "userPhoneIds" : [1], 
    "callType" : 0, 
    "concurrencyQuota" : 1, 
    "robotDefId" : 1, 
    "sceneDefId" : 1, 
    "sceneRecordId" : 7, 
    "concurrencyQuota":1,
    "smsType":1,
    "remark" : "创建任务" 
}"#;

/// src/vendors/byrobot/README.md [B-page]'s import example, with `//` comments inside the JSON (contradiction 7).
const IMPORT_PAGE_EXAMPLE: &str = r#"{
   "companyId" : 1, // 公司id
   "taskId" : 67, // 任务id
   "customerInfoList" : [
     	{
     		"name" : "张三", // 客户名称
     		"phone" : "13333333333" // 客户手机
     	},
     	{
     		"name" : "李四",
     		"phone" : "15555555555"
     	}
   ]
 }"#;

/// src/vendors/byrobot/README.md [B-ex]'s create body.
fn create_examples_page() -> Value {
    json!({
        "companyId" : 1, "taskName" : "测试任务", "taskType" : 2, "startDate" : "2017-10-19",
        "workingStartTime" : "08:00", "workingEndTime" : "22:00", "userPhoneIds" : [1],
        "robotDefId" : 1, "sceneDefId" : 1, "sceneRecordId" : 7, "remark" : "创建任务"
    })
}

/// src/vendors/byrobot/README.md [B-ex]'s queryDoneTaskPhones body.
fn list_calls_example() -> Value {
    json!({
        "callJobId" : 62, "durationLeft" : 0, "durationRight" : 100, "chatRoundLeft":0, "chatRoundRight":10,
        "finishStatus" : 1, "resultQueryList" : [{"name" : "客户意向等级", "value" : "A级(较强)"}]
    })
}

fn page_create() -> Value {
    serde_json::from_str(CREATE_PAGE_EXAMPLE).unwrap()
}

/// The page's create example inside the 09:00–20:00 note: no issue at all.
fn valid_create() -> Value {
    let mut v = page_create();
    v["workingStartTime"] = json!("09:00");
    v["workingEndTime"] = json!("20:00");
    v
}

fn valid_update() -> Value {
    with(valid_create(), json!({"taskId": 1669, "concurrencyQuota": 2, "concurrencyPhone": 4, "breakStartClose": false}))
}

// ---- signing ----

#[test]
fn signature_matches_notes_vector_and_python() {
    assert_eq!(byrobot::signature("demoAppKey", "demoAppSecret", DATETIME), SIG);
    assert_eq!(py_sign("demoAppKey", "demoAppSecret", DATETIME), SIG);
    for (k, s, d) in [("k", "s", "Mon, 01 Jan 2024 00:00:00 GMT"), ("键Key", "秘密&=\n", "Fri, 29 Feb 2000 12:00:00 GMT")] {
        assert_eq!(byrobot::signature(k, s, d), py_sign(k, s, d));
    }
}

#[test]
fn datetime_is_gmt_even_when_utc8_is_already_the_next_day() {
    // 2023-12-31 23:30 UTC is 2024-01-01 07:30 in UTC+8: the header keeps the GMT date.
    let req = built(V, "startTask", json!({"taskId": 1}), creds(), None, 1_704_065_400_000.0);
    assert_eq!(req.header("datetime"), Some("Sun, 31 Dec 2023 23:30:00 GMT"));
    let py_date = python("import datetime; print(datetime.datetime.fromtimestamp(1704065400, datetime.timezone.utc).strftime('%a, %d %b %Y %H:%M:%S GMT'))");
    assert_eq!(req.header("datetime"), Some(py_date.as_str()));
    let py = py_sign("demoAppKey", "demoAppSecret", &py_date);
    assert_eq!(req.header("sign"), Some(py.as_str()));
    assert_eq!(py, "lE71z8xnkgxt3S7OVoxnEV85ewI=");
}

#[test]
fn the_body_and_url_are_not_signed() {
    let a = built(V, "startTask", json!({"taskId": 1}), creds(), None, NOW);
    let b = built(V, "listTasks", json!({"companyId": 9, "taskName": "x"}), creds(), Some("http://127.0.0.1:1/by"), NOW);
    assert_eq!(a.header("sign"), b.header("sign"));
    assert_eq!(a.header("sign"), Some(SIG));
}

// ---- golden requests ----

/// Every supported operation: params → method, URL (with the query for GET), headers, body.
#[test]
fn golden_requests_for_every_operation() {
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("createTask", valid_create(), "POST", "v1/task/createTask"),
        ("updateTask", valid_update(), "POST", "v1/task/update"),
        ("startTask", json!({"taskId": 11}), "POST", "v1/task/start"),
        ("pauseTask", json!({"taskId": 11}), "POST", "v1/task/pause"),
        ("stopTask", json!({"taskId": 11}), "POST", "v1/task/stop"),
        ("deleteTask", json!({"taskId": "13487"}), "POST", "v1/task/delete"),
        ("importCustomers", json!({"companyId": 1, "taskId": 67, "customerInfoList": [{"name": "张三", "phone": "13333333333"}]}), "POST", "v2/task/importTaskCustomer"),
        ("listPendingCustomers", json!({"taskId": 67, "pageNum": 1, "pageSize": 50}), "POST", "v1/task/notDialedCustomerList"),
        ("listTasks", json!({"companyId": 1, "taskName": "测试 任务", "createDate": "2017-10-19", "status": 1, "needAll": false, "pageNum": 2, "pageSize": 100}), "GET",
            "v1/task/getTasks?companyId=1&createDate=2017-10-19&needAll=false&pageNum=2&pageSize=100&status=1&taskName=%E6%B5%8B%E8%AF%95%20%E4%BB%BB%E5%8A%A1"),
        ("getTask", json!({"companyId": 1, "taskId": 66}), "GET", "v1/task/getTaskDetail?companyId=1&taskId=66"),
        ("getTaskVariables", json!({"companyId": 3421, "sceneDefId": 22341}), "GET", "v1/task/getSceneVariables?companyId=3421&sceneDefId=22341"),
        ("listCalls", list_calls_example(), "POST", "v1/task/queryDoneTaskPhones"),
        ("getCall", json!({"callInstanceId": 695}), "GET", "v1/task/phoneLogInfo?callInstanceId=695"),
        ("listFailedCallbacks", json!({"companyId": 1, "callJobId": 2, "dataType": 0, "startDate": "2017-10-19", "endDate": "2017-10-20", "pageNum": 1, "pageSize": 500}), "GET",
            "v1/callBack/queryUnCallBack?callJobId=2&companyId=1&dataType=0&endDate=2017-10-20&pageNum=1&pageSize=500&startDate=2017-10-19"),
        ("listCompanies", json!({}), "GET", "v1/company/getCompanys"),
        ("listCallerLines", json!({"companyId": 3811}), "GET", "v1/company/getPhones?companyId=3811"),
        ("listRobots", json!({"companyId": 3811, "robotStatus": 1}), "GET", "v1/company/getRobots?companyId=3811&robotStatus=1"),
        ("getSeatStats", json!({"companyId": 1}), "GET", "v1/company/seat/statistics?companyId=1"),
        ("listSmsTemplates", json!({"companyId": 1, "status": 2, "pageNum": 1, "pageSize": 5}), "GET", "v1/sms/template/list?companyId=1&pageNum=1&pageSize=5&status=2"),
        ("addBlacklist", json!({"companyId": 3811, "mobile": "15900000000", "name": "测试用户", "remark": "备注信息"}), "POST", "v1/company/addBlackList"),
        ("addBlacklistBatch", json!({"companyId": 1, "blacklistInfoGroupId": 1, "blacklist": [{"mobile": "18900000001", "name": "test"}]}), "POST", "v1/company/addBlackList/batch"),
        ("listBlacklist", json!({"companyId": 1, "blacklistInfoGroupId": -1, "pageNum": 1, "pageSize": 20}), "GET", "v1/company/blacklist/info/page?blacklistInfoGroupId=-1&companyId=1&pageNum=1&pageSize=20"),
        ("deleteBlacklistEntries", json!({"companyId": 1, "blacklistInfoGroupId": 1, "mobile": "18900000000"}), "POST", "v1/company/blacklist/info/delete"),
        ("listBlacklistGroups", json!({"companyId": 1}), "GET", "v1/company/blacklist/group/list?companyId=1"),
        ("createBlacklistGroup", json!({"companyId": 1, "name": "vip", "remark": "test"}), "POST", "v1/company/blacklist/group/add"),
        ("updateBlacklistGroup", json!({"companyId": 1, "blacklistInfoGroupId": 1, "name": "test"}), "POST", "v1/company/blacklist/group/edit"),
        ("deleteBlacklistGroup", json!({"companyId": 1, "blacklistInfoGroupId": 1}), "POST", "v1/company/blacklist/group/delete"),
    ];
    let supported: Vec<&str> = V.operations().iter().map(|o| o.as_str()).collect();
    let mut covered: Vec<&str> = cases.iter().map(|c| c.0).collect();
    covered.sort_unstable();
    let mut want = supported.clone();
    want.sort_unstable();
    assert_eq!(covered, want, "every supported operation has a golden case");
    for (op, params, method, path) in cases {
        assert!(issues(V, op, params.clone()).is_empty(), "{op}: {:?}", issues(V, op, params.clone()));
        let req = built(V, op, params.clone(), creds(), None, NOW);
        // task/update sends a list of userPhoneIds joined, as the vendor's demo sends them.
        let sent = if op == "updateTask" { with(params.clone(), json!({"userPhoneIds": "1"})) } else { params.clone() };
        let body = (method == "POST").then(|| sent.to_string());
        assert_request(&req, method, &format!("{BASE}{path}"), &headers(), body.as_deref());
        // Reads are idempotent, including the two that go by POST.
        assert_eq!(req.safe_to_repeat, method == "GET" || op == "listCalls" || op == "listPendingCustomers", "{op}");
    }
}

#[test]
fn exact_body_bytes() {
    let req = built(V, "importCustomers", json!({"taskId": 67, "companyId": 1, "customerInfoList": [{"phone": "13333333333", "name": "张三", "properties": {"还款金额": "888"}}]}), creds(), None, NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"companyId":1,"customerInfoList":[{"name":"张三","phone":"13333333333","properties":{"还款金额":"888"}}],"taskId":67}"#));
    let req = built(V, "stopTask", json!({"taskId": 11}), creds(), None, NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"taskId":11}"#));
    // A GET has the same headers and no body.
    let req = built(V, "getCall", json!({"callInstanceId": 695}), creds(), None, NOW);
    assert_eq!(req.body, None);
    assert_eq!(req.header("content-type"), Some("application/json"));
}

#[test]
fn base_url_override_and_extra_headers() {
    let opts = waihu::BuildOptions { base_url: Some("https://127.0.0.1:9/by/".into()), now: NOW, headers: [("X-Trace".to_string(), "1".to_string())].into(), ..Default::default() };
    let req = V.build_request(op("startTask"), &json!({"taskId": 1}), &creds(), &opts).unwrap();
    assert_eq!(req.url, "https://127.0.0.1:9/by/openapi/v1/task/start");
    assert_eq!(req.header("X-Trace"), Some("1"));
    assert_eq!(req.header("sign"), Some(SIG));
}

// ---- the pages' examples ----

#[test]
fn the_pages_create_example_gives_only_the_hours_warnings() {
    // The 09:00–20:00 note is a warning (enforcement UNVERIFIED); the page dials 08:00–22:00.
    let got = issues(V, "createTask", page_create());
    assert_eq!(got, vec![("workingStartTime".into(), OutsideAllowedHours, Warning), ("workingEndTime".into(), OutsideAllowedHours, Warning)]);
    // Warnings do not stop the build: the body is the example's (one concurrencyQuota).
    let req = built(V, "createTask", page_create(), creds(), None, NOW);
    assert_request(&req, "POST", &format!("{BASE}v1/task/createTask"), &headers(), Some(&page_create().to_string()));
    let typed: ByrobotCreateTaskParams = serde_json::from_value(page_create()).unwrap();
    assert_eq!(typed.concurrencyQuota, Some(1));
    assert_eq!(typed.taskType, 2);
    assert_clean(V, "createTask", valid_create());
}

#[test]
fn the_examples_pages_create_body_lacks_only_the_now_required_call_type() {
    // The current doc makes callType required (src/vendors/byrobot/README.md); the examples page predates it.
    let got = issues(V, "createTask", create_examples_page());
    assert_eq!(got, vec![
        ("workingStartTime".into(), OutsideAllowedHours, Warning),
        ("workingEndTime".into(), OutsideAllowedHours, Warning),
        ("callType".into(), Required, Error),
    ]);
    let fixed = with(create_examples_page(), json!({"callType": 0}));
    let req = built(V, "createTask", fixed.clone(), creds(), None, NOW);
    assert_eq!(req.body, Some(fixed.to_string()));
    let _: ByrobotCreateTaskParams = serde_json::from_value(fixed).unwrap();
}

#[test]
fn the_import_examples_validate_clean_and_build_to_v2() {
    let page: Value = serde_json::from_str(&strip_comments(IMPORT_PAGE_EXAMPLE)).unwrap();
    let examples_page = json!({"companyId" : 1, "taskId" : 67, "customerInfoList" : [{"name" : "张三", "phone" : "13333333333"}, {"name" : "李四", "phone" : "15555555555"}]});
    assert_eq!(page, examples_page);
    assert_clean(V, "importCustomers", page.clone());
    let req = built(V, "importCustomers", page.clone(), creds(), None, NOW);
    assert_request(&req, "POST", &format!("{BASE}v2/task/importTaskCustomer"), &headers(), Some(&page.to_string()));
    let typed: ByrobotImportCustomersParams = serde_json::from_value(page).unwrap();
    assert_eq!(typed.customerInfoList.len(), 2);
    // The current doc's v2 example repeats one row, and the doc says the vendor drops repeated
    // phones itself (同一个任务，电话号码不能重复，重复号码自动去重, README.md [B-task]): a warning.
    let v2 = json!({"taskId":10000, "companyId":2000, "customerInfoList":[
        {"name":"测试0", "phone":"18311110000", "properties":{"还款金额":"888","user_id":"33542"}},
        {"name":"测试0", "phone":"18311110000", "properties":{"还款金额":"888","user_id":"33542"}}]});
    assert_one(V, "importCustomers", v2.clone(), "customerInfoList[1].phone", DuplicateValue, Warning);
    assert_eq!(built(V, "importCustomers", v2.clone(), creds(), None, NOW).body, Some(v2.to_string()));
    let _: ByrobotImportCustomersParams = serde_json::from_value(v2).unwrap();
}

#[test]
fn the_lifecycle_and_query_examples_validate_clean() {
    for op in ["startTask", "pauseTask", "stopTask"] {
        assert_clean(V, op, json!({"taskId": 11}));
        let req = built(V, op, json!({"taskId":11}), creds(), None, NOW);
        assert_eq!(req.body.as_deref(), Some(r#"{"taskId":11}"#));
    }
    let _: ByrobotTaskIdParams = serde_json::from_value(json!({"taskId": 11})).unwrap();
    let _: ByrobotTaskIdParams = serde_json::from_value(json!({"taskId": "13487"})).unwrap();
    assert_clean(V, "listCalls", list_calls_example());
    let typed: ByrobotListCallsParams = serde_json::from_value(list_calls_example()).unwrap();
    assert_eq!(typed.resultQueryList.map(|l| l.len()), Some(1));
    // The Java sample's values (66, 10–59, 0–9, finishStatus 0) too.
    assert_clean(V, "listCalls", json!({"callJobId": 66, "durationLeft": 10, "durationRight": 59, "chatRoundLeft": 0, "chatRoundRight": 9, "finishStatus": 0,
        "resultQueryList": [{"name": "客户意向等级", "value": "B级(一般)"}]}));
}

#[test]
fn the_current_docs_examples_deserialize() {
    // [B-task]'s create example with smsSendLevel and redial rules.
    let create = json!({"companyId":1, "taskName":"测试任务", "taskType":2, "startDate":"2017-10-19", "workingStartTime":"09:00", "workingEndTime":"20:00",
        "breakStartTime":"12:00", "breakEndTime":"13:00", "userPhoneIds":[1], "callType":0, "concurrencyQuota":1, "robotDefId":1, "smsType":1,
        "smsSendLevel":["A级(有明确意向)", "B级(可能有意向)"], "smsTemplateId":4198, "remark":"创建任务", "repeatCall":true, "defaultIntentionRule":true,
        "repeatCallRule":[{"phoneStatus":9, "times":1, "interval":5}, {"phoneStatus":10, "times":1, "interval":5}]});
    assert_clean(V, "createTask", create.clone());
    let _: ByrobotCreateTaskParams = serde_json::from_value(create).unwrap();
    // [B-task]'s update example sends one userPhoneIds as a number.
    let update = json!({"companyId": 123, "taskId": 1669, "taskName": "test", "taskType": 1, "userPhoneIds": 1, "callType": 1, "concurrencyQuota": 2,
        "concurrencyPhone": 4, "startDate": "2018-12-12", "workingStartTime": "09:00", "workingEndTime": "20:00", "breakStartTime": "12:00",
        "breakEndTime": "14:00", "repeatCall": true, "repeatCallRule": [{"phoneStatus": 9, "times": 1, "interval": 5}, {"phoneStatus": 10, "times": 1, "interval": 5}]});
    assert_clean(V, "updateTask", update.clone());
    let typed: ByrobotUpdateTaskParams = serde_json::from_value(update).unwrap();
    assert_eq!(typed.userPhoneIds, waihu::wire::IdList::One(waihu::wire::Id::Num(1)));
    let _: ByrobotGetTaskParams = serde_json::from_value(json!({"companyId": 1, "taskId": 66})).unwrap();
    let _: ByrobotListTasksParams = serde_json::from_value(json!({"companyId": 1})).unwrap();
    let _: ByrobotGetCallParams = serde_json::from_value(json!({"callInstanceId": 695})).unwrap();
    let _: ByrobotListPendingParams = serde_json::from_value(json!({"taskId": 67})).unwrap();
    let _: ByrobotListFailedCallbacksParams =
        serde_json::from_value(json!({"companyId": 1, "dataType": 0, "startDate": "2017-10-19", "endDate": "2017-10-19"})).unwrap();
    let _: ByrobotListSmsTemplatesParams = serde_json::from_value(json!({"companyId": 1, "status": 1, "pageNum": 1, "pageSize": 5})).unwrap();
}

// ---- rules ----

#[test]
fn create_required_fields_and_types() {
    let got = errors(V, "createTask", json!({}));
    assert_eq!(got, vec![
        ("companyId".into(), Required),
        ("taskName".into(), Required),
        ("taskType".into(), Required),
        ("userPhoneIds".into(), Required),
        ("robotDefId".into(), Required),
        ("callType".into(), Required),
    ]);
    assert_one(V, "createTask", json!([]), "", InvalidType, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"taskName": ""})), "taskName", Required, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"companyId": "abc"})), "companyId", InvalidType, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"taskNmae": "typo"})), "taskNmae", UnrecognizedKey, Warning);
    // sceneDefId / sceneRecordId left the current table: optional.
    assert_clean(V, "createTask", with(valid_create(), json!({"sceneDefId": null, "sceneRecordId": null})));
}

#[test]
fn enums() {
    assert_one(V, "createTask", with(valid_create(), json!({"taskType": 3})), "taskType", InvalidEnum, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"callType": 3})), "callType", InvalidEnum, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"callType": 2})));
    assert_one(V, "createTask", with(valid_create(), json!({"smsType": 2})), "smsType", InvalidEnum, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"smsType": 0})));
    assert_one(V, "createTask", with(valid_create(), json!({"smsSendLevel": ["A级(有明确意向)", "A级"]})), "smsSendLevel[1]", InvalidEnum, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"smsSendLevel": [1]})), "smsSendLevel[0]", InvalidType, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"smsSendLevel": ["F级(无效客户)"]})));
}

#[test]
fn start_date_is_required_only_for_scheduled_tasks() {
    assert_clean(V, "createTask", with(valid_create(), json!({"startDate": null})));
    assert_one(V, "createTask", with(valid_create(), json!({"startDate": null, "taskType": 1})), "startDate", Required, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"taskType": 1})));
    assert_one(V, "createTask", with(valid_create(), json!({"startDate": "2017/10/19"})), "startDate", InvalidFormat, Error);
    // The given table's swapped examples (contradiction 6): taskType "2017-10-19", startDate 1.
    let swapped = errors(V, "createTask", with(valid_create(), json!({"taskType": "2017-10-19", "startDate": 1})));
    assert_eq!(swapped, vec![("taskType".into(), InvalidType), ("startDate".into(), InvalidType)]);
}

#[test]
fn working_window() {
    assert_one(V, "createTask", with(valid_create(), json!({"workingStartTime": "08:59"})), "workingStartTime", OutsideAllowedHours, Warning);
    assert_one(V, "createTask", with(valid_create(), json!({"workingEndTime": "20:01"})), "workingEndTime", OutsideAllowedHours, Warning);
    assert_one(V, "createTask", with(valid_create(), json!({"workingStartTime": "15:00", "workingEndTime": "11:00", "breakStartTime": null, "breakEndTime": null})),
        "workingEndTime", RangeInverted, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"workingStartTime": "9:00"})), "workingStartTime", InvalidFormat, Error);
    // Both are optional.
    assert_clean(V, "createTask", with(valid_create(), json!({"workingStartTime": null, "workingEndTime": null})));
}

#[test]
fn break_window() {
    assert_clean(V, "createTask", with(valid_create(), json!({"breakStartTime": null, "breakEndTime": null})));
    assert_one(V, "createTask", with(valid_create(), json!({"breakEndTime": null})), "breakEndTime", Required, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartTime": null})), "breakStartTime", Required, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartTime": "13:00", "breakEndTime": "12:00"})), "breakEndTime", RangeInverted, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartTime": "12:00", "breakEndTime": "12:00"})), "breakEndTime", RangeInverted, Error);
    // Inside the working window: no vendor documents that rule, so a warning (issue 12 item 8).
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartTime": "19:30", "breakEndTime": "20:30"})), "breakEndTime", OutsideDailyWindow, Warning);
    let got = issues(V, "createTask", with(valid_create(), json!({"breakStartTime": "06:00", "breakEndTime": "07:00"})));
    assert_eq!(got, vec![("breakStartTime".into(), OutsideDailyWindow, Warning), ("breakEndTime".into(), OutsideDailyWindow, Warning)]);
    // `HH:mm:ss`, as getTaskDetail returns it ("workingStartTime": "09:00:00", README.md), sent back in an update.
    assert_clean(V, "updateTask", with(valid_update(), json!({"workingStartTime": "09:00:00", "workingEndTime": "20:00:00", "breakStartTime": "12:00:00", "breakEndTime": "13:30:00"})));
    // Without a working window there is nothing to be inside of.
    assert_clean(V, "createTask", with(valid_create(), json!({"workingStartTime": null, "workingEndTime": null, "breakStartTime": "06:00", "breakEndTime": "07:00"})));
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartTime": "12"})), "breakStartTime", InvalidFormat, Error);
}

#[test]
fn caller_lines_and_seats() {
    assert_one(V, "createTask", with(valid_create(), json!({"userPhoneIds": []})), "userPhoneIds", TooSmall, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"userPhoneIds": [1, "x"]})), "userPhoneIds[1]", InvalidType, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"userPhoneIds": 1})), "userPhoneIds", InvalidType, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"userPhoneIds": [20123, "20124"]})));
    assert_one(V, "createTask", with(valid_create(), json!({"concurrencyQuota": 0})), "concurrencyQuota", TooSmall, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"concurrencyQuota": null})));
    assert_one(V, "createTask", with(valid_create(), json!({"phoneNum": 0})), "phoneNum", TooSmall, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"openElasticity": "yes"})), "openElasticity", InvalidType, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"defaultIntentionRule": 1})), "defaultIntentionRule", InvalidType, Error);
}

#[test]
fn redial_rules() {
    let rule = |s: i64, t: i64, i: i64| json!({"phoneStatus": s, "times": t, "interval": i});
    assert_clean(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(2, 1, 0), rule(10, 5, 120)]})));
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true})), "repeatCallRule", Required, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": []})), "repeatCallRule", TooSmall, Error);
    assert_clean(V, "createTask", with(valid_create(), json!({"repeatCall": false})));
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": "true"})), "repeatCall", InvalidType, Error);
    for status in [0, 1, 4, 8, 11] {
        assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(status, 1, 5)]})), "repeatCallRule[0].phoneStatus", InvalidEnum, Error);
    }
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(2, 0, 5)]})), "repeatCallRule[0].times", TooSmall, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(2, 6, 5)]})), "repeatCallRule[0].times", TooBig, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(2, 1, -1)]})), "repeatCallRule[0].interval", TooSmall, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [rule(2, 1, 121)]})), "repeatCallRule[0].interval", TooBig, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": [{"phoneStatus": 2, "times": 1}]})), "repeatCallRule[0].interval", Required, Error);
    assert_one(V, "createTask", with(valid_create(), json!({"repeatCall": true, "repeatCallRule": ["x"]})), "repeatCallRule[0]", InvalidType, Error);
}

#[test]
fn update_rules() {
    assert_clean(V, "updateTask", valid_update());
    let got = errors(V, "updateTask", json!({}));
    assert_eq!(got, vec![
        ("companyId".into(), Required),
        ("taskId".into(), Required),
        ("taskName".into(), Required),
        ("taskType".into(), Required),
        ("userPhoneIds".into(), Required),
        ("callType".into(), Required),
        ("concurrencyQuota".into(), Required),
    ]);
    // robotDefId is optional on update; startDate is optional even for taskType 1.
    assert_clean(V, "updateTask", with(valid_update(), json!({"robotDefId": null, "taskType": 1, "startDate": null})));
    assert_one(V, "updateTask", with(valid_update(), json!({"concurrencyPhone": 101, "concurrencyQuota": 100})), "concurrencyPhone", TooBig, Error);
    assert_clean(V, "updateTask", with(valid_update(), json!({"concurrencyPhone": 100, "concurrencyQuota": 50})));
    // At most twice the seats.
    let all = full_issues(V, "updateTask", with(valid_update(), json!({"concurrencyPhone": 5, "concurrencyQuota": 2})), &Default::default());
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].path_string().as_str(), all[0].code), ("concurrencyPhone", TooBig));
    assert_eq!(all[0].params, waihu::params! {"maximum": 4, "type": "number"});
    assert_one(V, "updateTask", with(valid_update(), json!({"breakStartClose": "true"})), "breakStartClose", InvalidType, Error);
    assert_one(V, "updateTask", with(valid_update(), json!({"userPhoneIds": "x"})), "userPhoneIds", InvalidFormat, Error);
    assert_one(V, "updateTask", with(valid_update(), json!({"userPhoneIds": "1,,2"})), "userPhoneIds", InvalidFormat, Error);
    assert_one(V, "updateTask", with(valid_update(), json!({"userPhoneIds": []})), "userPhoneIds", TooSmall, Error);
    assert_one(V, "updateTask", with(valid_update(), json!({"userPhoneIds": [1, 0]})), "userPhoneIds[1]", TooSmall, Error);
    // The update-only keys are unknown on create.
    assert_one(V, "createTask", with(valid_create(), json!({"breakStartClose": true})), "breakStartClose", UnrecognizedKey, Warning);
}

/// task/update's `userPhoneIds`: the doc types it int with the example `1` and says several ids
/// are separated by `,` (外呼号码列表，当有多个外呼号码时可以用[,]分隔); the vendor's demo sends the
/// string `"255"` (README.md [B-task], [B-demo] `updateTaskTest`). One id, a joined string and a
/// list are all accepted; numbers and strings are sent as given, a list joined as the demo's
/// String field would hold it.
#[test]
fn update_takes_user_phone_ids_as_the_doc_and_the_demo_send_them() {
    let demo = with(valid_update(), json!({"taskId": 1, "taskName": "ss", "userPhoneIds": "255", "concurrencyQuota": 1, "callType": 2, "companyId": 23, "concurrencyPhone": null}));
    for (given, sent) in [(json!("255"), json!("255")), (json!(1), json!(1)), (json!("12,13"), json!("12,13")), (json!([12, "13"]), json!("12,13")), (json!(["1734567890123456789"]), json!("1734567890123456789"))] {
        let params = with(demo.clone(), json!({"userPhoneIds": given}));
        assert_clean(V, "updateTask", params.clone());
        let req = built(V, "updateTask", params, creds(), None, NOW);
        let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["userPhoneIds"], sent);
    }
    // createTask's is a List ([B-task] `[20123]`, the demo's `List<Integer>`): only a list.
    assert_one(V, "createTask", with(valid_create(), json!({"userPhoneIds": "1,2"})), "userPhoneIds", InvalidType, Error);
    assert_eq!(serde_json::from_str::<Value>(built(V, "createTask", valid_create(), creds(), None, NOW).body.as_deref().unwrap()).unwrap()["userPhoneIds"], json!([1]));
}

#[test]
fn task_id_operations() {
    for op in ["startTask", "pauseTask", "stopTask", "deleteTask"] {
        assert_one(V, op, json!({}), "taskId", Required, Error);
        assert_one(V, op, json!({"taskId": 0}), "taskId", TooSmall, Error);
        assert_one(V, op, json!({"taskId": 1, "companyId": 1}), "companyId", UnrecognizedKey, Warning);
    }
    assert_clean(V, "deleteTask", json!({"taskId": "13487"}));
}

fn customers(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"name": format!("c{i}"), "phone": format!("138{:08}", i)})).collect()
}

#[test]
fn import_limits_phones_and_duplicates() {
    assert_clean(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": customers(10_000)}));
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": customers(10_001)}), "customerInfoList", TooBig, Error);
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": []}), "customerInfoList", TooSmall, Error);
    let got = errors(V, "importCustomers", json!({}));
    assert_eq!(got, vec![("companyId".into(), Required), ("taskId".into(), Required), ("customerInfoList".into(), Required)]);
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"name": "x"}]}), "customerInfoList[0].phone", Required, Error);
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "call me"}]}), "customerInfoList[0].phone", InvalidPhone, Error);
    // The pages' own numbers, including the short service number 1008, pass.
    assert_clean(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "1008"}, {"phone": "17751279857"}, {"phone": "13998987676"}, {"phone": "18011122333"}]}));
    let dup = json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "13800000001"}, {"phone": "13800000002"}, {"phone": "138 0000 0001"}]});
    let all = full_issues(V, "importCustomers", dup, &Default::default());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].path_string(), "customerInfoList[2].phone");
    assert_eq!(all[0].params, waihu::params! {"firstIndex": 0, "index": 2});
    // properties is Map<String,String>.
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "13800000001", "properties": {"金额": 10}}]}),
        "customerInfoList[0].properties.金额", InvalidType, Error);
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "13800000001", "name": 5}]}), "customerInfoList[0].name", InvalidType, Error);
    assert_one(V, "importCustomers", json!({"companyId": 1, "taskId": 1, "customerInfoList": [{"phone": "13800000001", "mobile": "x"}]}), "customerInfoList[0].mobile", UnrecognizedKey, Warning);
}

#[test]
fn list_calls_rules() {
    let base = list_calls_example();
    assert_one(V, "listCalls", with(base.clone(), json!({"durationLeft": 101})), "durationRight", RangeInverted, Error);
    assert_clean(V, "listCalls", with(base.clone(), json!({"durationLeft": 100})));
    assert_one(V, "listCalls", with(base.clone(), json!({"chatRoundLeft": 11})), "chatRoundRight", RangeInverted, Error);
    assert_one(V, "listCalls", with(base.clone(), json!({"durationLeft": -1})), "durationLeft", TooSmall, Error);
    for status in [0, 3, 11, 22] {
        assert_clean(V, "listCalls", with(base.clone(), json!({"finishStatus": status})));
    }
    for status in [12, 21, -1] {
        assert_one(V, "listCalls", with(base.clone(), json!({"finishStatus": status})), "finishStatus", InvalidEnum, Error);
    }
    assert_one(V, "listCalls", with(base.clone(), json!({"resultQueryList": [{"name": "客户意向等级"}]})), "resultQueryList[0].value", Required, Error);
    assert_one(V, "listCalls", with(base.clone(), json!({"resultQueryList": {"name": "x"}})), "resultQueryList", InvalidType, Error);
    assert_one(V, "listCalls", with(base.clone(), json!({"pageSize": 51})), "pageSize", TooBig, Error);
    assert_one(V, "listCalls", with(base.clone(), json!({"pageSize": 0})), "pageSize", TooSmall, Error);
    assert_clean(V, "listCalls", with(base.clone(), json!({"pageSize": 50, "pageNum": 3})));
    assert_one(V, "listCalls", with(base, json!({"callJobId": null})), "callJobId", Required, Error);
}

#[test]
fn lookup_and_paging_rules() {
    assert_one(V, "listTasks", json!({}), "companyId", Required, Error);
    assert_one(V, "listTasks", json!({"companyId": 1, "pageSize": 101}), "pageSize", TooBig, Error);
    assert_one(V, "listTasks", json!({"companyId": 1, "pageNum": 0}), "pageNum", TooSmall, Error);
    assert_one(V, "listTasks", json!({"companyId": 1, "status": 11}), "status", InvalidEnum, Error);
    assert_clean(V, "listTasks", json!({"companyId": 1, "status": 10}));
    assert_one(V, "listTasks", json!({"companyId": 1, "createDate": "2017-10-32"}), "createDate", InvalidFormat, Error);
    assert_one(V, "listTasks", json!({"companyId": 1, "needAll": "true"}), "needAll", InvalidType, Error);
    assert_one(V, "getTask", json!({"companyId": 1}), "taskId", Required, Error);
    assert_one(V, "getCall", json!({}), "callInstanceId", Required, Error);
    assert_one(V, "listPendingCustomers", json!({"taskId": 1, "pageSize": 51}), "pageSize", TooBig, Error);
    assert_one(V, "listPendingCustomers", json!({}), "taskId", Required, Error);
    assert_one(V, "getTaskVariables", json!({"companyId": 1}), "sceneDefId", Required, Error);
    assert_one(V, "listCallerLines", json!({}), "companyId", Required, Error);
    assert_one(V, "getSeatStats", json!({}), "companyId", Required, Error);
    assert_one(V, "listRobots", json!({"companyId": 1, "robotStatus": 3}), "robotStatus", InvalidEnum, Error);
    assert_one(V, "listCompanies", json!({"companyId": 1}), "companyId", UnrecognizedKey, Warning);
    assert_one(V, "listSmsTemplates", json!({"companyId": 1, "pageNum": 1, "pageSize": 5, "status": 0}), "status", InvalidEnum, Error);
    assert_eq!(errors(V, "listSmsTemplates", json!({"companyId": 1})), vec![("pageNum".into(), Required), ("pageSize".into(), Required)]);
}

#[test]
fn failed_callback_rules() {
    let ok = json!({"companyId": 1, "dataType": 1, "startDate": "2017-10-19", "endDate": "2017-10-19"});
    assert_clean(V, "listFailedCallbacks", ok.clone());
    let got = errors(V, "listFailedCallbacks", json!({}));
    assert_eq!(got, vec![("companyId".into(), Required), ("dataType".into(), Required), ("startDate".into(), Required), ("endDate".into(), Required)]);
    assert_one(V, "listFailedCallbacks", with(ok.clone(), json!({"dataType": 2})), "dataType", InvalidEnum, Error);
    assert_one(V, "listFailedCallbacks", with(ok.clone(), json!({"endDate": "2017-10-18"})), "endDate", RangeInverted, Error);
    assert_one(V, "listFailedCallbacks", with(ok.clone(), json!({"startDate": "2017-10-19 10:00:00"})), "startDate", InvalidFormat, Error);
    assert_one(V, "listFailedCallbacks", with(ok.clone(), json!({"pageSize": 501})), "pageSize", TooBig, Error);
    assert_clean(V, "listFailedCallbacks", with(ok, json!({"pageSize": 500, "callJobId": 3})));
}

#[test]
fn blacklist_params_pass_through() {
    // Undocumented in src/vendors/byrobot/README.md: anything object-shaped passes; only a non-object is refused.
    for name in ["addBlacklist", "addBlacklistBatch", "listBlacklist", "deleteBlacklistEntries", "listBlacklistGroups", "createBlacklistGroup", "updateBlacklistGroup", "deleteBlacklistGroup"] {
        assert_clean(V, name, json!({"anything": [1, {"x": null}]}));
        assert_one(V, name, json!("x"), "", InvalidType, Error);
    }
}

#[test]
fn build_reports_params_and_credentials_together() {
    let err = build(V, "startTask", json!({}), json!({"appKey": "k"}), None, NOW).unwrap_err();
    let Error::ValidationError { issues, .. } = err else { panic!() };
    let paths: Vec<String> = issues.iter().map(|i| i.path_string()).collect();
    assert_eq!(paths, vec!["taskId", "credentials.appSecret"]);
    let err = build(V, "startTask", json!({"taskId": 1}), json!("k"), None, NOW).unwrap_err();
    assert!(matches!(err, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "credentials"));
    let err = build(V, "startTask", json!({"taskId": 1}), creds(), Some("api.byrobot.cn"), NOW).unwrap_err();
    assert!(matches!(err, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "baseUrl"));
}

#[test]
fn unsupported_operations_are_clear() {
    for name in ["setConcurrency", "getCreateOptions", "batchTaskAction", "getAccount", "listScripts", "deleteCustomers"] {
        let e = V.validate(op(name), &json!({}), &Default::default()).unwrap_err();
        assert_eq!(e.code(), "unsupported_operation");
        let e = build(V, name, json!({}), creds(), None, NOW).unwrap_err();
        assert_eq!(e.name(), "UnsupportedOperationError");
        assert!(parse(V, name, 200, r#"{"code":200}"#).is_err());
    }
}

// ---- replies ----

#[test]
fn replies_and_documented_codes() {
    let ok = parse(V, "createTask", 200, r#"{"code": 200, "data": 67, "resultMsg": "操作成功", "errorStackTrace": null}"#).unwrap();
    assert_eq!(ok, json!(67));
    assert_eq!(parse(V, "pauseTask", 200, r#"{"code": 200, "data": null, "resultMsg": "启动成功", "errorStackTrace": null}"#).unwrap(), Value::Null);
    let v2 = parse(V, "importCustomers", 200, r#"{"code":200,"data":{"msg":"本次导入：3个客户","successNum":3,"repeatNum":0,"placeFailNum":0},"resultMsg":"操作成功","errorStackTrace":null,"requestId":null}"#).unwrap();
    let typed: ByrobotImportResult = serde_json::from_value(v2).unwrap();
    assert_eq!(typed.successNum, 3);
    for (code, retryable) in [(401, false), (403, false), (404, false), (408, false), (412, false), (500, true)] {
        let e = vendor_error(V, "startTask", 200, &format!(r#"{{"code":{code},"data":null,"requestId":"GDFVVSAE","resultMsg":"失败","errorStackTrace":"x"}}"#));
        assert_eq!(e.code, code.to_string());
        assert_eq!(e.request_id.as_deref(), Some("GDFVVSAE"));
        assert_eq!(e.vendor_message, "失败");
        assert!(!e.explanation.is_empty(), "{code} is documented");
        assert_eq!(e.retryable, retryable, "{code}");
        assert_eq!(e.vendor, V);
    }
    // 408 = clock skew over 3 minutes [B-err].
    let e = vendor_error(V, "listTasks", 408, r#"{"code":408,"resultMsg":"时间选择不对"}"#);
    assert!(e.explanation.contains("3 minutes"), "{}", e.explanation);
    assert_eq!(e.status, 408);
    assert_eq!(e.request_id, None);
    let zh = match parse_zh(V, "startTask", 200, r#"{"code":412,"resultMsg":"x"}"#) { Err(Error::VendorError(e)) => e.explanation, other => panic!("{other:?}") };
    assert_eq!(zh, "参数错误");
    // An undocumented code: no invented explanation.
    let e = vendor_error(V, "startTask", 200, r#"{"code":"999","resultMsg":"x"}"#);
    assert_eq!((e.code.as_str(), e.explanation.as_str()), ("999", ""));
}

#[test]
fn sms_template_list_envelope() {
    let body = r#"{"data":{"pageNum":1,"pageSize":20,"total":51,"pages":3,"list":[{"smsTemplateId":1,"companyId":1,"name":"测试- 22","status":2}]},"code":200,"msg":"查询成功","success":true}"#;
    let data = parse(V, "listSmsTemplates", 200, body).unwrap();
    assert_eq!(data["total"], json!(51));
    let e = vendor_error(V, "listSmsTemplates", 200, r#"{"data":null,"code":403,"msg":"权限不足","success":false}"#);
    assert_eq!((e.code.as_str(), e.vendor_message.as_str(), e.retryable), ("403", "权限不足", false));
    assert!(!e.explanation.is_empty());
    let e = vendor_error(V, "listSmsTemplates", 200, r#"{"data":null,"code":200,"msg":"失败","success":false}"#);
    assert_eq!(e.code, "200");
    // A ResultModel-shaped error is read too.
    let e = vendor_error(V, "listSmsTemplates", 200, r#"{"code":401,"resultMsg":"校验数据错误","requestId":"R1"}"#);
    assert_eq!((e.vendor_message.as_str(), e.request_id.as_deref()), ("校验数据错误", Some("R1")));
    for body in ["", "<html>", "[]", r#"{"msg":"x"}"#] {
        assert!(matches!(parse(V, "listSmsTemplates", 200, body), Err(Error::ResponseError { .. })), "{body}");
    }
}

/// The examples page's replies, comments stripped, parse and fit the result types.
#[test]
fn the_pages_replies_fit_the_result_types() {
    let tasks = r#"{"code": 200, "data": {"pageNum": 2, // 第几页
        "pageSize": 2, "size": 2, "orderBy": null, "startRow": 3, "endRow": 4, "total": 46, "pages": 23,
        "list": [{"callJobId": 66, "jobName": "撒的发生", "jobType": 2, "startDate": "2017-10-25", "workingStartTime": "09:00:00",
            "workingEndTime": "21:00:00", "status": 2, // 任务状态
            "sceneDefId": 1, "remark": "", "totalCount": null, "doneCount": null, "calledCount": null, "callPhones": null}]},
        "resultMsg": "操作成功", "errorStackTrace": null}"#;
    let data = parse(V, "listTasks", 200, &strip_comments(tasks)).unwrap();
    let page: ByrobotTaskPage = serde_json::from_value(data).unwrap();
    assert_eq!((page.total, page.list[0].callJobId.clone()), (46, waihu::wire::Id::Num(66)));
    let calls = r#"{"code": 200, "data": {"pageNum": 1, "pageSize": 2, "size": 2, "orderBy": null, "startRow": 0, "endRow": 1, "total": 2, "pages": 1,
        "list": [{"callInstanceId": 493, // 任务实例id
            "sceneDefId": 1, "callJobId": 62, "customerTelephone": "1008", "customerName": "测试02", "status": 2, "finishStatus": 0,
            "duration": "27秒", "chatRound": 0, "startTime": "2017-10-25 11:32:54", "endTime": "2017-10-25 11:33:22", "callerPhone": "15868457106",
            "luyinOssUrl": "https://jingrobot-dev.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/493.mp3", // 通话录音
            "secondaryCallTime": "1970-01-01 11:18:13", "secondaryCallTimes": 0, "jobName": "电话任务", "resultList": [{"name": "催缴结果", "value": "成功"}]}]},
        "resultMsg": "操作成功", "errorStackTrace": null}"#;
    let data = parse(V, "listCalls", 200, &strip_comments(calls)).unwrap();
    let page: ByrobotCallPage = serde_json::from_value(data).unwrap();
    assert_eq!(page.list[0].duration, Some(ByrobotNumOrText::Text("27秒".into())));
    assert_eq!(page.list[0].luyinOssUrl.as_deref(), Some("https://jingrobot-dev.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/493.mp3"));
}

#[test]
fn unreadable_replies_are_response_errors() {
    for (status, body, retryable) in [(200, "", false), (502, "<html>Bad Gateway</html>", true), (200, "{\"code\":", false), (200, "[1,2]", false), (200, "{\"data\":1}", false), (500, "null", true), (408, "", true)] {
        for name in ["startTask", "listTasks"] {
            match parse(V, name, status, body) {
                Err(Error::ResponseError { status: s, retryable: r, .. }) => {
                    assert_eq!(s, status);
                    assert_eq!(r, retryable, "{body}");
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }
}
