//! ZXY (zxycall): golden requests, rules, meta checks, replies. Sources: src/vendors/zxycall/README.md [Z-page],
//! src/vendors/zxycall/README.md (vendor, host and auth UNKNOWN) and contradictions 15–16.
//!
//! ZXY signs nothing (a token in a header is the whole of the auth choice), so there is no
//! signature vector to compute outside Rust.

mod common;

use common::*;
use serde_json::{json, Value};
use waihu::issue::{IssueCode::*, Severity::*};
use waihu::vendors::zxycall::{self, types};
use waihu::{BuildOptions, ValidateOptions};
use waihu::{Error, Vendor};

const V: Vendor = zxycall::VENDOR;
const NOW: f64 = 1_700_000_000_000.0;
/// No base URL is documented: every build names one.
const BASE: &str = "https://zxy.example.com";

fn creds() -> Value {
    json!({"token": "demoToken"})
}

/// The page's create-options reply, fixed minimally: its comments stripped, the trailing
/// comma after `"status": true` removed, and the truncated end closed.
const META_PAGE: &str = r#"{
    "meta": {
        "enum_disable_dial_timegroup": [{
            "uuid": "146979fe-3864-4817-ad76-13b37f43bb1c", // 禁呼时间id
            "name": "休息时间"
        }, {
            "uuid": "cf44b8fc-a60f-499e-a5c8-5340963a56a3",
            "name": "午休时间"
        }, {
            "uuid": "a6c20127-1199-4b87-bffa-75ed3e368fd0",
            "name": "早会时间"
        }],
        "caller_line_list": [{ // 线路列表
            "name": "尊享ai.zxycall.com一",
            "value": "37d73edf-4628-4cf1-8beb-758433fd0aab", // 使用线路id
            "residue": 1, // 剩余并发,只能选大于1的
            "call_line": 1, // 线路总并发
            "available_at": "2019-12-18 00:00:00",
            "call_number": "13530525008" // 主叫号码
        }],
        "max_recycle_limit": "50", // 可设置最大重拨次数 [弃用,使用重呼规则]
        "auto_recycle_rules": [{ // 重呼规则
            "id": 1, // 重呼规则id
            "name": "测试重呼规则", // 重呼规则名称
            "remark": "test", // 重呼规则备注
            "status": true // 重呼规则状态
        }],
        "customer_service": [{ // 客服组
            "id": 21,
            "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
            "name": "组2",
            "created_at": "2019-05-10 16:03:09",
            "updated_at": "2019-05-15 18:01:40",
            "caller_line_id": "37d73edf-4628-4cf1-8beb-758433fd0aab", // 使用的转接线路,只能不为null的
            "status": 1 // 是否可用,必须选为1的
        }],
        "outbound_group": [{ // 话术分组
            "id": 390, // 话术分组ID
            "name": "测试话术【复制】", // 话术分组名称
            "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
            "debug": true, // 是否开启调试模式,开启后全部话术走tts
            "deleted_at": null,
            "created_at": "2019-02-24 14:24:23",
            "updated_at": "2019-02-24 14:24:23",
            "link_word_group_id": null, // 使用的衔接词组id
            "tag_scene_id": null, // 关联的业务场景id
            "default": false
        }]
    }
}"#;

fn meta() -> Value {
    serde_json::from_str(&strip_comments(META_PAGE)).expect("the fixed page meta is JSON")
}

/// The create table's example values, as the table gives them (recycle_limit 1).
fn table_example() -> Value {
    json!({
        "caller_line_id": "37d73edf-4628-4cf1-8beb-758433fd0aab", "customer_service_id": 1, "destination_extension": 297,
        "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c", "maximumcall": 1, "name": "测试任务",
        "random_assignment_number": 0, "recycle_limit": 1, "remark": "第一个任务", "_originate_timeout": 60,
        "call_pause_second": 10, "auto_recycle_rule_id": 1
    })
}

/// A create body that uses the page meta's ids, with recycle_limit 0.
fn valid_create() -> Value {
    json!({
        "caller_line_id": "37d73edf-4628-4cf1-8beb-758433fd0aab", "customer_service_id": 21, "destination_extension": 390,
        "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c", "maximumcall": 1, "name": "测试任务",
        "random_assignment_number": 0, "recycle_limit": 0, "remark": "第一个任务", "_originate_timeout": 60,
        "call_pause_second": 10, "auto_recycle_rule_id": 1
    })
}

fn meta_opts(meta: Value) -> ValidateOptions {
    ValidateOptions { meta: Some(meta), ..Default::default() }
}

/// Issues with the page meta.
fn with_meta(operation: &str, params: Value) -> Vec<(String, waihu::IssueCode, waihu::Severity)> {
    issues_with(V, operation, params, &meta_opts(meta()))
}

/// The one issue with the page meta, with its params.
#[track_caller]
fn one_with_meta(params: Value, meta: Value) -> waihu::Issue {
    let got = full_issues(V, "createTask", params, &meta_opts(meta));
    assert_eq!(got.len(), 1, "{got:?}");
    got.into_iter().next().unwrap()
}

const TASK: &str = "02f5bb4a-8a09-4eae-8969-6c2a3732f774";

// ---- Requests ----

/// (operation, params, method, path and query, body, safe_to_repeat).
type Golden = (&'static str, Value, &'static str, String, Option<String>, bool);

#[test]
fn golden_requests_for_every_operation() {
    let body = valid_create().to_string();
    let import = json!({"task_id": TASK, "data": [{"name": "联系人1", "phone": "13012121211"}]});
    let cases: Vec<Golden> = vec![
        ("getCreateOptions", json!({}), "GET", "/v1/task/create".into(), None, true),
        ("createTask", valid_create(), "POST", "/v1/task".into(), Some(body.clone()), false),
        ("updateTask", with(valid_create(), json!({"task_id": TASK})), "PUT", format!("/v1/task/{TASK}"), Some(body.clone()), false),
        ("listTasks", json!({}), "GET", "/v1/task".into(), None, true),
        ("deleteTask", json!({"task_id": TASK}), "GET", format!("/v1/task/destroy/{TASK}"), None, false),
        ("startTask", json!({"task_id": TASK}), "GET", format!("/v1/task/start/{TASK}"), None, false),
        ("pauseTask", json!({"task_id": TASK}), "GET", format!("/v1/task/stop/{TASK}"), None, false),
        ("importCustomers", import, "POST", format!("/v1/task/import_task_customer/{TASK}"),
            Some(r#"{"data":[{"name":"联系人1","phone":"13012121211"}]}"#.into()), false),
    ];
    let mut supported: Vec<&str> = V.operations().iter().map(|o| o.as_str()).collect();
    let mut covered: Vec<&str> = cases.iter().map(|c| c.0).collect();
    supported.sort_unstable();
    covered.sort_unstable();
    assert_eq!(supported, covered, "every supported operation has a golden case");
    for (op, params, method, path, body, safe_to_repeat) in cases {
        let req = built(V, op, params, creds(), Some(BASE), NOW);
        let mut headers = vec![("Accept", "application/json"), ("Authorization", "Bearer demoToken")];
        if body.is_some() {
            headers.insert(0, ("Content-Type", "application/json"));
        }
        assert_request(&req, method, &format!("{BASE}{path}"), &headers, body.as_deref());
        // start, stop and destroy are GETs that change state: never retried blindly.
        assert_eq!(req.safe_to_repeat, safe_to_repeat, "{op}");
    }
}

#[test]
fn exact_create_body_bytes() {
    let req = built(V, "createTask", valid_create(), creds(), Some(BASE), NOW);
    assert_eq!(
        req.body.as_deref(),
        Some(concat!(
            r#"{"_originate_timeout":60,"auto_recycle_rule_id":1,"call_pause_second":10,"#,
            r#""caller_line_id":"37d73edf-4628-4cf1-8beb-758433fd0aab","customer_service_id":21,"destination_extension":390,"#,
            r#""disable_dial_timegroup":"146979fe-3864-4817-ad76-13b37f43bb1c","maximumcall":1,"name":"测试任务","#,
            r#""random_assignment_number":0,"recycle_limit":0,"remark":"第一个任务"}"#
        ))
    );
}

#[test]
fn list_params_pass_through_as_the_query() {
    // The page documents no list params; whatever the caller sends goes as the query string.
    assert_clean(V, "listTasks", json!({"page": 2, "name": "测试"}));
    let req = built(V, "listTasks", json!({"page": 2, "name": "测试"}), creds(), Some(BASE), NOW);
    assert_eq!(req.url, format!("{BASE}/v1/task?name=%E6%B5%8B%E8%AF%95&page=2"));
    // The create options take none.
    assert_one(V, "getCreateOptions", json!({"x": 1}), "x", UnrecognizedKey, Warning);
}

#[test]
fn task_ids_are_encoded_into_the_path_and_must_be_non_empty_strings() {
    let req = built(V, "startTask", json!({"task_id": "a/b c?d#"}), creds(), Some(BASE), NOW);
    assert_eq!(req.url, format!("{BASE}/v1/task/start/a%2Fb%20c%3Fd%23"));
    let req = built(V, "importCustomers", json!({"task_id": "../x", "data": [{"phone": "13012121211"}]}), creds(), Some(BASE), NOW);
    assert_eq!(req.url, format!("{BASE}/v1/task/import_task_customer/..%2Fx"));
    for op in ["startTask", "pauseTask", "deleteTask"] {
        assert_clean(V, op, json!({"task_id": TASK}));
        assert_one(V, op, json!({}), "task_id", Required, Error);
        assert_one(V, op, json!({"task_id": ""}), "task_id", Required, Error);
        assert_one(V, op, json!({"task_id": "  "}), "task_id", Required, Error);
        assert_one(V, op, json!({"task_id": 12}), "task_id", InvalidType, Error);
        // The page's `{id}` is taken as task_id: `id` itself is flagged as a likely slip.
        let got = issues(V, op, json!({"id": TASK}));
        assert_eq!(got, vec![("task_id".into(), Required, Error), ("id".into(), UnrecognizedKey, Warning)]);
    }
    assert!(matches!(build(V, "deleteTask", json!({"task_id": ""}), creds(), Some(BASE), NOW), Err(Error::ValidationError { .. })));
}

/// Issue 12 item 11: `fetch` resolves dot segments (RFC 3986 §5.2.4), so `deleteTask({task_id:
/// ".."})` went to `GET /v1/task/` (the list) and `importCustomers` with `..` to `POST /v1/task/`
/// (which creates a task). A path param of `.` or `..` is refused before anything is built;
/// everything else is one percent-encoded segment.
#[test]
fn dot_segments_never_reach_the_path() {
    for op in ["deleteTask", "startTask", "pauseTask", "updateTask", "importCustomers"] {
        for dots in [".", ".."] {
            let params = match op {
                "updateTask" => with(valid_create(), json!({"task_id": dots})),
                "importCustomers" => json!({"task_id": dots, "data": [{"phone": "13012121211"}]}),
                _ => json!({"task_id": dots}),
            };
            let got = issues(V, op, params.clone());
            assert!(got.contains(&("task_id".into(), InvalidFormat, Error)), "{op} {dots}: {got:?}");
            let Err(Error::ValidationError { issues, .. }) = build(V, op, params, creds(), Some(BASE), NOW) else { panic!("{op} {dots} built") };
            assert_eq!(issues.iter().find(|i| i.code == InvalidFormat).map(|i| i.params.clone()), Some(waihu::params! {"format": "path_segment"}));
        }
    }
    // Through the import planner too: nothing is planned for a dot segment.
    assert!(waihu::import::Planner::new(V, &json!(".."), &Default::default(), waihu::import::Format::Ndjson).is_err());
    // Dots inside a segment, and encoded dots, are one segment.
    for (id, path) in [("...", "..."), (".a", ".a"), ("%2E%2E", "%252E%252E"), ("a/..", "a%2F.."), ("..\\", "..%5C")] {
        let req = built(V, "deleteTask", json!({"task_id": id}), creds(), Some(BASE), NOW);
        assert_eq!(req.url, format!("{BASE}/v1/task/destroy/{path}"), "{id}");
    }
}

#[test]
fn update_puts_the_id_in_the_path_and_the_create_fields_in_the_body() {
    assert_clean(V, "updateTask", with(valid_create(), json!({"task_id": TASK})));
    assert_one(V, "updateTask", valid_create(), "task_id", Required, Error);
    // 参数同创建任务: the create rules apply in full.
    assert_one(V, "updateTask", with(valid_create(), json!({"task_id": TASK, "maximumcall": null})), "maximumcall", Required, Error);
    let req = built(V, "updateTask", with(valid_create(), json!({"task_id": TASK})), creds(), Some(BASE), NOW);
    let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, valid_create());
}

#[test]
fn auth_header_and_scheme_are_configurable() {
    let req = built(V, "listTasks", json!({}), json!({"token": "t0k", "authHeader": "X-Token", "authScheme": ""}), Some(BASE), NOW);
    assert_eq!(req.headers, vec![("Accept".to_string(), "application/json".to_string()), ("X-Token".to_string(), "t0k".to_string())]);
    let req = built(V, "listTasks", json!({}), json!({"token": "t0k", "authScheme": "Token"}), Some(BASE), NOW);
    assert_eq!(req.url, format!("{BASE}/v1/task"));
    assert_eq!(req.header("Authorization"), Some("Token t0k"));
    assert_eq!(zxycall::auth_value("Bearer", "x"), "Bearer x");
    assert_eq!(zxycall::auth_value(" ", "x"), "x");
    // BuildOptions.headers are applied last and win.
    let opts = BuildOptions { base_url: Some(format!("{BASE}/prefix/")), now: NOW, headers: [("authorization".to_string(), "Custom x".to_string())].into(), ..Default::default() };
    let req = V.build_request(op("startTask"), &json!({"task_id": TASK}), &creds(), &opts).unwrap();
    assert_eq!(req.url, format!("{BASE}/prefix/v1/task/start/{TASK}"));
    assert_eq!(req.header("Authorization"), Some("Custom x"));
}

#[test]
fn credentials_and_base_url_are_checked_with_the_params() {
    let err = build(V, "startTask", json!({}), json!({}), None, NOW).unwrap_err();
    let Error::ValidationError { issues, .. } = err else { panic!() };
    let got: Vec<(String, waihu::IssueCode)> = issues.iter().map(|i| (i.path_string(), i.code)).collect();
    assert_eq!(got, vec![("task_id".into(), Required), ("credentials.token".into(), Required), ("baseUrl".into(), Required)]);
    for (creds, path) in [
        (json!({"token": "a\r\nX-Evil: 1"}), "credentials.token"),
        (json!({"token": "t", "authHeader": "Bad Header"}), "credentials.authHeader"),
        (json!({"token": "t", "authHeader": ""}), "credentials.authHeader"),
        (json!({"token": "t", "authScheme": "Bearer\n"}), "credentials.authScheme"),
    ] {
        let err = build(V, "startTask", json!({"task_id": TASK}), creds.clone(), Some(BASE), NOW).unwrap_err();
        let Error::ValidationError { issues, .. } = err else { panic!() };
        assert_eq!(issues.iter().map(|i| (i.path_string(), i.code)).collect::<Vec<_>>(), vec![(path.to_string(), InvalidFormat)], "{creds}");
    }
    let err = build(V, "startTask", json!({"task_id": TASK}), json!({"token": 5}), Some(BASE), NOW).unwrap_err();
    assert!(matches!(err, Error::ValidationError { ref issues, .. } if issues[0].code == InvalidType));
    // An unknown credential key is refused: a misspelt `authHeader` would send the token elsewhere.
    let err = build(V, "startTask", json!({"task_id": TASK}), json!({"token": "t", "authHeder": "X-Token"}), Some(BASE), NOW).unwrap_err();
    assert!(matches!(err, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "credentials.authHeder" && issues[0].code == UnrecognizedKey && issues[0].is_error()));
}

#[test]
fn unsupported_operations_are_clear() {
    for name in ["stopTask", "setConcurrency", "getTask", "listCalls", "deleteCustomers", "addBlacklist"] {
        let e = V.validate(op(name), &json!({}), &Default::default()).unwrap_err();
        assert_eq!(e.code(), "unsupported_operation", "{name}");
        assert!(V.endpoint(op(name)).is_none());
    }
    assert_eq!(V.default_base_url(), None);
}

// ---- The create table ----

#[test]
fn the_tables_example_has_exactly_the_documented_contradiction() {
    // src/vendors/zxycall/README.md, Contradictions: recycle_limit is "弃用,有且只能为0" but the example is 1.
    let got = full_issues(V, "createTask", table_example(), &Default::default());
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].path_string(), got[0].code, got[0].severity), ("recycle_limit".into(), InvalidLiteral, Error));
    assert_eq!(got[0].params, waihu::params! {"expected": 0});
    assert_eq!(got[0].message, "Must be 0");
    assert_clean(V, "createTask", with(table_example(), json!({"recycle_limit": 0})));
    // It builds to the documented request once fixed.
    let req = built(V, "createTask", with(table_example(), json!({"recycle_limit": 0})), creds(), Some(BASE), NOW);
    assert_eq!((req.method.as_str(), req.url.as_str()), ("POST", "https://zxy.example.com/v1/task"));
    let typed: types::ZxyCreateTaskParams = serde_json::from_value(table_example()).unwrap();
    assert_eq!(typed._originate_timeout, 60);
}

#[test]
fn every_required_field() {
    let required = [
        "caller_line_id", "destination_extension", "disable_dial_timegroup", "maximumcall", "name", "random_assignment_number",
        "recycle_limit", "_originate_timeout", "call_pause_second", "auto_recycle_rule_id",
    ];
    for key in required {
        assert_one(V, "createTask", with(valid_create(), json!({ key: null })), key, Required, Error);
    }
    for key in ["customer_service_id", "remark"] {
        assert_clean(V, "createTask", with(valid_create(), json!({ key: null })));
    }
    assert_one(V, "createTask", with(valid_create(), json!({"name": ""})), "name", Required, Error);
    assert_one(V, "createTask", json!([]), "", InvalidType, Error);
}

#[test]
fn types_ranges_and_literals() {
    let cases: Vec<(Value, &str, waihu::IssueCode)> = vec![
        (json!({"caller_line_id": 7}), "caller_line_id", InvalidType),
        (json!({"destination_extension": "abc"}), "destination_extension", InvalidType),
        (json!({"destination_extension": 0}), "destination_extension", TooSmall),
        (json!({"customer_service_id": "x"}), "customer_service_id", InvalidType),
        (json!({"auto_recycle_rule_id": -1}), "auto_recycle_rule_id", TooSmall),
        (json!({"disable_dial_timegroup": 1}), "disable_dial_timegroup", InvalidType),
        (json!({"maximumcall": 0}), "maximumcall", TooSmall),
        (json!({"maximumcall": "1"}), "maximumcall", InvalidType),
        (json!({"random_assignment_number": 1}), "random_assignment_number", InvalidLiteral),
        (json!({"recycle_limit": 2}), "recycle_limit", InvalidLiteral),
        (json!({"_originate_timeout": 0}), "_originate_timeout", TooSmall),
        (json!({"call_pause_second": -1}), "call_pause_second", TooSmall),
        (json!({"remark": 5}), "remark", InvalidType),
        (json!({"name": ["x"]}), "name", InvalidType),
    ];
    for (patch, path, code) in cases {
        assert_one(V, "createTask", with(valid_create(), patch), path, code, Error);
    }
    // 多并发可选择0秒; ids may come as digit strings.
    assert_clean(V, "createTask", with(valid_create(), json!({"call_pause_second": 0, "destination_extension": "390"})));
    assert_one(V, "createTask", with(valid_create(), json!({"maximumcal": 1})), "maximumcal", UnrecognizedKey, Warning);
}

// ---- Checks against the create-options meta ----

#[test]
fn a_body_that_matches_the_pages_meta_validates_clean() {
    assert!(with_meta("createTask", valid_create()).is_empty());
    // The meta object alone works as well as the whole reply.
    assert!(issues_with(V, "createTask", valid_create(), &meta_opts(meta()["meta"].clone())).is_empty());
    assert!(with_meta("updateTask", with(valid_create(), json!({"task_id": TASK}))).is_empty());
    // And it builds with the meta in the build options.
    let opts = BuildOptions { base_url: Some(BASE.into()), now: NOW, meta: Some(meta()), ..Default::default() };
    assert!(V.build_request(op("createTask"), &valid_create(), &creds(), &opts).is_ok());
    let bad = with(valid_create(), json!({"maximumcall": 2}));
    assert!(matches!(V.build_request(op("createTask"), &bad, &creds(), &opts), Err(Error::ValidationError { .. })));
}

#[test]
fn the_tables_example_against_the_pages_meta() {
    // The table's example ids (customer service 1, script group 297) are not in the example meta.
    let got = with_meta("createTask", table_example());
    assert_eq!(got, vec![
        ("recycle_limit".into(), InvalidLiteral, Error),
        ("customer_service_id".into(), UnknownReference, Error),
        ("destination_extension".into(), UnknownReference, Error),
    ]);
}

#[test]
fn caller_line_must_be_listed_and_have_room() {
    let i = one_with_meta(with(valid_create(), json!({"caller_line_id": "83f180c4-00f3-4aaa-bc41-6cba4493e892"})), meta());
    assert_eq!((i.path_string(), i.code, i.severity), ("caller_line_id".into(), UnknownReference, Error));
    assert_eq!(i.params, waihu::params! {"list": "caller_line_list"});
    assert_eq!(i.message, "No such id in caller_line_list");
    // The example line has residue 1: maximumcall 1 fits (contradiction 15: residue ≥ maximumcall).
    let i = one_with_meta(with(valid_create(), json!({"maximumcall": 2})), meta());
    assert_eq!((i.path_string(), i.code, i.severity), ("maximumcall".into(), ExceedsCapacity, Error));
    assert_eq!(i.params, waihu::params! {"maximum": 1});
    // A line with nothing left is unusable whatever the concurrency.
    let mut m = meta();
    m["meta"]["caller_line_list"][0]["residue"] = json!(0);
    let i = one_with_meta(valid_create(), m);
    assert_eq!((i.path_string(), i.code), ("caller_line_id".into(), UnusableReference));
    assert_eq!(i.params, waihu::params! {"reason": "residue = 0"});
    // A roomier line allows more.
    let mut m = meta();
    m["meta"]["caller_line_list"][0]["residue"] = json!(5);
    assert!(issues_with(V, "createTask", with(valid_create(), json!({"maximumcall": 5})), &meta_opts(m)).is_empty());
}

#[test]
fn customer_service_must_be_listed_enabled_and_have_a_line() {
    let i = one_with_meta(with(valid_create(), json!({"customer_service_id": 22})), meta());
    assert_eq!((i.path_string(), i.code), ("customer_service_id".into(), UnknownReference));
    assert_eq!(i.params, waihu::params! {"list": "customer_service"});
    let mut m = meta();
    m["meta"]["customer_service"][0]["status"] = json!(0);
    let i = one_with_meta(valid_create(), m);
    assert_eq!((i.path_string(), i.code, i.severity), ("customer_service_id".into(), UnusableReference, Error));
    assert_eq!(i.params, waihu::params! {"reason": "status = 0"});
    let mut m = meta();
    m["meta"]["customer_service"][0]["caller_line_id"] = Value::Null;
    let i = one_with_meta(valid_create(), m);
    assert_eq!(i.params, waihu::params! {"reason": "caller_line_id = null"});
    // Not chosen, not checked.
    let mut m = meta();
    m["meta"]["customer_service"][0]["status"] = json!(0);
    assert!(issues_with(V, "createTask", with(valid_create(), json!({"customer_service_id": null})), &meta_opts(m)).is_empty());
}

#[test]
fn timegroup_script_group_and_recycle_rule_must_be_listed() {
    for (patch, path, list) in [
        (json!({"disable_dial_timegroup": "00000000-0000-0000-0000-000000000000"}), "disable_dial_timegroup", "enum_disable_dial_timegroup"),
        (json!({"destination_extension": 1197}), "destination_extension", "outbound_group"),
        (json!({"auto_recycle_rule_id": 103}), "auto_recycle_rule_id", "auto_recycle_rules"),
    ] {
        let i = one_with_meta(with(valid_create(), patch), meta());
        assert_eq!((i.path_string().as_str(), i.code, i.severity), (path, UnknownReference, Error));
        assert_eq!(i.params, waihu::params! {"list": list});
    }
    // Every listed time group is usable.
    assert!(with_meta("createTask", with(valid_create(), json!({"disable_dial_timegroup": "a6c20127-1199-4b87-bffa-75ed3e368fd0"}))).is_empty());
    let mut m = meta();
    m["meta"]["auto_recycle_rules"][0]["status"] = json!(false);
    let i = one_with_meta(valid_create(), m);
    assert_eq!((i.path_string(), i.code), ("auto_recycle_rule_id".into(), UnusableReference));
    assert_eq!(i.params, waihu::params! {"reason": "status = false"});
}

#[test]
fn a_malformed_meta_is_ignored_with_warnings_never_a_panic() {
    for m in [json!(null), json!([1, 2]), json!("meta"), json!(7)] {
        let got = issues_with(V, "createTask", valid_create(), &meta_opts(m.clone()));
        assert_eq!(got, vec![("meta".into(), InvalidType, Warning)], "{m}");
    }
    let got = issues_with(V, "createTask", valid_create(), &meta_opts(json!({"meta": {}})));
    assert!(got.iter().all(|(p, c, s)| p.starts_with("meta.") && *c == InvalidType && *s == Warning), "{got:?}");
    assert_eq!(got.len(), 5);
    // Lists of the wrong shape: unreadable items are skipped (so nothing matches).
    let weird = json!({"meta": {
        "caller_line_list": "x", "customer_service": [1, null, {"id": "21", "status": "1", "caller_line_id": "l"}],
        "outbound_group": [{"id": "390"}], "enum_disable_dial_timegroup": [{"uuid": 5}], "auto_recycle_rules": [{"id": 1, "status": "on"}]
    }});
    let got = issues_with(V, "createTask", valid_create(), &meta_opts(weird));
    assert_eq!(got, vec![("meta.caller_line_list".into(), InvalidType, Warning), ("disable_dial_timegroup".into(), UnknownReference, Error)]);
    // An unreadable residue is not checked.
    let mut m = meta();
    m["meta"]["caller_line_list"][0]["residue"] = json!({"x": 1});
    assert!(issues_with(V, "createTask", with(valid_create(), json!({"maximumcall": 99})), &meta_opts(m)).is_empty());
}

#[test]
fn meta_messages_in_chinese() {
    let opts = ValidateOptions { locale: waihu::Locale::ZhCn, meta: Some(meta()), ..Default::default() };
    let got = full_issues(V, "createTask", with(valid_create(), json!({"maximumcall": 2})), &opts);
    assert_eq!(got[0].message, "超过线路剩余并发 1");
}

// ---- importCustomers (body format not documented: waihu's choice) ----

fn rows(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"phone": format!("130{:08}", i)})).collect()
}

#[test]
fn import_rows() {
    assert_clean(V, "importCustomers", json!({"task_id": TASK, "data": rows(100)}));
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": rows(101)}), "data", TooBig, Warning);
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": []}), "data", TooSmall, Error);
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": {"phone": "1"}}), "data", InvalidType, Error);
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": [{"name": "x"}]}), "data[0].phone", Required, Error);
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": [5]}), "data[0]", InvalidType, Error);
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": [{"phone": 13012121211i64}]}), "data[0].phone", InvalidType, Error);
    // Encrypted numbers are possible in the look-alike: an odd phone is only a warning.
    assert_one(V, "importCustomers", json!({"task_id": TASK, "data": [{"phone": "enc:AbC=="}]}), "data[0].phone", InvalidPhone, Warning);
    let dup = json!({"task_id": TASK, "data": [{"phone": "13012121211"}, {"phone": "130 1212 1211"}]});
    let got = full_issues(V, "importCustomers", dup, &Default::default());
    assert_eq!((got[0].path_string(), got[0].code, got[0].severity), ("data[1].phone".into(), DuplicateValue, Warning));
    assert_eq!(got[0].params, waihu::params! {"firstIndex": 0, "index": 1});
    assert_one(V, "importCustomers", json!({"data": rows(1)}), "task_id", Required, Error);
}

#[test]
fn import_takes_the_vendors_own_body_as_sent() {
    // A deployment's own format (no `data`) passes untouched; only an empty body is refused.
    let own = json!({"task_id": TASK, "customers": [{"mobile": "13012121211"}], "skip_error": true});
    assert_clean(V, "importCustomers", own);
    let req = built(V, "importCustomers", json!({"task_id": TASK, "customers": [{"mobile": "13012121211"}]}), creds(), Some(BASE), NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"customers":[{"mobile":"13012121211"}]}"#));
    assert_one(V, "importCustomers", json!({"task_id": TASK}), "data", Required, Error);
    // The look-alike's flags ride along with `data`.
    let req = built(V, "importCustomers", json!({"task_id": TASK, "ignore_crm": true, "data": [{"phone": "13012121211", "company": "xxx公司"}]}), creds(), Some(BASE), NOW);
    assert_eq!(req.body.as_deref(), Some(r#"{"data":[{"company":"xxx公司","phone":"13012121211"}],"ignore_crm":true}"#));
}

// ---- Replies ----

/// The page's create reply (a task entity), its truncated end closed.
const CREATE_REPLY: &str = r#"{
  "start": 0, // 此任务的实体
  "alter_datetime": "2020-03-06 22:38:02",
  "destination_dialplan": "XML",
  "destination_context": "default",
  "originate_variables": "{execute_on_media=start_da2}",
  "maximumcall": 1,
  "recycle_limit": 0,
  "name": "测试",
  "remark": "测试",
  "destination_extension": 1197,
  "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c",
  "random_assignment_number": 0,
  "caller_line_id": "83f180c4-00f3-4aaa-bc41-6cba4493e892",
  "call_pause_second": 10,
  "_originate_timeout": 60,
  "customer_service_id": 21,
  "auto_recycle_rule_id": 103,
  "_origination_caller_id_number": "13530525008",
  "dial_format": "user/admin",
  "call_notify_url": "http://127.0.0.1:81/api/hangup_notify",
  "call_notify_type": 2,
  "uuid": "02f5bb4a-8a09-4eae-8969-6c2a3732f774",
  "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
  "create_datetime": "2020-03-06 22:38:02",
  "start_str": "暂停",
  "group_str": "测试",
  "progress_bar": { // 此任务当前进度
    "total": 0,
    "progress": 0,
    "percent": 0
  },
    "group": { // 此任务使用的话术分组
    "id": 1197,
    "name": "测试",
    "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
    "debug": true,
    "deleted_at": null,
    "created_at": "2020-03-06 15:17:41",
    "updated_at": "2020-03-06 15:17:41",
    "link_word_group_id": null,
    "tag_scene_id": null,
    "default": true
  }
}"#;

/// The page's list reply, its truncated end closed.
const LIST_REPLY: &str = r#"{
    "data": [{
        "uuid": "dfc36b34-b398-4f6b-b263-cd64c53e5185", // 任务id
        "name": "测试任务",
        "create_datetime": "2019-05-07 15:15:40",
        "alter_datetime": "2019-05-17 10:58:58",
        "start": 0, // 任务状态,1开启|0暂停
        "maximumcall": 1, // 最大并发呼叫量
        "call_per_second": 10,
        "recycle_limit": 1, // 呼叫失败最大重拨次数 [启用,使用重呼规则]
        "random_assignment_number": 0,
        "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c", // 禁呼时间组ID
        "destination_extension": 447, // 使用话术分组ID
        "destination_dialplan": "XML",
        "destination_context": "default",
        "scheduling_policy_ratio": null,
        "scheduling_queue": null,
        "dial_format": "user/admin",
        "domain": null,
        "remark": null,
        "sort": 1,
        "originate_variables": "{execute_on_media=start_da2}",
        "_originate_timeout": 60,
        "_origination_caller_id_number": "13530525008", // 主叫号码
        "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
        "caller_line_id": "37d73edf-4628-4cf1-8beb-758433fd0aab", // 使用线路ID
        "customer_service_id": null, // 使用客服组ID
        "auto_recycle_rule_id": 103,   //重呼规则ID
        "call_notify_url": "http://127.0.0.1:81/api/hangup_notify",
        "call_notify_type": 2,
        "call_pause_second": 10,  //呼叫间隔(秒)
        "start_str": "暂停",
        "group_str": "test",
        "progress_bar": { // 任务进度 [弃用,需要专门请求 任务拨打进度 接口]
            "total": 2,
            "progress": 2,
            "percent": 100
        },
        "caller_line": {      //线路
      "id": "af69c544-a170-4a2d-b740-20bf66cc7ff4",
      "name": "南京-云蝠智能-17361984317",
      "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
      "description": null,
      "deadline_at": "2020-11-20 00:00:00",
      "available_time": 31536000,
      "begin_at": "2020-02-28 22:23:24",
      "call_line": 1,
      "call_line_used": 1,
      "call_number_prefix": "17361984317",
      "is_call_number_enable": 1,
      "is_call_number_prefix_editable": 0,
      "dial_string": "user/admin",
      "dial_string_mode": 1,
      "db_public_id": null,
      "db_private_id": null,
      "node_ip": "59.111.104.155",
      "node_status": "1",
      "created_at": "2020-02-28 22:24:48",
      "updated_at": "2020-03-04 20:51:03",
      "feature": 7
    },
    "auto_recycle_rule": {
      "id": 103,
      "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
      "name": "默认",
      "remark": "默认",
      "status": true,
      "created_at": "2020-02-13 10:35:05",
      "updated_at": "2020-02-13 10:35:05",
      "is_default": true
    },
    "disable_time_group": {
      "uuid": "cf44b8fc-a60f-499e-a5c8-5340963a56a3",
      "name": "午休时间",
      "domain": "",
      "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
      "created_at": null,
      "updated_at": null
    },
        "group": { // 使用话术组
            "id": 447,
            "name": "test",
            "user_id": "4d99d91c-f5d9-49da-88da-758977cc58a9",
            "debug": true,
            "deleted_at": null,
            "created_at": "2019-03-17 13:14:55",
            "updated_at": "2019-03-17 13:14:55",
            "default": false
        }
    }]
}"#;

#[test]
fn a_2xx_json_reply_is_returned_whole() {
    let create = strip_comments(CREATE_REPLY);
    let got = parse(V, "createTask", 200, &create).unwrap();
    assert_eq!(got["uuid"], json!(TASK));
    assert_eq!(got, serde_json::from_str::<Value>(&create).unwrap());
    let list = parse(V, "listTasks", 200, &strip_comments(LIST_REPLY)).unwrap();
    assert_eq!(list["data"][0]["uuid"], json!("dfc36b34-b398-4f6b-b263-cd64c53e5185"));
    let m = parse(V, "getCreateOptions", 200, &strip_comments(META_PAGE)).unwrap();
    assert_eq!(m, meta());
    // Whatever JSON a state change answers with (undocumented) is passed on.
    assert_eq!(parse(V, "startTask", 200, "[]").unwrap(), json!([]));
    assert_eq!(parse(V, "pauseTask", 201, r#"{"message":"ok"}"#).unwrap(), json!({"message": "ok"}));
    assert_eq!(parse(V, "deleteTask", 200, "null").unwrap(), Value::Null);
}

#[test]
fn the_example_replies_deserialize_into_the_types() {
    let m: types::ZxyCreateOptions = serde_json::from_value(meta()).unwrap();
    assert_eq!(m.meta.caller_line_list[0].residue, 1);
    assert_eq!(m.meta.outbound_group[0].id, waihu::wire::Id::Num(390));
    let t: types::ZxyTask = serde_json::from_str(&strip_comments(CREATE_REPLY)).unwrap();
    assert_eq!(t.group.as_ref().map(|g| g.id.clone()), Some(waihu::wire::Id::Num(1197)));
    let l: types::ZxyTaskList = serde_json::from_str(&strip_comments(LIST_REPLY)).unwrap();
    assert_eq!(l.data[0].caller_line.as_ref().map(|c| c.call_line_used), Some(Some(1)));
    let _: types::ZxyUpdateTaskParams = serde_json::from_value(with(valid_create(), json!({"task_id": TASK}))).unwrap();
    let _: types::ZxyTaskIdParams = serde_json::from_value(json!({"task_id": TASK})).unwrap();
    let _: types::ZxyImportCustomersParams = serde_json::from_value(json!({"task_id": TASK, "data": [{"phone": "13012121211", "name": "联系人1"}]})).unwrap();
    let _: types::ZxyNoParams = serde_json::from_value(json!({})).unwrap();
}

#[test]
fn a_non_2xx_json_reply_is_a_vendor_error_coded_by_the_status() {
    for (status, body, message, retryable) in [
        (422, r#"{"message":"caller_line_id 不存在"}"#, "caller_line_id 不存在", false),
        (401, r#"{"msg":"Unauthenticated."}"#, "Unauthenticated.", false),
        (404, r#"{"error":"Not Found"}"#, "Not Found", false),
        (400, r#"{"error":{"message":"bad"}}"#, "bad", false),
        (429, r#"{"message":"Too Many Attempts."}"#, "Too Many Attempts.", true),
        (500, r#"{"message":"Server Error"}"#, "Server Error", true),
        (503, r#"{}"#, "", true),
        (400, r#"["x"]"#, "", false),
    ] {
        let e = vendor_error(V, "createTask", status, body);
        assert_eq!(e.code, status.to_string());
        assert_eq!(e.status, status);
        assert_eq!(e.vendor_message, message, "{body}");
        // No code is documented: nothing is explained, and there is no request id.
        assert_eq!(e.explanation, "");
        assert_eq!(e.request_id, None);
        assert_eq!(e.retryable, retryable, "{status}");
    }
}

#[test]
fn a_2xx_reply_in_the_look_alikes_error_shape_is_a_vendor_error() {
    let e = vendor_error(V, "importCustomers", 200, r#"{"code":6007,"status":"error","message":"2.0任务启动中,请先停止任务","data":[]}"#);
    assert_eq!((e.code.as_str(), e.vendor_message.as_str(), e.retryable), ("6007", "2.0任务启动中,请先停止任务", false));
    let e = vendor_error(V, "startTask", 200, r#"{"status":"error"}"#);
    assert_eq!(e.code, "200");
    // The look-alike's success shape is passed on whole.
    let ok = parse(V, "startTask", 200, r#"{"code":200,"status":"success","message":"ok","data":[]}"#).unwrap();
    assert_eq!(ok["status"], json!("success"));
}

#[test]
fn unreadable_replies_are_response_errors() {
    for (status, body, retryable) in [
        (200, "", false),
        (200, "   ", false),
        (204, "", false),
        (502, "<html>Bad Gateway</html>", true),
        (200, "{\"data\":", false),
        (404, "Not Found", false),
        (200, "\u{feff}{}", false),
    ] {
        match parse(V, "listTasks", status, body) {
            Err(Error::ResponseError { status: s, retryable: r, .. }) => {
                assert_eq!(s, status);
                assert_eq!(r, retryable, "{body:?}");
            }
            other => panic!("{body:?}: {other:?}"),
        }
    }
}
