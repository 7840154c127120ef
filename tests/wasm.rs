//! The sans-IO core, compiled to wasm32 and run by wasm-bindgen-test-runner (Node and headless
//! Chromium: tests/wasm-bindgen.sh). The boundary itself is tested in src/js/tests.rs; this file
//! shows the core's validation, signing (SHA-256, HMAC-SHA1, MD5) and time formatting give the
//! native results inside wasm. wasm32 only: natively these are covered by tests/<vendor>.rs.
#![cfg(target_arch = "wasm32")]

use serde_json::{json, Value};
use wasm_bindgen_test::*;

use waihu::issue::{IssueCode, Severity};
use waihu::{BuildOptions, ValidateOptions};
use waihu::{Error, Locale, Operation, Vendor};

const NOW: f64 = 1_557_747_252_783.0;
const TANYI_SIG: &str = "ac8936bc10177578767f3c0e8a1173e459df2c6c2eb7e3a99e9ef5255fc47951";

fn vendor(id: &str) -> Vendor {
    waihu::vendors::parse(id).unwrap_or_else(|| panic!("no vendor {id}"))
}

fn op(name: &str) -> Operation {
    Operation::parse(name).unwrap_or_else(|| panic!("no operation {name}"))
}

fn tanyi_creds() -> Value {
    json!({"appKey": "demoAppKey", "appSecret": "demoAppSecret", "tenantSign": "demoTenant"})
}

fn tanyi_create(start: &str, end: &str) -> Value {
    json!({
        "concurrencyQuota": 2,
        "jobPhoneNumberIdList": [348, 369],
        "robotCallJob": {
            "alertUsers": [], "dailyEndTime": end, "dailyStartTime": start, "description": "gthjoitjdjfdk",
            "dialogFlowId": 2, "earlyWarningAlertUsers": [], "inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}],
            "mode": "AUTO", "name": "测试名称3333", "phoneType": "LANDLINE", "robotCount": 10, "smsAlertLevel": ["A"],
            "smsTemplateId": 1, "startTime": "2017-11-21 04:32:00", "tenantId": 1, "wechatAlertLevel": [],
            "wechatSendMethod": "SENDTOALL", "wechatAlertLevelCode": [], "smsAlertLevelCode": [], "wechatConditionAlertLevelCode": []
        }
    })
}

fn build(vendor: Vendor, operation: &str, params: Value, creds: Value, now: f64) -> Result<waihu::HttpRequest, Error> {
    let opts = BuildOptions { now, ..Default::default() };
    vendor.build_request(op(operation), &params, &creds, &opts)
}

#[wasm_bindgen_test]
fn tanyi_daily_window_errors_in_wasm() {
    let opts = ValidateOptions { locale: Locale::ZhCn, ..Default::default() };
    let issues = vendor("tanyi").validate(op("createTask"), &tanyi_create("08:00", "21:00"), &opts).unwrap();
    let got: Vec<(String, IssueCode, Severity)> = issues.iter().map(|i| (i.path_string(), i.code, i.severity)).collect();
    assert_eq!(
        got,
        vec![("robotCallJob.dailyStartTime".into(), IssueCode::OutsideAllowedHours, Severity::Error), ("robotCallJob.dailyEndTime".into(), IssueCode::OutsideAllowedHours, Severity::Warning)]
    );
    assert_eq!(issues[0].message, "不在厂商文档规定的拨打时段 09:00-20:00 内");
    let clean = vendor("tanyi").validate(op("createTask"), &tanyi_create("09:00", "20:00"), &ValidateOptions::default()).unwrap();
    assert!(clean.iter().all(|i| i.severity != Severity::Error), "{clean:?}");
}

#[wasm_bindgen_test]
fn tanyi_sha256_signature_in_wasm() {
    assert_eq!(waihu::vendors::tanyi::signature("demoAppKey", "demoAppSecret", "demoTenant", "v1", "1557747252783"), TANYI_SIG);
    let req = build(vendor("tanyi"), "startTask", json!({"robotCallJobId": 1}), tanyi_creds(), NOW).unwrap();
    assert_eq!(req.header("signature"), Some(TANYI_SIG));
    assert_eq!(req.url, "https://openapi.tanyibot.com/apiOpen/v1/job/start");
    assert!(matches!(
        build(vendor("tanyi"), "createTask", tanyi_create("08:00", "21:00"), tanyi_creds(), NOW),
        Err(Error::ValidationError { .. })
    ));
}

#[wasm_bindgen_test]
fn byrobot_hmac_sha1_and_gmt_date_in_wasm() {
    // BYRobot's documented vector (src/vendors/byrobot/README.md): Thu, 13 Dec 2018 01:27:17 GMT; 2023-12-31 23:30 UTC keeps the GMT date.
    let creds = json!({"appKey": "demoAppKey", "appSecret": "demoAppSecret"});
    let req = build(vendor("byrobot"), "startTask", json!({"taskId": 1}), creds, 1_704_065_400_000.0).unwrap();
    assert_eq!(req.header("datetime"), Some("Sun, 31 Dec 2023 23:30:00 GMT"));
    assert_eq!(req.header("sign"), Some("lE71z8xnkgxt3S7OVoxnEV85ewI="));
}

#[wasm_bindgen_test]
fn itniotech_md5_and_epoch_seconds_in_wasm() {
    assert_eq!(waihu::vendors::itniotech::signature("demoApiKey", "demoApiSecret", "1630468800"), "1ace6a82b79ca58aa1ad8aebfe99704a");
    let creds = json!({"apiKey": "demoApiKey", "apiSecret": "demoApiSecret", "appId": "demoAppId"});
    let req = build(vendor("itniotech"), "listScripts", json!({}), creds, 1_630_468_800_500.0).unwrap();
    assert_eq!(req.header("Timestamp"), Some("1630468800"));
    assert_eq!(req.header("Sign"), Some("1ace6a82b79ca58aa1ad8aebfe99704a"));
}

#[wasm_bindgen_test]
fn parse_response_in_wasm() {
    let ok = vendor("tanyi").parse_response(op("createTask"), 200, r#"{"code":200,"data":{"robotCallJobId":139},"requestId":"R","resultMsg":"ok"}"#, Locale::En).unwrap();
    assert_eq!(ok, json!({"robotCallJobId": 139}));
    assert!(matches!(vendor("tanyi").parse_response(op("startTask"), 502, "<html>", Locale::En), Err(Error::ResponseError { .. })));
}
