//! Native timing of the small single calls that bench/ab.mjs times in wasm (one task form, one
//! createTask reply, one signed request per vendor): `cargo run --release --example calls_native`.
//! `N=1000 valgrind --tool=callgrind target/release/examples/calls_native loop-parse-tanyi` (also
//! `loop-validate-<vendor>`, `loop-build-<vendor>`) counts instructions, which the shared
//! machine's load does not move (bench/NOTES.md).

mod api {
    use waihu::{BuildOptions, Locale, Operation, ValidateOptions};
    pub fn validate_json(v: &str, op: &str, text: &str) -> usize {
        let vendor = waihu::vendors::parse(v).unwrap();
        let op = Operation::parse(op).unwrap();
        vendor.validate_json(op, text, &ValidateOptions::default()).unwrap().unwrap().len()
    }
    pub fn parse(v: &str, op: &str, status: u16, body: &str) -> usize {
        let vendor = waihu::vendors::parse(v).unwrap();
        let op = Operation::parse(op).unwrap();
        serde_json::to_string(&vendor.parse_response(op, status, body, Locale::En).unwrap()).unwrap().len()
    }
    pub fn build(v: &str, op: &str, params: &str, creds: &str) -> usize {
        let vendor = waihu::vendors::parse(v).unwrap();
        let op = Operation::parse(op).unwrap();
        let mut o = BuildOptions::default();
        o.now = 1_557_747_252_783.0;
        if v == "zxycall" { o.base_url = Some("https://zxy.example.com".into()); }
        let p = waihu::json::parse_value(params).unwrap();
        let c = waihu::json::parse_value(creds).unwrap();
        vendor.build_request(op, &p, &c, &o).unwrap().url.len()
    }
}

use std::time::Instant;

fn time(f: &dyn Fn() -> usize) -> f64 {
    let n = 200_000;
    for _ in 0..n / 10 { std::hint::black_box(f()); }
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(f()); }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    best * 1e9
}

const FORMS: &[(&str, &str)] = &[
    ("tanyi", r#"{"concurrencyQuota":2,"jobPhoneNumberIdList":[348],"robotCallJob":{"name":"测试","mode":"MANUAL","dailyStartTime":"09:00","dailyEndTime":"20:00","inactiveTimeList":[{"startTime":"12:00","endTime":"13:00"}],"dialogFlowId":139,"phoneType":"LANDLINE","robotCount":2}}"#),
    ("byrobot", r#"{"companyId":1,"taskName":"测试","taskType":2,"userPhoneIds":[1],"robotDefId":1,"callType":0,"workingStartTime":"09:00","workingEndTime":"20:00","breakStartTime":"12:00","breakEndTime":"13:00"}"#),
    ("itniotech", r#"{"name":"测试","dialogFlowId":8663,"mode":"AUTO","startDateTime":"2026-12-01 09:00:00","endDateTime":"2027-02-07 10:00:00","dailyStartDateTime":"09:00","dailyEndDateTime":"20:00","robotCount":2,"jobPhoneNumberId":2959,"inactiveTimeList":[{"startTime":"12:00","endTime":"13:00"}],"daysOfWeek":["MONDAY","FRIDAY"],"redial":true,"redialCondition":["BUSY"],"redialInterval":30,"redialTimes":2}"#),
    ("zxycall", r#"{"caller_line_id":"37d73edf-4628-4cf1-8beb-758433fd0aab","destination_extension":390,"disable_dial_timegroup":"146979fe-3864-4817-ad76-13b37f43bb1c","maximumcall":1,"name":"测试","random_assignment_number":0,"recycle_limit":0,"_originate_timeout":60,"call_pause_second":10,"auto_recycle_rule_id":1}"#),
];
const CREDS: &[&str] = &[
    r#"{"appKey":"demoAppKey","appSecret":"demoAppSecret","tenantSign":"demoTenant"}"#,
    r#"{"appKey":"demoAppKey","appSecret":"demoAppSecret"}"#,
    r#"{"apiKey":"demoApiKey","apiSecret":"demoApiSecret","appId":"demoAppId"}"#,
    r#"{"token":"demoToken"}"#,
];
const REPLIES: &[(u16, &str)] = &[
    (200, r#"{"code":200,"data":{"robotCallJobId":139},"requestId":"RKXNIQAF","resultMsg":"修改成功","errorStackTrace":null}"#),
    (200, r#"{"code":200,"data":67,"resultMsg":"操作成功","errorStackTrace":null}"#),
    (200, r#"{"status":"0","reason":"success","data":123}"#),
    (201, r#"{"uuid":"dfc36b34-b398-4f6b-b263-cd64c53e5185","name":"测试","maximumcall":1,"start":0}"#),
];

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    if let Some(rest) = which.strip_prefix("loop-") {
        // For perf: `loop-parse-tanyi`, `loop-validate-byrobot`, `loop-build-tanyi`.
        let (kind, v) = rest.split_once('-').unwrap();
        let i = FORMS.iter().position(|(id, _)| *id == v).unwrap();
        let n: usize = std::env::var("N").ok().and_then(|s| s.parse().ok()).unwrap_or(3_000_000);
        for _ in 0..n {
            std::hint::black_box(match kind {
                "parse" => api::parse(v, "createTask", REPLIES[i].0, REPLIES[i].1),
                "validate" => api::validate_json(v, "createTask", FORMS[i].1),
                _ => api::build(v, "createTask", FORMS[i].1, CREDS[i]),
            });
        }
        return;
    }
    for (i, (v, form)) in FORMS.iter().enumerate() {
        let val = time(&|| api::validate_json(v, "createTask", form));
        let parse = time(&|| api::parse(v, "createTask", REPLIES[i].0, REPLIES[i].1));
        let build = time(&|| api::build(v, "createTask", form, CREDS[i]));
        println!("{v:10} validate {val:7.0} ns  parse {parse:7.0} ns  build {build:7.0} ns");
    }
}
