//! The wasm boundary as JS sees it: JS values in, plain JS objects and JS `Error`s out, and the
//! `Client`'s promise. Run under wasm-bindgen-test-runner, in Node and in headless Chromium
//! (tests/wasm-bindgen.sh); the browser is chosen at run time (`WASM_BINDGEN_USE_BROWSER=1`),
//! so there is no `wasm_bindgen_test_configure!` here.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use super::client::Client;

// The raw exports take and return JSON text, options too (pkg-template/api.js stringifies and parses);
// these wrappers do what api.js does, so the tests read as JS callers see the API.
fn validate(vendor: &str, op: &str, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    super::validate(vendor, op, &stringify(&params), &options_json(&options)).map(|s| js(s.as_deref().unwrap_or("[]")))
}

fn build_request(vendor: &str, op: &str, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    super::build_request(vendor, op, &stringify(&params), &options_json(&options)).map(|s| js(&s))
}

fn parse_response(vendor: &str, op: &str, status: u16, body: &str, locale: JsValue) -> Result<JsValue, JsValue> {
    super::parse_response(vendor, op, status.into(), body, &options_json(&locale)).map(|s| js(&s))
}

fn operations(vendor: &str) -> Result<JsValue, JsValue> {
    super::operations(vendor)
}

/// Options as api.js sends them: `undefined` as `null`.
fn options_json(v: &JsValue) -> String {
    if v.is_undefined() { "null".into() } else { stringify(v) }
}

const NOW: f64 = 1_557_747_252_783.0;
const SIG: &str = "ac8936bc10177578767f3c0e8a1173e459df2c6c2eb7e3a99e9ef5255fc47951";

/// A JS value from JSON text, as a JS caller would pass it.
fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("bad test JSON {json}: {e:?}"))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or_else(|e| panic!("no {key}: {e:?}"))
}

fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(v, key)))
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).map(String::from).unwrap_or_default()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !Array::is_array(v) && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

fn tanyi_creds() -> &'static str {
    r#"{"appKey":"demoAppKey","appSecret":"demoAppSecret","tenantSign":"demoTenant"}"#
}

/// Tanyi's page create example, with the daily window set to `start`–`end`.
fn tanyi_create(start: &str, end: &str) -> JsValue {
    js(&format!(
        r#"{{"concurrencyQuota":2,"jobPhoneNumberIdList":[348,369],"robotCallJob":{{
          "alertUsers":[],"dailyEndTime":"{end}","dailyStartTime":"{start}","description":"gthjoitjdjfdk",
          "dialogFlowId":2,"earlyWarningAlertUsers":[],"inactiveTimeList":[{{"startTime":"12:00","endTime":"13:00"}}],
          "mode":"AUTO","name":"测试名称3333","phoneType":"LANDLINE","robotCount":10,"smsAlertLevel":["A"],
          "smsTemplateId":1,"startTime":"2017-11-21 04:32:00","tenantId":1,"wechatAlertLevel":[],
          "wechatSendMethod":"SENDTOALL","wechatAlertLevelCode":[],"smsAlertLevelCode":[],"wechatConditionAlertLevelCode":[]}}}}"#
    ))
}

/// The issues of severity error, as an array.
fn errors_of(issues: &JsValue) -> Vec<JsValue> {
    all_of(issues).into_iter().filter(|i| get_str(i, "severity") == "error").collect()
}

fn all_of(issues: &JsValue) -> Vec<JsValue> {
    assert!(Array::is_array(issues), "issues is an array: {}", stringify(issues));
    Array::from(issues).iter().collect()
}

#[wasm_bindgen_test]
fn validate_returns_plain_issue_objects() {
    // Tanyi: an early start is an error, a late end a warning (the vendor's own examples end at 21:00).
    let issues = validate("tanyi", "createTask", tanyi_create("08:00", "21:00"), JsValue::UNDEFINED).expect("validate");
    let all = all_of(&issues);
    assert_eq!(all.len(), 2, "{}", stringify(&issues));
    assert_eq!(errors_of(&issues).len(), 1);
    for ((issue, field), severity) in all.iter().zip(["dailyStartTime", "dailyEndTime"]).zip(["error", "warning"]) {
        assert!(is_plain_object(issue));
        assert_eq!(get_str(issue, "severity"), severity);
        assert_eq!(get_str(issue, "code"), "outside_allowed_hours");
        let path = get(issue, "path");
        assert!(Array::is_array(&path));
        assert_eq!(stringify(&path), format!(r#"["robotCallJob","{field}"]"#));
        assert!(!get_str(issue, "message").is_empty());
        assert!(is_plain_object(&get(issue, "params")));
    }
    // The in-window request has no errors.
    let clean = validate("tanyi", "createTask", tanyi_create("09:00", "20:00"), JsValue::UNDEFINED).unwrap();
    assert!(errors_of(&clean).is_empty(), "{}", stringify(&clean));
}

#[wasm_bindgen_test]
fn validate_speaks_chinese() {
    let issues = validate("tanyi", "createTask", tanyi_create("08:00", "21:00"), js(r#"{"locale":"zh-CN"}"#)).unwrap();
    let all = all_of(&issues);
    assert_eq!(all.len(), 2);
    for e in &all {
        assert_eq!(get_str(e, "message"), "不在厂商文档规定的拨打时段 09:00-20:00 内");
    }
}

#[wasm_bindgen_test]
fn build_request_is_a_plain_signed_object() {
    let opts = js(&format!(r#"{{"credentials":{},"now":{NOW}}}"#, tanyi_creds()));
    let req = build_request("tanyi", "startTask", js(r#"{"robotCallJobId":1}"#), opts).expect("buildRequest");
    assert!(is_plain_object(&req), "{}", stringify(&req));
    assert_eq!(get_str(&req, "method"), "POST");
    assert_eq!(get_str(&req, "url"), "https://openapi.tanyibot.com/apiOpen/v1/job/start");
    assert_eq!(get_str(&req, "body"), r#"{"robotCallJobId":1}"#);
    let headers = get(&req, "headers");
    assert!(is_plain_object(&headers), "headers is a record, not a Map");
    assert_eq!(get_str(&headers, "signature"), SIG);
    assert_eq!(get_str(&headers, "timestamp"), "1557747252783");
    assert_eq!(get_str(&headers, "appKey"), "demoAppKey");
    assert!(get(&headers, "appSecret").is_undefined(), "the secret is not sent");

    // baseUrl is honoured; a GET has no body key.
    let opts = js(&format!(r#"{{"credentials":{},"now":{NOW},"baseUrl":"http://127.0.0.1:9/t/"}}"#, tanyi_creds()));
    let get_req = build_request("tanyi", "getTask", js(r#"{"robotCallJobId":139}"#), opts).unwrap();
    assert_eq!(get_str(&get_req, "method"), "GET");
    assert_eq!(get_str(&get_req, "url"), "http://127.0.0.1:9/t/apiOpen/v1/job/getJobDetail?robotCallJobId=139");
    assert!(!Reflect::has(&get_req, &"body".into()).unwrap());
}

#[wasm_bindgen_test]
fn validation_failure_throws_a_validation_error() {
    let opts = js(&format!(r#"{{"credentials":{},"now":{NOW}}}"#, tanyi_creds()));
    let err = build_request("tanyi", "createTask", tanyi_create("08:00", "21:00"), opts).expect_err("must throw");
    assert!(err.is_instance_of::<js_sys::Error>(), "an Error: {err:?}");
    assert_eq!(get_str(&err, "name"), "ValidationError");
    assert_eq!(get_str(&err, "code"), "validation_failed");
    assert_eq!(get_str(&err, "vendor"), "tanyi");
    assert_eq!(get_str(&err, "operation"), "createTask");
    let issues = get(&err, "issues");
    assert!(Array::is_array(&issues));
    // The early start is an error; the late end only a warning (issue 12 item 4), carried too.
    assert_eq!(all_of(&issues).len(), 2);
    assert_eq!(errors_of(&issues).len(), 1);
    assert!(!get_str(&err, "message").is_empty());
}

#[wasm_bindgen_test]
fn bad_arguments_throw_type_errors() {
    let err = validate("nope", "createTask", js("{}"), JsValue::UNDEFINED).expect_err("unknown vendor");
    assert!(err.is_instance_of::<js_sys::TypeError>(), "{err:?}");
    assert_eq!(get_str(&err, "code"), "invalid_argument");
    let err = build_request("nope", "startTask", js("{}"), js("{}")).expect_err("unknown vendor");
    assert!(err.is_instance_of::<js_sys::TypeError>());
    assert!(operations("nope").unwrap_err().is_instance_of::<js_sys::TypeError>());
    // An unknown operation is an UnsupportedOperationError, not a TypeError.
    let err = validate("tanyi", "noSuchOp", js("{}"), JsValue::UNDEFINED).expect_err("unknown op");
    assert!(!err.is_instance_of::<js_sys::TypeError>());
    assert_eq!(get_str(&err, "name"), "UnsupportedOperationError");
}

#[wasm_bindgen_test]
fn operations_and_parse_response() {
    let ops = operations("tanyi").unwrap();
    assert!(Array::is_array(&ops));
    assert!(Array::from(&ops).includes(&"createTask".into(), 0));
    let data = parse_response("tanyi", "createTask", 200, r#"{"code":200,"data":{"robotCallJobId":139},"requestId":"R","resultMsg":"ok"}"#, JsValue::UNDEFINED).unwrap();
    assert!(is_plain_object(&data));
    assert_eq!(get(&data, "robotCallJobId").as_f64(), Some(139.0));
    let err = parse_response("tanyi", "startTask", 200, r#"{"code":412,"data":null,"requestId":"GDFVVSAE","resultMsg":"失败"}"#, JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get_str(&err, "name"), "VendorError");
    assert_eq!(get_str(&err, "requestId"), "GDFVVSAE");
}

#[wasm_bindgen_test]
fn byrobot_datetime_is_gmt_from_the_js_clock() {
    let opts = js(r#"{"credentials":{"appKey":"demoAppKey","appSecret":"demoAppSecret"}}"#);
    let req = build_request("byrobot", "startTask", js(r#"{"taskId":1}"#), opts).unwrap();
    let dt = get_str(&get(&req, "headers"), "datetime");
    assert!(dt.ends_with(" GMT"), "{dt}");
    // An RFC 7231 date the JS clock agrees with (now, not 1970).
    let parsed = js_sys::Date::parse(&dt);
    assert!((parsed - js_sys::Date::now()).abs() < 120_000.0, "{dt}");
}

#[wasm_bindgen_test]
fn itniotech_timestamp_is_epoch_seconds() {
    let opts = js(r#"{"credentials":{"apiKey":"demoApiKey","apiSecret":"demoApiSecret","appId":"demoAppId"}}"#);
    let req = build_request("itniotech", "listScripts", js("{}"), opts).unwrap();
    let ts = get_str(&get(&req, "headers"), "Timestamp");
    assert!(ts.len() == 10 && ts.bytes().all(|b| b.is_ascii_digit()), "{ts}");
    let secs: f64 = ts.parse().unwrap();
    assert!((secs - js_sys::Date::now() / 1000.0).abs() < 120.0, "{ts}");
}

#[wasm_bindgen_test]
async fn client_rejects_with_network_error_when_unreachable() {
    let config = js(&format!(r#"{{"vendor":"tanyi","credentials":{},"baseUrl":"http://127.0.0.1:1/","maxRetries":0,"timeoutMs":10000}}"#, tanyi_creds()));
    let client = Client::new(&stringify(&config), JsValue::UNDEFINED).expect("client");
    assert_eq!(client.vendor(), "tanyi");
    let err = JsFuture::from(client.call("startTask", r#"{"robotCallJobId":1}"#, "null", JsValue::UNDEFINED, false)).await.expect_err("must reject");
    assert!(err.is_instance_of::<js_sys::Error>(), "{err:?}");
    assert_eq!(get_str(&err, "name"), "NetworkError", "{}", get_str(&err, "message"));
    assert_eq!(get_str(&err, "code"), "network_error");
    assert_eq!(get(&err, "attempts").as_f64(), Some(1.0));
    // The error names the target, never the credentials.
    let msg = get_str(&err, "message");
    assert!(!msg.contains("demoAppSecret"), "{msg}");
}

#[wasm_bindgen_test]
async fn client_rejects_bad_params_without_sending() {
    let config = js(&format!(r#"{{"vendor":"tanyi","credentials":{},"baseUrl":"http://127.0.0.1:1/","maxRetries":0}}"#, tanyi_creds()));
    let client = Client::new(&stringify(&config), JsValue::UNDEFINED).unwrap();
    let err = JsFuture::from(client.call("createTask", &stringify(&tanyi_create("08:00", "21:00")), "null", JsValue::UNDEFINED, false)).await.unwrap_err();
    assert_eq!(get_str(&err, "name"), "ValidationError");
    assert!(Client::new(r#"{"vendor":"nope"}"#, JsValue::UNDEFINED).is_err_and(|e| e.is_instance_of::<js_sys::TypeError>()));
    // Wrong argument types are TypeErrors too, never engine errors.
    // (api.js checks that names and bodies are strings, and sends NaN for a status that is not a
    // number.)
    assert!(super::validate("nope", "createTask", "{}", "null").is_err_and(|e| e.is_instance_of::<js_sys::TypeError>()));
    assert!(super::parse_response("tanyi", "createTask", f64::NAN, "{}", "null").is_err_and(|e| e.is_instance_of::<js_sys::TypeError>()));
    assert!(Client::new(r#"{"vendor":"tanyi"}"#, JsValue::from(1)).is_err_and(|e| e.is_instance_of::<js_sys::TypeError>()));
}
