//! Property test: no input can panic the core (a panic in wasm kills the instance).
//! Random JSON, and mutations of realistic bodies, go through every operation's validate,
//! build and parse for every vendor. Bounded: `WAIHU_FUZZ_CASES` (default 100 000 in CI).

use serde_json::{json, Map, Value};
use waihu::{BuildOptions, ValidateOptions};
use waihu::{Locale, Operation, Vendor};

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// Field names the vendors use, so random objects hit real rules.
const KEYS: &[&str] = &[
    "robotCallJobId", "robotCallJob", "name", "mode", "startTime", "endTime", "dailyStartTime", "dailyEndTime", "inactiveTimeList",
    "dialogFlowId", "phoneType", "robotCount", "concurrencyQuota", "jobPhoneNumberIdList", "customerPersons", "phoneNumber", "properties",
    "redialCondition", "redialInterval", "redialTimes", "pageNum", "pageSize", "status", "companyId", "taskId", "taskName", "taskType",
    "startDate", "workingStartTime", "workingEndTime", "breakStartTime", "breakEndTime", "userPhoneIds", "robotDefId", "callType",
    "customerInfoList", "phone", "durationLeft", "durationRight", "chatRoundLeft", "chatRoundRight", "finishStatus", "repeatCall",
    "repeatCallRule", "appId", "jobId", "dailyStartDateTime", "dailyEndDateTime", "startDateTime", "endDateTime", "jobPhoneNumberId",
    "inactiveDateList", "startDate", "endDate", "daysOfWeek", "redial", "gender", "current", "size", "params", "caller_line_id",
    "maximumcall", "random_assignment_number", "recycle_limit", "destination_extension", "disable_dial_timegroup", "task_id", "id",
    "customer_service_id", "auto_recycle_rule_id", "meta", "caller_line_list", "residue", "value", "code", "data", "resultMsg",
    "status", "reason", "requestId", "records", "operation", "callJobId", "resultQueryList", "callRecordDup", "jobPhoneNumberList",
    "dataType", "sceneInstance", "callInstanceId", "callRecordId", "callId", "taskResult", "resultName", "resultValue", "sceneInstanceId",
    "phoneLog", "phoneLogs", "callDetailList", "chatDuration",
];
const STRINGS: &[&str] = &[
    "", " ", "09:00", "20:00", "21:00", "08:59", "24:00", "9:00", "2022-02-29", "2024-02-29", "2022-09-16 08:00:00", "9999-12-31 23:59:59",
    "0000-01-01", "AUTO", "MANUAL", "MOBILE", "MONDAY", "BUSY", "13800138000", "+8613800138000", "1008", "abc", "-1", "1", "0",
    "99999999999999999999999", "中文", "\u{0}", "\u{FFFF}", "🙂", "NaN", "null", "[", "{\"code\":200}",
    "ROBOT_CALL_RECORD", "ROBOT_CALL_JOB", "ROBOT_CALL_SMS", "CALL_INSTANCE_RESULT", "INBOUND_CALL_INSTANCE_RESULT", "JOB_INFO_RESULT", "客户意向等级",
    // Hostile input (issue 12): header splitting, dot segments in path ids, ids past 2^53 and
    // past 2^63, what a lone surrogate reads as, half a comma list.
    "k\r\nX-Injected: 1", "\n", "\r", "a\u{0}b", ".", "..", "../x", "%2E%2E", "1734567890123456789", "12345678901234567890",
    "9223372036854775807", "9223372036854775808", "\u{FFFD}", "3033729,3033719", "1,,2", ",", "09:00:00", "20:00:01", "24:00:00",
];

fn scalar(r: &mut Rng) -> Value {
    match r.below(9) {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => json!(r.next() as i64),
        3 => json!(r.below(30) as i64 - 5),
        4 => json!(f64::from_bits(r.next()).is_finite().then(|| f64::from_bits(r.next())).unwrap_or(1.5)),
        5 => json!(u64::MAX),
        6 => json!(i64::MIN),
        _ => Value::String(r.pick(STRINGS).to_string()),
    }
}

fn random(r: &mut Rng, depth: u32) -> Value {
    if depth == 0 || r.below(3) == 0 {
        return scalar(r);
    }
    if r.below(2) == 0 {
        let cap = if r.below(20) == 0 { 120 } else { 5 };
        let n = r.below(cap);
        Value::Array((0..n).map(|_| random(r, depth - 1)).collect())
    } else {
        let mut m = Map::new();
        for _ in 0..r.below(8) {
            m.insert(r.pick(KEYS).to_string(), random(r, depth - 1));
        }
        Value::Object(m)
    }
}

/// Replaces a random subtree of `v` with random JSON.
fn mutate(r: &mut Rng, v: &mut Value, depth: u32) {
    match v {
        Value::Object(m) if !m.is_empty() && r.below(4) != 0 => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = r.pick(&keys).clone();
            if let Some(child) = m.get_mut(&k) {
                mutate(r, child, depth + 1);
            }
        }
        Value::Array(a) if !a.is_empty() && r.below(4) != 0 => {
            let i = r.below(a.len() as u64) as usize;
            mutate(r, &mut a[i], depth + 1);
        }
        _ => *v = random(r, 3),
    }
}

fn seeds() -> Vec<Value> {
    vec![
        json!({"concurrencyQuota": 2, "jobPhoneNumberIdList": [348], "robotCallJob": {"name": "n", "mode": "AUTO", "startTime": "2017-11-21", "dailyStartTime": "09:00", "dailyEndTime": "20:00", "inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}], "dialogFlowId": 2, "phoneType": "LANDLINE", "robotCount": 1, "redialCondition": ["BUSY"], "redialInterval": 10, "redialTimes": 1}}),
        json!({"robotCallJobId": 1, "customerPersons": [{"name": "a", "phoneNumber": "13800138000", "properties": {"k": "v"}}, {"phoneNumber": "13800138000"}]}),
        json!({"companyId": 1, "taskName": "t", "taskType": 1, "startDate": "2017-10-19", "workingStartTime": "08:00", "workingEndTime": "22:00", "breakStartTime": "12:00", "breakEndTime": "13:00", "userPhoneIds": [1], "robotDefId": 1, "callType": 0, "repeatCall": true, "repeatCallRule": [{"phoneStatus": 2, "times": 1, "interval": 10}]}),
        json!({"companyId": 1, "taskId": 67, "customerInfoList": [{"name": "张三", "phone": "13333333333", "properties": {"a": "b"}}]}),
        json!({"callJobId": 62, "durationLeft": 0, "durationRight": 100, "chatRoundLeft": 0, "chatRoundRight": 10, "finishStatus": 1, "resultQueryList": [{"name": "n", "value": "v"}]}),
        json!({"appId": "LILIN888", "jobId": 123, "name": "n", "dialogFlowId": 8663, "mode": "AUTO", "dailyStartDateTime": "09:00", "dailyEndDateTime": "20:00", "robotCount": 1, "jobPhoneNumberId": 2959, "redial": true, "redialCondition": ["BUSY"], "redialInterval": 10, "redialTimes": 3, "startDateTime": "2022-09-16 08:00:00", "endDateTime": "2023-02-07 10:00:00", "inactiveDateList": [{"startDate": "2022-02-05", "endDate": "2022-02-07"}], "daysOfWeek": ["MONDAY"]}),
        json!({"current": 1, "size": 10, "params": {"appId": "a", "startTime": "2022-01-01 00:00:00", "endTime": "2022-01-02 00:00:00", "jobId": 1}}),
        json!({"task_id": "abc", "caller_line_id": "37d7", "destination_extension": 390, "disable_dial_timegroup": "1469", "maximumcall": 1, "name": "n", "random_assignment_number": 0, "recycle_limit": 0, "_originate_timeout": 60, "call_pause_second": 10, "auto_recycle_rule_id": 1, "customer_service_id": 21}),
    ]
}

fn metas() -> Vec<Value> {
    vec![
        Value::Null,
        json!({"meta": {"caller_line_list": [{"value": "37d7", "residue": 1}], "customer_service": [{"id": 21, "status": 1, "caller_line_id": "x"}], "outbound_group": [{"id": 390}], "enum_disable_dial_timegroup": [{"uuid": "1469"}], "auto_recycle_rules": [{"id": 1, "status": true}]}}),
    ]
}

fn creds() -> Vec<Value> {
    vec![
        json!({"appKey": "k", "appSecret": "s", "tenantSign": "t", "apiKey": "k", "apiSecret": "s", "appId": "a", "token": "t"}),
        json!({"appKey": 1, "token": null}),
        json!("secret"),
    ]
}

/// Credentials for every vendor (only its own members), one value replaced by a random string
/// (CR, LF and NUL among them).
fn hostile_creds(r: &mut Rng) -> Value {
    let mut c = match r.below(4) {
        0 => json!({"appKey": "k", "appSecret": "s", "tenantSign": "t", "version": "v1"}),
        1 => json!({"appKey": "k", "appSecret": "s"}),
        2 => json!({"apiKey": "k", "apiSecret": "s", "appId": "a"}),
        _ => json!({"token": "t", "authHeader": "Authorization", "authScheme": "Bearer"}),
    };
    let keys: Vec<String> = c.as_object().unwrap().keys().cloned().collect();
    let k = r.pick(&keys).clone();
    c[k] = Value::String(r.pick(STRINGS).to_string());
    c
}

/// The params' JSON text with a lone surrogate escape at the start of one of its strings, as
/// `JSON.stringify` writes a name cut in the middle of an emoji.
fn with_lone_surrogate(r: &mut Rng, text: &str) -> String {
    // Where strings open: after a `"` outside a string.
    let (mut opens, mut in_string, mut escaped) = (Vec::new(), false, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' if !in_string => {
                in_string = true;
                opens.push(i + 1);
            }
            '"' if !escaped => in_string = false,
            _ => {}
        }
        escaped = in_string && !escaped && c == '\\';
    }
    if opens.is_empty() {
        return text.to_string();
    }
    let at = opens[r.below(opens.len() as u64) as usize];
    format!("{}{}{}", &text[..at], r.pick(&["\\ud83d", "\\ude00", "\\ud83d\\u0041"]), &text[at..])
}

const BODIES: &[&str] = &[
    "", "null", "[]", "{}", "{\"code\":200}", "{\"code\":200,\"data\":[1]}", "{\"code\":\"200\"}", "{\"code\":1e999}", "{\"code\":-1,\"resultMsg\":{}}",
    "{\"status\":\"0\",\"data\":{\"records\":[]}}", "{\"status\":-48}", "{\"status\":\"-48\",\"reason\":null}", "{\"meta\":{}}",
    "{\"data\":[{}]}", "<html>", "\u{feff}{}", "{\"code\":408,\"requestId\":5}", "{\"message\":\"x\"}", "123",
    // A Java server's lone surrogates, and ids past 2^53.
    "{\"code\":200,\"data\":{\"name\":\"\\ud83d\"}}", "{\"status\":\"0\",\"reason\":\"\\ude00\",\"data\":null}", "{\"message\":\"\\ud83d\\u0041\"}",
    "{\"code\":200,\"data\":{\"robotCallJobId\":1734567890123456789}}", "{\"id\":12345678901234567890}",
];

#[test]
fn no_operation_panics_on_any_input() {
    let cases: u64 = std::env::var("WAIHU_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut r = Rng(0x5EED_0F_57A7E);
    let seeds = seeds();
    let metas = metas();
    let creds = creds();
    let ops: Vec<(Vendor, Operation)> = waihu::vendors::ALL.iter().flat_map(|v| Operation::ALL.iter().map(move |o| (*v, *o))).collect();
    for _ in 0..cases {
        let (vendor, op) = *r.pick(&ops);
        let params = if r.below(2) == 0 {
            random(&mut r, 4)
        } else {
            let mut v = r.pick(&seeds).clone();
            for _ in 0..=r.below(3) {
                mutate(&mut r, &mut v, 0);
            }
            v
        };
        let meta = r.pick(&metas).clone();
        let opts = ValidateOptions { locale: if r.below(2) == 0 { Locale::En } else { Locale::ZhCn }, meta: (!meta.is_null()).then_some(meta.clone()), ..Default::default() };
        let by_value = vendor.validate(op, &params, &opts);
        // The text path (the boundary's) must give the very same result.
        let by_text = vendor.validate_json(op, &params.to_string(), &opts).expect("serialized params are JSON");
        assert_eq!(format!("{by_value:?}"), format!("{by_text:?}"), "{params}");
        // A lone surrogate in the text is read (as U+FFFD), never a parse failure or a panic.
        let lossy = with_lone_surrogate(&mut r, &params.to_string());
        assert!(vendor.validate_json(op, &lossy, &opts).is_ok(), "{lossy}");
        let any = r.next() as f64;
        let now = *r.pick(&[0.0, -1.0, f64::NAN, f64::INFINITY, 1e300, 1_557_747_252_783.0, any]);
        let base = r.pick(&[None, Some("http://127.0.0.1:1"), Some(""), Some("x")]).map(str::to_string);
        // Caller headers with random names and values (CR, LF, NUL, repeats in other case).
        let headers = (0..r.below(3)).map(|_| (r.pick(&["X-A", "x-a", "Authorization", "", "a b", "X-A\r\n"]).to_string(), r.pick(STRINGS).to_string())).collect();
        let b = BuildOptions { base_url: base, now, meta: opts.meta.clone(), headers, ..Default::default() };
        let _ = vendor.build_request(op, &params, r.pick(&creds), &b);
        let hostile = hostile_creds(&mut r);
        if let Ok(req) = vendor.build_request(op, &params, &hostile, &b) {
            // Whatever passed can go into an HTTP request: no header splits, no dot segment.
            assert!(req.headers.iter().all(|(k, v)| !k.is_empty() && !format!("{k}{v}").contains(['\r', '\n', '\0'])), "{req:?}");
            assert!(!req.url.split(['?', '#']).next().unwrap().split('/').any(|seg| seg == "." || seg == ".."), "{}", req.url);
        }
        let body = if r.below(3) == 0 { random(&mut r, 4).to_string() } else { r.pick(BODIES).to_string() };
        let status = *r.pick(&[0u16, 200, 201, 204, 400, 401, 404, 429, 500, 502, 503, 999]);
        let _ = vendor.parse_response(op, status, &body, opts.locale);
    }
}

/// The unified spec's field names (and vendor ids, for `vendorOptions`).
const SPEC_KEYS: &[&str] = &[
    "name", "script", "lines", "lineType", "robots", "concurrency", "start", "mode", "at", "end", "hours", "start", "breaks", "days",
    "skipDates", "redial", "times", "interval", "on", "note", "vendorOptions", "tanyi", "byrobot", "itniotech", "zxycall", "0", "*",
];
const SPEC_STRINGS: &[&str] = &[
    "2024-05-01T09:00:00+08:00", "2024-05-01T09:00:00Z", "2024-05-01", "2024-05-01T09:00:00.5-23:59", "2024-13-01T25:00", "mobile",
    "policyGroup", "auto", "manual", "monday", "busy", "vacant", "noAnswer", "12:00", "12:60", "*", "0", "9999999999",
];

fn spec_value(r: &mut Rng, depth: u32) -> Value {
    if depth == 0 || r.below(3) == 0 {
        return if r.below(2) == 0 { Value::String(r.pick(SPEC_STRINGS).to_string()) } else { scalar(r) };
    }
    if r.below(3) == 0 {
        Value::Array((0..r.below(6)).map(|_| spec_value(r, depth - 1)).collect())
    } else {
        let mut m = Map::new();
        for _ in 0..r.below(8) {
            let key = if r.below(4) == 0 { r.pick(KEYS) } else { r.pick(SPEC_KEYS) };
            m.insert(key.to_string(), spec_value(r, depth - 1));
        }
        Value::Object(m)
    }
}

#[test]
fn the_unified_layer_never_panics() {
    use waihu::unified;
    let cases: u64 = std::env::var("WAIHU_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).map_or(10_000, |n: u64| n / 10);
    let mut r = Rng(0x0E_5BEC);
    let seeds = seeds();
    for _ in 0..cases {
        let vendor = *r.pick(&waihu::vendors::ALL);
        let spec = spec_value(&mut r, 5);
        let id = spec_value(&mut r, 1);
        let opts = ValidateOptions { locale: if r.below(2) == 0 { Locale::En } else { Locale::ZhCn }, ..Default::default() };
        for op in [Operation::CreateTask, Operation::UpdateTask, Operation::ListTasks] {
            if let Ok((params, _)) = unified::task_params(vendor, &spec, op, Some(&id), &opts) {
                let _ = unified::task_spec(vendor, &params);
            }
        }
        // Replies: random JSON, vendor bodies and the spec itself.
        let mut data = if r.below(2) == 0 { random(&mut r, 4) } else { r.pick(&seeds).clone() };
        if r.below(2) == 0 {
            mutate(&mut r, &mut data, 0);
        }
        for data in [&data, &spec] {
            let _ = unified::task_spec(vendor, data);
            let _ = unified::tasks(vendor, data);
            let _ = unified::task(vendor, data, "1");
            let _ = unified::calls(vendor, data, Some("1"));
        }
        for op in [Operation::ListTasks, Operation::GetTask, Operation::ListCalls, Operation::GetCall, Operation::StartTask] {
            let _ = unified::query(vendor, op, Some(&id), &spec);
        }
        let _ = unified::capabilities(vendor);
    }
}

#[test]
fn no_callback_panics_on_any_input() {
    let cases: u64 = std::env::var("WAIHU_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000) / 4;
    let mut r = Rng(0xCA11_BAC5);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/callbacks");
    let examples: Vec<Value> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok().and_then(|t| serde_json::from_str(&t).ok()))
        .collect();
    assert!(examples.len() >= 10);
    let content_types = ["", "application/json", "text/plain;charset=utf-8", "text/html", ";", "\u{0}", "application/json;charset=gbk"];
    for _ in 0..cases {
        let vendor = *r.pick(&waihu::vendors::ALL);
        let body = match r.below(4) {
            0 => random(&mut r, 4).to_string(),
            1 => {
                let text = r.pick(&examples).to_string();
                // Cut anywhere (on a char boundary).
                let mut at = r.below(text.len() as u64 + 1) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text[..at].to_string()
            }
            _ => {
                let mut v = r.pick(&examples).clone();
                for _ in 0..=r.below(4) {
                    mutate(&mut r, &mut v, 0);
                }
                v.to_string()
            }
        };
        let content_type: &str = *r.pick(&content_types);
        if let Ok(events) = vendor.parse_callback(content_type, &body) {
            let events: Vec<Value> = serde_json::from_str(&events).expect("the events are JSON");
            assert!(!events.is_empty() && events.iter().all(|e| e["id"].is_string() && e["type"].is_string()), "{body}");
        }
    }
}

/// The edge proxy (src/edge.rs): random headers, lists and numbers, and random replies and
/// error objects on the client's side.
#[test]
fn no_proxy_decision_panics_on_any_input() {
    use waihu::edge;
    let cases: u64 = std::env::var("WAIHU_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000) / 10;
    let mut r = Rng(0xED6E_0F_57A7E);
    let texts = ["", " ", "\n", "Bearer", "Bearer ", "bearer  x y", "Bearer alice-token-0123456789", "alice\nalice-token-0123456789", "a\nb\nc", "é\u{0}\n\n", "startTask", "tanyi startTask", "https://a.example"];
    let numbers = [f64::NAN, 0.0, -1.0, 1e300, -1e300, 201.0, f64::INFINITY, f64::NEG_INFINITY, 1.0, 0.5, f64::MIN_POSITIVE];
    for _ in 0..cases {
        let (a, b) = (*r.pick(&texts[..]), random(&mut r, 2).to_string());
        let b = if r.below(2) == 0 { b.as_str() } else { *r.pick(&texts[..]) };
        let _ = edge::caller_of(a, b);
        let _ = edge::listed(a, b);
        let _ = edge::same(a.as_bytes(), b.as_bytes());
        let _ = edge::route(*r.pick(&waihu::vendors::ALL[..]), b);
        let n = |r: &mut Rng| *r.pick(&numbers[..]);
        let _ = edge::fits(n(&mut r), n(&mut r));
        let _ = edge::take(n(&mut r), n(&mut r), n(&mut r), n(&mut r), n(&mut r));
        let status = *r.pick(&[0u16, 200, 401, 403, 413, 422, 429, 502, 504, 999]);
        let reply = if r.below(2) == 0 { random(&mut r, 4) } else { json!({ "error": random(&mut r, 2) }) };
        let _ = edge::read_reply(status, &reply.to_string(), waihu::vendors::ALL[0], Operation::StartTask);
        let _ = waihu::import::ChunkOutcome::of_proxy_answer(*r.pick(&waihu::vendors::ALL[..]), &random(&mut r, 2), &json!({ "error": random(&mut r, 3) }));
    }
}
