//! Itniotech (AI Voice): golden requests, rules, codes, replies and signature vectors.
//! Sources: src/vendors/itniotech/README.md [I-edit] and src/vendors/itniotech/README.md.

mod common;

use common::*;
use waihu::vendors::itniotech;
use serde_json::{json, Value};
use waihu::issue::{IssueCode::*, Severity::*};
use waihu::vendors::itniotech::types::*;
use waihu::{BuildOptions, ValidateOptions};
use waihu::{Error, Locale, Vendor};

const V: Vendor = itniotech::VENDOR;
/// src/vendors/itniotech/README.md's vector time, 2021-09-01 04:00:00 UTC, in ms.
const NOW: f64 = 1_630_468_800_000.0;

fn creds() -> Value {
    json!({"apiKey": "demoApiKey", "apiSecret": "demoApiSecret", "appId": "demoAppId"})
}

/// The expected `Sign`, computed by python's hashlib.
fn py_sign(key: &str, secret: &str, ts: &str) -> String {
    python(&format!("import hashlib; print(hashlib.md5(({} + {} + {}).encode('utf-8')).hexdigest())", py_str(key), py_str(secret), py_str(ts)))
}

/// Builds `op` with the demo credentials at NOW and checks the whole request.
#[track_caller]
fn golden(operation: &str, params: Value, path: &str, body: &str) {
    let req = built(V, operation, params, creds(), None, NOW);
    let sign = "1ace6a82b79ca58aa1ad8aebfe99704a";
    assert_request(
        &req,
        "POST",
        &format!("https://api.itniotech.com{path}"),
        &[("Content-Type", "application/json;charset=UTF-8"), ("Sign", sign), ("Timestamp", "1630468800"), ("Api-Key", "demoApiKey")],
        Some(body),
    );
}

fn task() -> Value {
    json!({
        "name": "t1", "dialogFlowId": 8663, "mode": "MANUAL", "dailyStartDateTime": "09:00", "dailyEndDateTime": "20:00",
        "robotCount": 1, "jobPhoneNumberId": 2959, "redial": false
    })
}

fn with(mut base: Value, patch: Value) -> Value {
    if let (Some(b), Some(p)) = (base.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

fn without(mut base: Value, key: &str) -> Value {
    base.as_object_mut().unwrap().remove(key);
    base
}

/// The page's taskEdit example request body, verbatim.
const PAGE_EXAMPLE: &str = r#"{
    "appId":"LILIN888",
    "jobId":123,
    "name":"lilinname2",
    "dialogFlowId":8663,
    "mode":"AUTO",
    "dailyStartDateTime":"09:00",
    "dailyEndDateTime":"20:00",
    "robotCount":1,
    "jobPhoneNumberId":2959,
    "redial":false,
     "startDateTime": "2022-09-16 08:00:00",
    "endDateTime": "2023-02-07 10:00:00"
}"#;

// ---------------------------------------------------------------- signing

#[test]
fn notes_signature_vector() {
    // src/vendors/itniotech/README.md: demoApiKey + demoApiSecret + 1630468800.
    assert_eq!(py_sign("demoApiKey", "demoApiSecret", "1630468800"), "1ace6a82b79ca58aa1ad8aebfe99704a");
    assert_eq!(waihu::vendors::itniotech::signature("demoApiKey", "demoApiSecret", "1630468800"), "1ace6a82b79ca58aa1ad8aebfe99704a");
}

#[test]
fn signature_vectors_match_python() {
    let cases = [("bD8JFiq9", "s3cr3t", 1_700_000_000_999.0), ("k", "秘密", 0.0), ("a b", "c+d", 1_630_468_800_500.0)];
    for (key, secret, now) in cases {
        let req = built(V, "listScripts", json!({}), json!({"apiKey": key, "apiSecret": secret, "appId": "x"}), None, now);
        // Timestamp is epoch seconds, the milliseconds dropped.
        let ts = ((now as i64) / 1000).to_string();
        assert_eq!(req.header("Timestamp"), Some(ts.as_str()));
        assert_eq!(req.header("Sign").map(str::to_string), Some(py_sign(key, secret, &ts)), "{key}");
        assert_eq!(req.header("Api-Key"), Some(key));
    }
}

// ---------------------------------------------------------------- golden requests

#[test]
fn golden_lookups() {
    golden("listScripts", json!({}), "/aivoice/dialogFlowList", r#"{"appId":"demoAppId"}"#);
    golden("listCallerLines", json!({}), "/aivoice/channelList", r#"{"appId":"demoAppId"}"#);
    // An appId in the params wins over the credentials'.
    golden("listScripts", json!({"appId": "other"}), "/aivoice/dialogFlowList", r#"{"appId":"other"}"#);
}

#[test]
fn golden_task_writes() {
    golden(
        "createTask",
        task(),
        "/aivoice/taskAdd",
        r#"{"appId":"demoAppId","dailyEndDateTime":"20:00","dailyStartDateTime":"09:00","dialogFlowId":8663,"jobPhoneNumberId":2959,"mode":"MANUAL","name":"t1","redial":false,"robotCount":1}"#,
    );
    golden(
        "updateTask",
        with(task(), json!({"jobId": 123, "redial": true, "redialCondition": ["VACANT_NUMBER"], "redialInterval": 30, "redialTimes": 2})),
        "/aivoice/taskEdit",
        r#"{"appId":"demoAppId","dailyEndDateTime":"20:00","dailyStartDateTime":"09:00","dialogFlowId":8663,"jobId":123,"jobPhoneNumberId":2959,"mode":"MANUAL","name":"t1","redial":true,"redialCondition":["VACANT_NUMBER"],"redialInterval":30,"redialTimes":2,"robotCount":1}"#,
    );
    let job = r#"{"appId":"demoAppId","jobId":123}"#;
    golden("startTask", json!({"jobId": 123}), "/aivoice/taskStart", job);
    golden("pauseTask", json!({"jobId": 123}), "/aivoice/taskStop", job);
    golden("deleteTask", json!({"jobId": 123}), "/aivoice/taskDel", job);
    golden("getTaskVariables", json!({"jobId": 123}), "/aivoice/properties", job);
}

#[test]
fn golden_customers() {
    golden(
        "importCustomers",
        json!({"jobId": 123, "callRecordDup": true, "customerPersons": [
            {"name": "张三", "phoneNumber": "13800138000", "gender": "MALE", "properties": {"金额": "100"}},
            {"phoneNumber": "enc:Zm9vYmFy", "gender": null}
        ]}),
        "/aivoice/importCustomer",
        r#"{"appId":"demoAppId","callRecordDup":true,"customerPersons":[{"gender":"MALE","name":"张三","phoneNumber":"13800138000","properties":{"金额":"100"}},{"gender":null,"phoneNumber":"enc:Zm9vYmFy"}],"jobId":123}"#,
    );
    golden(
        "deleteCustomers",
        json!({"jobId": 123, "jobPhoneNumberList": [{"phoneNumber": "13800138000", "name": "张三"}]}),
        "/aivoice/importCustomer/del",
        r#"{"appId":"demoAppId","jobId":123,"jobPhoneNumberList":[{"name":"张三","phoneNumber":"13800138000"}]}"#,
    );
}

#[test]
fn golden_paged_queries_put_app_id_inside_params() {
    golden("listTasks", json!({"current": 1, "size": 20}), "/aivoice/taskList", r#"{"current":1,"params":{"appId":"demoAppId"},"size":20}"#);
    golden("listTasks", json!({"current": 1, "size": 20, "params": null}), "/aivoice/taskList", r#"{"current":1,"params":{"appId":"demoAppId"},"size":20}"#);
    golden(
        "listTasks",
        json!({"current": 2, "size": 100, "params": {"name": "t1"}}),
        "/aivoice/taskList",
        r#"{"current":2,"params":{"appId":"demoAppId","name":"t1"},"size":100}"#,
    );
    golden(
        "listPendingCustomers",
        json!({"current": 1, "size": 10, "params": {"jobId": 123, "taskStatus": "CAN_START"}}),
        "/aivoice/taskNoCall",
        r#"{"current":1,"params":{"appId":"demoAppId","jobId":123,"taskStatus":"CAN_START"},"size":10}"#,
    );
    golden(
        "listCalls",
        json!({"current": 1, "size": 10, "params": {"appId": "mine", "startTime": "2023-01-01 00:00:00", "endTime": "2023-01-02 00:00:00"}}),
        "/aivoice/recordQuery",
        r#"{"current":1,"params":{"appId":"mine","endTime":"2023-01-02 00:00:00","startTime":"2023-01-01 00:00:00"},"size":10}"#,
    );
}

#[test]
fn reads_are_idempotent_writes_are_not() {
    let reads = [
        ("listScripts", json!({})),
        ("listCallerLines", json!({})),
        ("getTaskVariables", json!({"jobId": 1})),
        ("listTasks", json!({"current": 1, "size": 1})),
        ("listPendingCustomers", json!({"current": 1, "size": 1, "params": {"jobId": 1}})),
        ("listCalls", json!({"current": 1, "size": 1, "params": {"startTime": "2023-01-01 00:00:00", "endTime": "2023-01-01 00:00:00"}})),
    ];
    for (o, p) in reads {
        assert!(built(V, o, p, creds(), None, NOW).safe_to_repeat, "{o}");
    }
    for o in ["startTask", "pauseTask", "deleteTask"] {
        assert!(!built(V, o, json!({"jobId": 1}), creds(), None, NOW).safe_to_repeat, "{o}");
    }
    assert!(!built(V, "createTask", task(), creds(), None, NOW).safe_to_repeat);
}

#[test]
fn base_url_and_header_overrides() {
    let req = built(V, "startTask", json!({"jobId": 1}), creds(), Some("http://127.0.0.1:8080/itniotech/"), NOW);
    assert_eq!(req.url, "http://127.0.0.1:8080/itniotech/aivoice/taskStart");
    let opts = BuildOptions { now: NOW, headers: [("origin".to_string(), "java-sdk".to_string())].into(), ..Default::default() };
    let req = V.build_request(op("startTask"), &json!({"jobId": 1}), &creds(), &opts).unwrap();
    assert_eq!(req.header("origin"), Some("java-sdk"));
}

#[test]
fn unsupported_operations() {
    for o in ["stopTask", "setConcurrency", "getTask", "getCall", "getCreateOptions", "batchTaskAction", "addBlacklist"] {
        let err = V.validate(op(o), &json!({}), &ValidateOptions::default()).unwrap_err();
        assert_eq!(err.code(), "unsupported_operation", "{o}");
        assert!(matches!(build(V, o, json!({}), creds(), None, NOW), Err(Error::UnsupportedOperationError { .. })));
        assert!(matches!(parse(V, o, 200, r#"{"status":"0"}"#), Err(Error::UnsupportedOperationError { .. })));
    }
    assert_eq!(V.operations().len(), 13);
}

// ---------------------------------------------------------------- credentials

#[test]
fn credentials_are_all_required() {
    for key in ["apiKey", "apiSecret", "appId"] {
        let mut c = creds();
        c.as_object_mut().unwrap().remove(key);
        match build(V, "listScripts", json!({}), c, None, NOW) {
            Err(Error::ValidationError { issues, .. }) => {
                let got: Vec<_> = issues.iter().map(|i| (i.path_string(), i.code)).collect();
                assert_eq!(got, vec![(format!("credentials.{key}"), Required)]);
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(build(V, "listScripts", json!({}), json!("x"), None, NOW), Err(Error::ValidationError { .. })));
}

// ---------------------------------------------------------------- the page's example

#[test]
fn page_example_validates_and_builds_to_the_documented_body() {
    let example: Value = serde_json::from_str(PAGE_EXAMPLE).unwrap();
    assert_clean(V, "updateTask", example.clone());
    let creds = json!({"apiKey": "bD8JFiq9", "apiSecret": "unknownSecret", "appId": "ignoredBecauseTheBodyHasOne"});
    let req = built(V, "updateTask", example.clone(), creds, None, NOW);
    // The page's Sign (05d7a508…) needs the unknown secret; ours is checked against python.
    let sign = py_sign("bD8JFiq9", "unknownSecret", "1630468800");
    assert_request(
        &req,
        "POST",
        "https://api.itniotech.com/aivoice/taskEdit",
        &[("Content-Type", "application/json;charset=UTF-8"), ("Sign", &sign), ("Timestamp", "1630468800"), ("Api-Key", "bD8JFiq9")],
        Some(r#"{"appId":"LILIN888","dailyEndDateTime":"20:00","dailyStartDateTime":"09:00","dialogFlowId":8663,"endDateTime":"2023-02-07 10:00:00","jobId":123,"jobPhoneNumberId":2959,"mode":"AUTO","name":"lilinname2","redial":false,"robotCount":1,"startDateTime":"2022-09-16 08:00:00"}"#),
    );
    let sent: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent, example);
}

#[test]
fn page_java_and_php_samples_validate_clean() {
    // The Java/PHP samples' params (same in both): no endDateTime, daily end 19:00.
    let sample = json!({
        "appId": "your appid", "jobId": 1000, "name": "your task name", "dialogFlowId": 8553, "mode": "AUTO",
        "dailyStartDateTime": "09:00", "dailyEndDateTime": "19:00", "robotCount": 1, "jobPhoneNumberId": 3126,
        "redial": false, "startDateTime": "2023-09-16 00:00:00"
    });
    assert_clean(V, "updateTask", sample.clone());
    // taskAdd takes the same fields without jobId.
    assert_clean(V, "createTask", without(sample, "jobId"));
}

#[test]
fn page_row_examples_validate_clean() {
    // The rows' own examples for inactiveTimeList, inactiveDateList, daysOfWeek and redialCondition.
    let p = with(
        task(),
        json!({
            "inactiveTimeList": [{"startTime":"12:00", "endTime":"13:00"},{"startTime":"14:00", "endTime":"15:00"},{"startTime":"16:00", "endTime":"17:00"}],
            "inactiveDateList": [{"startDate":"2022-02-05","endDate":"2022-02-07"},{"startDate":"2022-02-08","endDate":"2022-02-09"},{"startDate":"2022-02-10","endDate":"2022-02-11"}],
            "daysOfWeek": ["MONDAY","TUESDAY"],
            "redial": true, "redialCondition": ["CALL_LOSS","NO_ANSWER"], "redialInterval": 1440, "redialTimes": 3,
            "startDateTime": "2021-12-22 00:00:00", "endDateTime": "2022-02-07 10:00:00"
        }),
    );
    assert_clean(V, "createTask", p.clone());
    let typed: ItniotechTaskParams = serde_json::from_value(p).unwrap();
    assert_eq!(typed.daysOfWeek, Some(vec![ItniotechDayOfWeek::MONDAY, ItniotechDayOfWeek::TUESDAY]));
}

// ---------------------------------------------------------------- types

#[test]
fn examples_deserialize_into_the_wire_types() {
    let t: ItniotechTaskParams = serde_json::from_str(PAGE_EXAMPLE).unwrap();
    assert_eq!(t.mode, ItniotechMode::AUTO);
    assert_eq!(t.startDateTime.as_deref(), Some("2022-09-16 08:00:00"));
    assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::from_str::<Value>(PAGE_EXAMPLE).unwrap());
    let _: ItniotechTaskParams = serde_json::from_value(task()).unwrap();
    let i: ItniotechImportCustomersParams = serde_json::from_value(json!({"appId": "a", "jobId": 1, "callRecordDup": false, "customerPersons": [
        {"name": "n", "phoneNumber": "13800138000", "gender": "FEMALE", "properties": {"a": "x", "b": 2, "c": true}},
        {"phoneNumber": "1", "gender": null}
    ]}))
    .unwrap();
    assert_eq!(i.customerPersons[1].gender, None);
    let _: ItniotechDeleteCustomersParams = serde_json::from_value(json!({"jobId": 1, "jobPhoneNumberList": [{"phoneNumber": "1"}]})).unwrap();
    let _: ItniotechJobParams = serde_json::from_value(json!({"appId": "a", "jobId": "12"})).unwrap();
    let _: ItniotechListTasksParams = serde_json::from_value(json!({"current": 1, "size": 10, "params": {"appId": "a", "name": "x"}})).unwrap();
    let _: ItniotechListPendingParams = serde_json::from_value(json!({"current": 1, "size": 10, "params": {"jobId": 1, "taskStatus": "CAN_NOT_START"}})).unwrap();
    let _: ItniotechListCallsParams =
        serde_json::from_value(json!({"current": 1, "size": 10, "params": {"startTime": "2023-01-01 00:00:00", "endTime": "2023-01-02 00:00:00"}})).unwrap();
    let page: ItniotechTaskPage = serde_json::from_value(json!({"total": 1, "size": 10, "current": 1, "pages": 1, "records": [
        {"jobId": 123, "name": "t", "dialogFlowName": "f", "robotCount": 1, "mode": "AUTO", "taskTotal": 5, "taskCompleted": 2, "status": "x", "createTime": "y"}
    ]}))
    .unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(ItniotechRedialCondition::NAMES.len(), 10);
    // The TypeScript enums and the rules' lists are the same sets.
    use waihu::vendors::itniotech as it;
    assert_eq!(ItniotechDayOfWeek::NAMES, it::WEEKDAYS);
    assert_eq!(ItniotechRedialCondition::NAMES, it::REDIAL_CONDITIONS);
    assert_eq!(ItniotechMode::NAMES, it::MODES);
    assert_eq!(ItniotechGender::NAMES, it::GENDERS);
    assert_eq!(ItniotechNoCallStatus::NAMES, it::NO_CALL_STATUSES);
}

// ---------------------------------------------------------------- task rules

#[test]
fn task_required_fields() {
    assert_clean(V, "createTask", task());
    for key in ["name", "dialogFlowId", "mode", "dailyStartDateTime", "dailyEndDateTime", "robotCount", "jobPhoneNumberId", "redial"] {
        assert_one(V, "createTask", without(task(), key), key, Required, Error);
    }
    assert_one(V, "updateTask", task(), "jobId", Required, Error);
    assert_clean(V, "updateTask", with(task(), json!({"jobId": "123"})));
    assert_one(V, "updateTask", with(task(), json!({"jobId": "abc"})), "jobId", InvalidType, Error);
    // taskAdd has no jobId: a warning, not an error.
    assert_one(V, "createTask", with(task(), json!({"jobId": 1})), "jobId", UnrecognizedKey, Warning);
    assert_one(V, "createTask", with(task(), json!({"name": " "})), "name", Required, Error);
    assert_one(V, "createTask", with(task(), json!({"appId": ""})), "appId", TooSmall, Error);
    assert_one(V, "createTask", with(task(), json!({"appId": 5})), "appId", InvalidType, Error);
    assert_one(V, "createTask", json!([]), "", InvalidType, Error);
}

#[test]
fn task_mode_and_dates() {
    assert_one(V, "createTask", with(task(), json!({"mode": "auto"})), "mode", InvalidEnum, Error);
    assert_one(V, "createTask", with(task(), json!({"mode": "AUTO"})), "startDateTime", Required, Error);
    assert_clean(V, "createTask", with(task(), json!({"mode": "AUTO", "startDateTime": "2023-09-16 00:00:00"})));
    // Contradiction 11: the `mode` row's `startTime` is not the field.
    assert_eq!(
        issues(V, "createTask", with(task(), json!({"mode": "AUTO", "startTime": "2023-09-16 00:00:00"}))),
        vec![("startTime".to_string(), UnrecognizedKey, Warning), ("startDateTime".to_string(), Required, Error)]
    );
    assert_one(V, "createTask", with(task(), json!({"startDateTime": "2023-09-16"})), "startDateTime", InvalidFormat, Error);
    assert_one(V, "createTask", with(task(), json!({"endDateTime": "2023-09-16T10:00:00"})), "endDateTime", InvalidFormat, Error);
    let inverted = json!({"startDateTime": "2023-02-07 10:00:00", "endDateTime": "2022-09-16 08:00:00"});
    assert_one(V, "createTask", with(task(), inverted), "endDateTime", RangeInverted, Error);
    let same = json!({"startDateTime": "2023-02-07 10:00:00", "endDateTime": "2023-02-07 10:00:00"});
    assert_one(V, "createTask", with(task(), same), "endDateTime", RangeInverted, Error);
    assert_clean(V, "createTask", with(task(), json!({"endDateTime": "2023-02-07 10:00:00"})));
}

#[test]
fn task_daily_window() {
    assert_one(V, "createTask", with(task(), json!({"dailyStartDateTime": "08:59"})), "dailyStartDateTime", OutsideAllowedHours, Error);
    assert_one(V, "createTask", with(task(), json!({"dailyEndDateTime": "20:01"})), "dailyEndDateTime", OutsideAllowedHours, Error);
    assert_one(V, "createTask", with(task(), json!({"dailyStartDateTime": "9:00"})), "dailyStartDateTime", InvalidFormat, Error);
    let inverted = json!({"dailyStartDateTime": "15:00", "dailyEndDateTime": "10:00"});
    assert_one(V, "createTask", with(task(), inverted), "dailyEndDateTime", RangeInverted, Error);
    assert_clean(V, "createTask", with(task(), json!({"dailyStartDateTime": "10:00", "dailyEndDateTime": "18:30"})));
}

#[test]
fn task_inactive_times_and_dates() {
    let w = |s: &str, e: &str| json!({"startTime": s, "endTime": e});
    let four = json!({"inactiveTimeList": [w("10:00","10:30"), w("11:00","11:30"), w("12:00","12:30"), w("13:00","13:30")]});
    assert_one(V, "createTask", with(task(), four), "inactiveTimeList", TooBig, Error);
    let outside = json!({"dailyEndDateTime": "18:00", "inactiveTimeList": [w("17:30","18:30")]});
    // Neither the window rule nor the overlap rule is documented (issue 12 item 8): warnings.
    // "最多可以设置三个" stays an error.
    assert_one(V, "createTask", with(task(), outside), "inactiveTimeList[0]", OutsideDailyWindow, Warning);
    let overlap = json!({"inactiveTimeList": [w("12:00","13:00"), w("12:30","13:30")]});
    assert_one(V, "createTask", with(task(), overlap), "inactiveTimeList[1]", OverlappingWindows, Warning);
    let inverted = json!({"inactiveTimeList": [w("13:00","12:00")]});
    assert_one(V, "createTask", with(task(), inverted), "inactiveTimeList[0].endTime", RangeInverted, Error);
    assert_one(V, "createTask", with(task(), json!({"inactiveTimeList": [{"startTime": "12:00"}]})), "inactiveTimeList[0].endTime", Required, Error);

    let d = |s: &str, e: &str| json!({"startDate": s, "endDate": e});
    let four = json!({"inactiveDateList": [d("2022-02-01","2022-02-01"), d("2022-02-02","2022-02-02"), d("2022-02-03","2022-02-03"), d("2022-02-04","2022-02-04")]});
    assert_one(V, "createTask", with(task(), four), "inactiveDateList", TooBig, Error);
    assert_one(V, "createTask", with(task(), json!({"inactiveDateList": [d("2022-02-09","2022-02-08")]})), "inactiveDateList[0].endDate", RangeInverted, Error);
    assert_one(V, "createTask", with(task(), json!({"inactiveDateList": [d("2022/02/09","2022-02-10")]})), "inactiveDateList[0].startDate", InvalidFormat, Error);
    assert_clean(V, "createTask", with(task(), json!({"inactiveDateList": [d("2022-02-09","2022-02-09")]})));
}

#[test]
fn task_days_of_week() {
    let all = json!(["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]);
    assert_clean(V, "createTask", with(task(), json!({"daysOfWeek": all})));
    assert_one(V, "createTask", with(task(), json!({"daysOfWeek": ["MONDAY", "MONDAY"]})), "daysOfWeek[1]", DuplicateValue, Error);
    assert_one(V, "createTask", with(task(), json!({"daysOfWeek": ["MON"]})), "daysOfWeek[0]", InvalidEnum, Error);
    assert_one(V, "createTask", with(task(), json!({"daysOfWeek": "MONDAY"})), "daysOfWeek", InvalidType, Error);
}

#[test]
fn task_robot_count_line_and_redial() {
    assert_one(V, "createTask", with(task(), json!({"robotCount": 0})), "robotCount", TooSmall, Error);
    assert_one(V, "createTask", with(task(), json!({"jobPhoneNumberId": 0})), "jobPhoneNumberId", TooSmall, Error);
    assert_one(V, "createTask", with(task(), json!({"redial": "false"})), "redial", InvalidType, Error);
    assert_eq!(
        issues(V, "createTask", with(task(), json!({"redial": true}))),
        vec![
            ("redialCondition".to_string(), Required, Error),
            ("redialInterval".to_string(), Required, Error),
            ("redialTimes".to_string(), Required, Error),
        ]
    );
    let on = with(task(), json!({"redial": true, "redialCondition": ["VACANT_NUMBER", "SYSTEM_ERROR"], "redialInterval": 1, "redialTimes": 1}));
    assert_clean(V, "createTask", on.clone());
    assert_one(V, "createTask", with(on.clone(), json!({"redialCondition": []})), "redialCondition", TooSmall, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialCondition": ["EMPTY"]})), "redialCondition[0]", InvalidEnum, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialCondition": ["BUSY", "BUSY"]})), "redialCondition[1]", DuplicateValue, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialInterval": 0})), "redialInterval", TooSmall, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialInterval": 1441})), "redialInterval", TooBig, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialTimes": 0})), "redialTimes", TooSmall, Error);
    assert_one(V, "createTask", with(on.clone(), json!({"redialTimes": 4})), "redialTimes", TooBig, Error);
    // Off: the rules are optional but still checked when given.
    assert_clean(V, "createTask", with(task(), json!({"redialCondition": [], "redialTimes": 2})));
    assert_one(V, "createTask", with(task(), json!({"redialTimes": 9})), "redialTimes", TooBig, Error);
}

#[test]
fn every_issue_at_once() {
    let bad = json!({"mode": "AUTO", "dailyStartDateTime": "07:00", "dailyEndDateTime": "22:00", "robotCount": -1, "redial": true, "typo": 1});
    let got: Vec<(String, waihu::IssueCode)> = errors(V, "createTask", bad);
    let want = [
        ("name", Required),
        ("dialogFlowId", Required),
        ("startDateTime", Required),
        ("dailyStartDateTime", OutsideAllowedHours),
        ("dailyEndDateTime", OutsideAllowedHours),
        ("robotCount", TooSmall),
        ("jobPhoneNumberId", Required),
        ("redialCondition", Required),
        ("redialInterval", Required),
        ("redialTimes", Required),
    ];
    assert_eq!(got, want.map(|(p, c)| (p.to_string(), c)).to_vec());
}

// ---------------------------------------------------------------- job, customers, pages

#[test]
fn job_operations() {
    for o in ["startTask", "pauseTask", "deleteTask", "getTaskVariables"] {
        assert_clean(V, o, json!({"jobId": 1, "appId": "a"}));
        assert_one(V, o, json!({}), "jobId", Required, Error);
        assert_one(V, o, json!({"jobId": "x1"}), "jobId", InvalidType, Error);
        assert_one(V, o, json!({"jobId": 1, "robotCallJobId": 1}), "robotCallJobId", UnrecognizedKey, Warning);
    }
    for o in ["listScripts", "listCallerLines"] {
        assert_clean(V, o, json!({}));
        assert_one(V, o, json!({"appid": "a"}), "appid", UnrecognizedKey, Warning);
    }
}

#[test]
fn import_rules() {
    let ok = json!({"jobId": 1, "customerPersons": [{"phoneNumber": "13800138000"}]});
    assert_clean(V, "importCustomers", ok.clone());
    assert_one(V, "importCustomers", without(ok.clone(), "jobId"), "jobId", Required, Error);
    assert_one(V, "importCustomers", with(ok.clone(), json!({"callRecordDup": "yes"})), "callRecordDup", InvalidType, Error);
    assert_one(V, "importCustomers", with(ok.clone(), json!({"customerPersons": []})), "customerPersons", TooSmall, Error);
    assert_one(V, "importCustomers", without(ok.clone(), "customerPersons"), "customerPersons", Required, Error);
    let many: Vec<Value> = (0..101).map(|i| json!({"phoneNumber": format!("138{i:08}")})).collect();
    assert_one(V, "importCustomers", with(ok.clone(), json!({"customerPersons": many})), "customerPersons", TooBig, Error);
    let hundred: Vec<Value> = (0..100).map(|i| json!({"phoneNumber": format!("138{i:08}")})).collect();
    assert_clean(V, "importCustomers", with(ok.clone(), json!({"customerPersons": hundred})));

    let row = |r: Value| with(ok.clone(), json!({"customerPersons": [r]}));
    // Encrypted ids pass (no digit rule), up to 32 characters.
    assert_clean(V, "importCustomers", row(json!({"phoneNumber": "a".repeat(32)})));
    assert_clean(V, "importCustomers", row(json!({"phoneNumber": "U2FsdGVkX1+abc/def=="})));
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1".repeat(33)})), "customerPersons[0].phoneNumber", TooBig, Error);
    assert_one(V, "importCustomers", row(json!({"phoneNumber": ""})), "customerPersons[0].phoneNumber", Required, Error);
    assert_one(V, "importCustomers", row(json!({"name": "x"})), "customerPersons[0].phoneNumber", Required, Error);
    // gender: MALE, FEMALE or null, never "".
    assert_clean(V, "importCustomers", row(json!({"phoneNumber": "1", "gender": null})));
    assert_clean(V, "importCustomers", row(json!({"phoneNumber": "1", "gender": "FEMALE"})));
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1", "gender": ""})), "customerPersons[0].gender", InvalidEnum, Error);
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1", "gender": "male"})), "customerPersons[0].gender", InvalidEnum, Error);
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1", "name": 3})), "customerPersons[0].name", InvalidType, Error);
    assert_clean(V, "importCustomers", row(json!({"phoneNumber": "1", "properties": {"a": "x", "b": 1, "c": false}})));
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1", "properties": {"a": {}}})), "customerPersons[0].properties.a", InvalidType, Error);
    assert_one(V, "importCustomers", row(json!({"phoneNumber": "1", "sex": "MALE"})), "customerPersons[0].sex", UnrecognizedKey, Warning);
    let dup = with(ok.clone(), json!({"customerPersons": [{"phoneNumber": "13800138000"}, {"phoneNumber": "13800138000"}]}));
    assert_one(V, "importCustomers", dup, "customerPersons[1].phoneNumber", DuplicateValue, Error);
}

#[test]
fn delete_customers_rules() {
    let ok = json!({"jobId": 1, "name": "t", "jobPhoneNumberList": [{"phoneNumber": "13800138000"}]});
    assert_clean(V, "deleteCustomers", ok.clone());
    assert_one(V, "deleteCustomers", without(ok.clone(), "jobPhoneNumberList"), "jobPhoneNumberList", Required, Error);
    assert_one(V, "deleteCustomers", with(ok.clone(), json!({"jobPhoneNumberList": []})), "jobPhoneNumberList", TooSmall, Error);
    assert_one(V, "deleteCustomers", with(ok.clone(), json!({"jobPhoneNumberList": [{"name": "x"}]})), "jobPhoneNumberList[0].phoneNumber", Required, Error);
    assert_one(V, "deleteCustomers", with(ok.clone(), json!({"jobPhoneNumberList": [{"phoneNumber": "9".repeat(33)}]})), "jobPhoneNumberList[0].phoneNumber", TooBig, Error);
    assert_one(V, "deleteCustomers", with(ok.clone(), json!({"jobPhoneNumberList": ["13800138000"]})), "jobPhoneNumberList[0]", InvalidType, Error);
    assert_one(V, "deleteCustomers", without(ok, "jobId"), "jobId", Required, Error);
}

#[test]
fn paging_rules() {
    let calls = json!({"startTime": "2023-01-01 00:00:00", "endTime": "2023-01-01 00:00:00"});
    let cases = [("listTasks", json!({})), ("listPendingCustomers", json!({"jobId": 1})), ("listCalls", calls.clone())];
    for (o, inner) in cases {
        let ok = json!({"current": 1, "size": 100, "params": inner});
        assert_clean(V, o, ok.clone());
        assert_one(V, o, with(ok.clone(), json!({"current": 0})), "current", TooSmall, Error);
        assert_one(V, o, with(ok.clone(), json!({"size": 0})), "size", TooSmall, Error);
        assert_one(V, o, with(ok.clone(), json!({"size": 101})), "size", TooBig, Error);
        assert_one(V, o, without(ok.clone(), "current"), "current", Required, Error);
        assert_one(V, o, without(ok.clone(), "size"), "size", Required, Error);
        assert_one(V, o, with(ok.clone(), json!({"params": []})), "params", InvalidType, Error);
        assert_one(V, o, with(ok.clone(), json!({"appId": "top"})), "appId", UnrecognizedKey, Warning);
    }
    // taskList's params may be left out; the others' may not.
    assert_clean(V, "listTasks", json!({"current": 1, "size": 1}));
    assert_one(V, "listTasks", json!({"current": 1, "size": 1, "params": {"name": 1}}), "params.name", InvalidType, Error);
    assert_one(V, "listTasks", json!({"current": 1, "size": 1, "params": {"appId": ""}}), "params.appId", TooSmall, Error);
    assert_one(V, "listPendingCustomers", json!({"current": 1, "size": 1}), "params", Required, Error);
    assert_one(V, "listCalls", json!({"current": 1, "size": 1}), "params", Required, Error);
}

#[test]
fn pending_rules() {
    let p = |inner: Value| json!({"current": 1, "size": 10, "params": inner});
    // CHOICE: jobId required (the Chinese page).
    assert_one(V, "listPendingCustomers", p(json!({})), "params.jobId", Required, Error);
    for s in ["CAN_NOT_START", "CAN_START", "IN_PROCESS"] {
        assert_clean(V, "listPendingCustomers", p(json!({"jobId": 1, "taskStatus": s})));
    }
    assert_one(V, "listPendingCustomers", p(json!({"jobId": 1, "taskStatus": "DONE"})), "params.taskStatus", InvalidEnum, Error);
    assert_one(V, "listPendingCustomers", p(json!({"jobId": 1, "status": "CAN_START"})), "params.status", UnrecognizedKey, Warning);
}

#[test]
fn call_record_rules() {
    let p = |s: &str, e: &str| json!({"current": 1, "size": 10, "params": {"startTime": s, "endTime": e}});
    assert_clean(V, "listCalls", p("2023-01-01 00:00:00", "2023-01-31 23:59:59"));
    assert_one(V, "listCalls", p("2023-01-02 00:00:00", "2023-01-01 00:00:00"), "params.endTime", RangeInverted, Error);
    assert_one(V, "listCalls", p("2023-01-01", "2023-01-02 00:00:00"), "params.startTime", InvalidFormat, Error);
    assert_one(V, "listCalls", json!({"current": 1, "size": 10, "params": {"startTime": "2023-01-01 00:00:00"}}), "params.endTime", Required, Error);
}

// ---------------------------------------------------------------- replies

#[test]
fn success_replies() {
    // The page's reply example: data null (contradiction 12: the table says the task id).
    assert_eq!(parse(V, "updateTask", 200, r#"{"status": "0", "reason": "success", "data": null}"#).unwrap(), Value::Null);
    // So the declared result admits both (issue 12 item 9: it said `number`).
    let (_, _, result) = waihu::vendors::itniotech::types::TS_OPERATIONS.iter().find(|o| o.0 == "updateTask").unwrap();
    assert_eq!(*result, "Id | null");
    assert_eq!(parse(V, "createTask", 200, r#"{"status":"0","reason":"success","data":123}"#).unwrap(), json!(123));
    assert_eq!(parse(V, "startTask", 200, r#"{"status":"0","reason":"success"}"#).unwrap(), Value::Null);
    let page = r#"{"status":"0","reason":"success","data":{"total":1,"size":10,"current":1,"pages":1,"records":[{"jobId":1,"name":"t"}]}}"#;
    let data = parse(V, "listTasks", 200, page).unwrap();
    let typed: ItniotechTaskPage = serde_json::from_value(data).unwrap();
    assert_eq!(typed.total, 1);
    // A numeric 0 is read like "0".
    assert_eq!(parse(V, "listScripts", 200, r#"{"status":0,"data":[]}"#).unwrap(), json!([]));
}

#[test]
fn every_documented_code_is_explained() {
    let codes: &[(i64, &str, bool)] = &[
        (-1, "账号认证异常", false),
        (-3, "余额不足", false),
        (-4, "时间戳过期", false),
        (-5, "系统异常", true),
        (-6, "ip限制", false),
        (-27, "参数校验异常", false),
        (-28, "自动模式,任务启动时间不能为空", false),
        (-29, "重播规则参数异常", false),
        (-30, "重播间隔参数异常", false),
        (-31, "重播次数参数异常", false),
        (-32, "外呼任务不存在", false),
        (-33, "外呼任务名称已存在", false),
        (-37, "应用不存在", false),
        (-38, "当前任务状态不可暂停", false),
        (-39, "当前任务状态不可启动", false),
        (-41, "话术ID参数异常", false),
        (-45, "未导入客户,不能启动", false),
        (-46, "网络异常或参数错误", true),
        (-48, "创建任务每日拨号时间段需在9:00-20:00之间", false),
        (-49, "账号未认证", false),
        (-50, "Application not quoted", false),
        (-51, "该客户自定义属性不完整", false),
        (-52, "并发数超出账户最大值", false),
        (-55, "话术解绑不允许此类操作", false),
        (-57, "签名不能为空", false),
        (-58, "时间戳不能为空", false),
        (-59, "apikey不能为空", false),
        (-60, "意向标签组不存在", false),
    ];
    for (code, zh, retryable) in codes {
        let body = format!(r#"{{"status":"{code}","reason":"vendor says {code}","data":null}}"#);
        let e = vendor_error(V, "createTask", 200, &body);
        assert_eq!(e.code, code.to_string());
        assert_eq!(e.vendor_message, format!("vendor says {code}"));
        assert!(!e.explanation.is_empty(), "{code}");
        assert_eq!(e.retryable, *retryable, "{code}");
        assert_eq!(e.request_id, None);
        assert_eq!(e.status, 200);
        match parse_zh(V, "createTask", 200, &body) {
            Err(Error::VendorError(z)) => assert!(z.explanation.contains(zh), "{code}: {}", z.explanation),
            other => panic!("{other:?}"),
        }
    }
    let e = vendor_error(V, "createTask", 200, r#"{"status":"-4","reason":"timestamp expired"}"#);
    assert!(e.explanation.contains("clock"));
    assert!(vendor_error(V, "createTask", 200, r#"{"status":"-5","reason":"Port program unusual"}"#).explanation.contains("Port program unusual"));
}

#[test]
fn undocumented_and_sdk_codes() {
    // 999/998/997 are the Java SDK's own codes, never the server's: no explanation.
    for code in ["999", "998", "997", "-999", "E1"] {
        let e = vendor_error(V, "startTask", 200, &format!(r#"{{"status":"{code}","reason":"x"}}"#));
        assert_eq!(e.code, code);
        assert_eq!(e.explanation, "");
        assert!(!e.retryable);
    }
    // An error envelope on an HTTP error status keeps the status; retryable follows it when undocumented.
    let e = vendor_error(V, "startTask", 503, r#"{"status":"-77","reason":"busy"}"#);
    assert_eq!((e.status, e.retryable), (503, true));
    let e = vendor_error(V, "startTask", 500, r#"{"status":"-32","reason":"no task"}"#);
    assert_eq!((e.status, e.retryable), (500, false));
}

#[test]
fn malformed_replies_are_response_errors() {
    let cases: &[(u16, &str, bool)] = &[
        (200, "", false),
        (200, "   ", false),
        (200, "not json", false),
        (200, "[]", false),
        (200, "null", false),
        (200, "{}", false),
        (200, r#"{"status":null,"reason":"x"}"#, false),
        (200, r#"{"status":"","reason":"x"}"#, false),
        (200, r#"{"status":true}"#, false),
        (200, r#"{"code":200,"data":1}"#, false),
        (200, "{\"status\":\"0\"", false),
        (502, "<html>Bad Gateway</html>", true),
        (404, r#"{"timestamp":"2023","status":404,"error":"Not Found","path":"/aivoice/x"}"#, false),
        (503, r#"{"status":"0","reason":"success","data":null}"#, true),
        (401, "", false),
    ];
    for (status, body, retryable) in cases {
        match parse(V, "listTasks", *status, body) {
            Err(Error::ResponseError { status: s, retryable: r, .. }) => {
                assert_eq!((s, r), (*status, *retryable), "{body}");
            }
            other => panic!("{status} {body}: {other:?}"),
        }
    }
    // Long binary-ish bodies do not panic either.
    let junk: String = "\u{fffd}\0{".repeat(1000);
    assert!(matches!(parse(V, "listTasks", 200, &junk), Err(Error::ResponseError { .. })));
    assert!(matches!(V.parse_response(op("listTasks"), 200, "", Locale::ZhCn), Err(Error::ResponseError { .. })));
}
