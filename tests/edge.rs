//! The edge proxy's decisions (src/edge.rs), natively: the answers table and the status table
//! against the error kinds, the config's checks, every refusal and its order, the token
//! comparison, the rate limits, and the client's half (the call it sends, how it reads the
//! answers, how an import chunk's outcome follows from a proxy's error).

use serde_json::{json, Value};
use waihu::edge::{self, Body, Head, Proxy};
use waihu::import::ChunkOutcome;
use waihu::{vendors, Error, Locale, Operation, Vendor};

const TOKEN: &str = "alice-token-0123456789";

fn vendor(id: &str) -> Vendor {
    vendors::parse(id).unwrap()
}

fn proxy(config: Value) -> Proxy {
    Proxy::new(&config.to_string(), false, &vendors::ALL).unwrap()
}

fn config() -> Value {
    json!({
        "vendors": { "tanyi": { "operations": ["listTasks", "startTask", "importCustomers"] }, "zxycall": { "operations": ["startTask"] } },
        "tokens": { "alice": TOKEN, "bob": "bob-token-0123456789xx" },
        "origins": ["https://admin.example.com"],
        "maxBodyBytes": 100,
        "rateLimits": { "startTask": { "limit": 2, "windowMs": 60000 }, "writes": { "limit": 3, "windowMs": 60000 } },
    })
}

fn head<'h>(method: &'h str, origin: &'h str, authorization: &'h str) -> Head<'h> {
    Head { method, origin, authorization, content_length: f64::NAN, now: 0.0 }
}

const BEARER: &str = "Bearer alice-token-0123456789";

/// `decide` as JSON.
fn decide(p: &mut Proxy, h: &Head, hook: Option<&str>, body: Body) -> Value {
    serde_json::from_str(&p.decide(h, hook.map(str::to_string), body)).unwrap()
}

fn call(vendor: &str, op: &str, params: Value) -> String {
    json!({ "vendor": vendor, "operation": op, "params": params }).to_string()
}

/// Row, number and cors of an answer.
fn row(v: &Value) -> (i64, u64, bool) {
    (v[0].as_i64().unwrap_or(i64::MIN), v[1].as_u64().unwrap_or(0), v[2] == true)
}

#[test]
fn the_answers_table_and_the_status_table_agree_with_the_error_kinds() {
    let answers: Vec<Value> = serde_json::from_str(edge::ANSWERS).unwrap();
    let status = |i: usize| answers[i][0].as_u64().unwrap();
    assert_eq!(answers.len(), 8);
    // The constants name the rows they should.
    for (i, want) in [(edge::PREFLIGHT, 204), (edge::UNAUTHENTICATED, 401), (edge::ORIGIN, 403), (edge::NOT_ALLOWED, 403), (edge::TOO_LARGE, 413), (edge::RATE_LIMITED, 429), (edge::METHOD, 405), (edge::BAD_REQUEST, 400)] {
        assert_eq!(status(i), want, "row {i}");
    }
    for a in &answers {
        let name = a[1].as_str().unwrap();
        if name.is_empty() {
            continue;
        }
        // A named answer is the kind's class, code and status: a client reads it back so.
        let kind = Error::KINDS.iter().position(|(n, _)| *n == name).unwrap_or_else(|| panic!("{name} is no kind"));
        assert_eq!(a[2].as_str(), Error::KINDS[kind].1, "{name}'s code");
        assert_eq!(a[0].as_u64(), Some(u64::from(edge::STATUS[kind])), "{name}'s status");
    }
    // Each status of the kinds' table is an error status, and the proxy's own refusals have
    // their own (a client tells them from the vendor's errors by name and status).
    assert!(edge::STATUS.iter().all(|s| (400..600).contains(s)));
    let names: Vec<&str> = Error::KINDS.iter().map(|(n, _)| *n).collect();
    assert_eq!(&names[7..], ["UnauthenticatedError", "NotAllowedError", "PayloadTooLargeError", "RateLimitedError"]);
    assert_eq!(&edge::STATUS[7..], [401, 403, 413, 429]);
}

#[test]
fn the_config_is_refused_when_every_call_would_fail() {
    let refused = |c: Value, hook: bool| Proxy::new(&c.to_string(), hook, &vendors::ALL).err();
    assert_eq!(refused(config(), false), None);
    let mut c = config();
    assert!(refused(c.clone(), true).unwrap().contains("either"), "tokens and a hook");
    c.as_object_mut().unwrap().remove("tokens");
    assert!(refused(c.clone(), false).unwrap().contains("either"), "neither");
    assert_eq!(refused(c, true), None, "a hook alone");
    let mut c = config();
    c["tokens"]["carol"] = json!("short");
    assert!(refused(c, false).unwrap().contains("16 characters"));
    let mut c = config();
    c["tokens"]["carol"] = json!(12345678901234567u64);
    assert!(refused(c, false).is_some(), "a token that is no string");
    let mut c = config();
    c["vendors"]["acme"] = json!({ "operations": [] });
    assert!(refused(c, false).unwrap().contains("unknown vendor"));
    let mut c = config();
    // ZXY documents no stopTask.
    c["vendors"]["zxycall"]["operations"] = json!(["stopTask"]);
    assert!(refused(c, false).unwrap().contains("does not have"));
    let mut c = config();
    c["rateLimits"]["writes"]["limit"] = json!(0);
    assert!(refused(c, false).is_some());
    let mut c = config();
    c["rateLimits"]["startTsk"] = json!({ "limit": 1, "windowMs": 1 });
    assert!(refused(c, false).is_some(), "a misspelt operation");
    assert!(Proxy::new("{", false, &vendors::ALL).is_err());
    assert_eq!(proxy(json!({ "vendors": {}, "tokens": {} })).max_body_bytes(), edge::DEFAULT_MAX_BODY_BYTES);
}

#[test]
fn refusals_before_the_body_in_their_order() {
    let mut p = proxy(config());
    let page = "https://admin.example.com";
    // Another origin is refused first, and granted no CORS.
    assert_eq!(row(&decide(&mut p, &head("POST", "https://evil.example", BEARER), None, Body::Unread)), (edge::ORIGIN as i64, 0, false));
    assert_eq!(row(&decide(&mut p, &head("OPTIONS", "https://evil.example", ""), None, Body::Unread)).0, edge::ORIGIN as i64);
    // A preflight from the page needs no token.
    assert_eq!(row(&decide(&mut p, &head("OPTIONS", page, ""), None, Body::Unread)), (edge::PREFLIGHT as i64, 0, true));
    assert_eq!(row(&decide(&mut p, &head("GET", page, BEARER), None, Body::Unread)).0, edge::METHOD as i64);
    for bad in ["", "Bearer", "Bearer nope", "Basic alice-token-0123456789", "Bearer alice-token-012345678", "Bearer alice-token-01234567890"] {
        let v = decide(&mut p, &head("POST", page, bad), None, Body::Unread);
        assert_eq!(row(&v), (edge::UNAUTHENTICATED as i64, 0, true), "{bad:?}");
        assert_eq!(v[3], Value::Null, "no caller for {bad:?}");
    }
    // A good token (the scheme in any case): read the body.
    for good in [BEARER, "bearer  alice-token-0123456789 ", "Bearer bob-token-0123456789xx"] {
        assert_eq!(decide(&mut p, &head("POST", page, good), None, Body::Unread), json!([null]), "{good:?}");
    }
    // A declared length over the limit is refused before reading.
    let mut h = head("POST", "", BEARER);
    h.content_length = 101.0;
    assert_eq!(row(&decide(&mut p, &h, None, Body::Unread)), (edge::TOO_LARGE as i64, 100, false));
    h.content_length = 100.0;
    assert_eq!(decide(&mut p, &h, None, Body::Unread), json!([null]));
}

#[test]
fn refusals_with_the_body() {
    let mut p = proxy(config());
    let h = head("POST", "", BEARER);
    assert_eq!(row(&decide(&mut p, &h, None, Body::TooLarge)), (edge::TOO_LARGE as i64, 100, false));
    let long = call("tanyi", "listTasks", json!({ "x": "y".repeat(80) }));
    assert_eq!(row(&decide(&mut p, &h, None, Body::Read(&long))).0, edge::TOO_LARGE as i64);
    for bad in ["", "nope", "[]", r#"{"vendor":"tanyi"}"#, r#"{"vendor":1,"operation":"listTasks"}"#, r#"{"vendor":"tanyi","operation":"listTasks","locale":"fr"}"#] {
        let v = decide(&mut p, &h, None, Body::Read(bad));
        assert_eq!(row(&v).0, edge::BAD_REQUEST as i64, "{bad}");
        assert_eq!(v[3], "alice", "the caller is known by then");
    }
    // Not served: another vendor, an operation not allowed, one that does not exist.
    for (v, op) in [("byrobot", "listTasks"), ("tanyi", "deleteTask"), ("tanyi", "tasks.create"), ("zxycall", "listTasks")] {
        assert_eq!(row(&decide(&mut p, &h, None, Body::Read(&call(v, op, json!({}))))).0, edge::NOT_ALLOWED as i64, "{v} {op}");
    }
}

#[test]
fn an_admitted_call_names_its_caller_vendor_operation_and_task() {
    let mut c = config();
    c["maxBodyBytes"] = json!(1000);
    let mut p = proxy(c);
    let h = head("POST", "https://admin.example.com", BEARER);
    let v = decide(&mut p, &h, None, Body::Read(&call("tanyi", "startTask", json!({ "robotCallJobId": 1001 }))));
    assert_eq!(v, json!([edge::SEND, 0, true, "alice", "tanyi", "startTask", "1001"]));
    let v = decide(&mut p, &h, None, Body::Read(&call("zxycall", "startTask", json!({ "task_id": "9a4c" }))));
    assert_eq!(v, json!([edge::SEND, 0, true, "alice", "zxycall", "startTask", "9a4c"]));
    // An import names its task, never its customers' phones.
    let import = call("tanyi", "importCustomers", json!({ "robotCallJobId": 7, "customerPersons": [{ "phoneNumber": "13800000001" }] }));
    let v = decide(&mut p, &h, None, Body::Read(&import));
    assert_eq!((row(&v).0, &v[6]), (edge::SEND, &json!("7")));
    assert!(!v.to_string().contains("13800000001"));
    let v = decide(&mut p, &h, None, Body::Read(&call("tanyi", "listTasks", json!({}))));
    assert_eq!(v, json!([edge::SEND, 0, true, "alice", "tanyi", "listTasks", null]));
    let zh = json!({ "vendor": "tanyi", "operation": "listTasks", "locale": "zh-CN" }).to_string();
    assert_eq!(row(&decide(&mut p, &h, None, Body::Read(&zh))).0, edge::SEND);
}

#[test]
fn a_hook_names_the_caller_once_the_body_is_read() {
    let mut c = config();
    c.as_object_mut().unwrap().remove("tokens");
    let mut p = Proxy::new(&c.to_string(), true, &vendors::ALL).unwrap();
    let h = head("POST", "", "");
    assert_eq!(decide(&mut p, &h, None, Body::Unread), json!([null]));
    let body = call("tanyi", "listTasks", json!({}));
    assert_eq!(row(&decide(&mut p, &h, None, Body::Read(&body))).0, edge::UNAUTHENTICATED as i64);
    assert_eq!(row(&decide(&mut p, &h, Some(""), Body::Read(&body))).0, edge::UNAUTHENTICATED as i64);
    assert_eq!(decide(&mut p, &h, Some("carol"), Body::Read(&body))[3], "carol");
}

#[test]
fn writes_are_rate_limited_per_caller_and_a_refusal_takes_nothing() {
    let mut p = proxy(config());
    let mut h = head("POST", "", BEARER);
    let start = call("tanyi", "startTask", json!({ "robotCallJobId": 1 }));
    let import = call("tanyi", "importCustomers", json!({ "robotCallJobId": 1, "customerPersons": [] }));
    let read = call("tanyi", "listTasks", json!({}));
    let at = |p: &mut Proxy, h: &mut Head, now: f64, body: &str| {
        h.now = now;
        row(&decide(p, h, None, Body::Read(body)))
    };
    // startTask: 2 a minute (and 3 writes a minute in all).
    assert_eq!(at(&mut p, &mut h, 0.0, &start).0, edge::SEND);
    assert_eq!(at(&mut p, &mut h, 1.0, &start).0, edge::SEND);
    let (r, wait, _) = at(&mut p, &mut h, 2.0, &start);
    assert_eq!(r, edge::RATE_LIMITED as i64);
    // One call comes back every 30 s.
    assert!((29_990..=30_000).contains(&wait), "{wait}");
    // The refused start took no write: one write is left.
    assert_eq!(at(&mut p, &mut h, 3.0, &import).0, edge::SEND);
    assert_eq!(at(&mut p, &mut h, 4.0, &import).0, edge::RATE_LIMITED as i64);
    // Reads are not limited.
    for i in 0..20 {
        assert_eq!(at(&mut p, &mut h, 5.0 + f64::from(i), &read).0, edge::SEND);
    }
    // Another caller has buckets of its own.
    let mut bob = head("POST", "", "Bearer bob-token-0123456789xx");
    assert_eq!(at(&mut p, &mut bob, 10.0, &start).0, edge::SEND);
    // After the wait, alice may start again.
    assert_eq!(at(&mut p, &mut h, 30_002.0, &start).0, edge::SEND);
    assert_eq!(at(&mut p, &mut h, 30_003.0, &start).0, edge::RATE_LIMITED as i64);
}

#[test]
fn tokens_compare_whole() {
    assert!(edge::same(b"abc", b"abc"));
    assert!(edge::same(b"", b""));
    for (a, b) in [(&b"abc"[..], &b"abd"[..]), (b"abc", b"ab"), (b"ab", b"abc"), (b"", b"a"), (b"a\0", b"a")] {
        assert!(!edge::same(a, b), "{a:?} {b:?}");
    }
}

#[test]
fn the_client_sends_the_envelope_as_safe_to_repeat_as_the_endpoint() {
    let t = vendor("tanyi");
    let headers = vec![("X-Trace".to_string(), "1".to_string())];
    let r = edge::proxy_request("https://edge.example.com/api", Some("tok"), t, Operation::ListTasks, &json!({ "pageNum": 1 }), Locale::ZhCn, &headers).unwrap();
    assert_eq!((r.method.as_str(), r.url.as_str(), r.safe_to_repeat), ("POST", "https://edge.example.com/api", true));
    assert_eq!(r.header("authorization"), Some("Bearer tok"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-trace"), Some("1"));
    let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({ "vendor": "tanyi", "operation": "listTasks", "locale": "zh-CN", "params": { "pageNum": 1 } }));
    let r = edge::proxy_request("/api", None, t, Operation::StartTask, &json!({}), Locale::En, &[]).unwrap();
    assert!(!r.safe_to_repeat, "a write is never repeated after it may have arrived");
    assert_eq!(r.header("authorization"), None);
    let e = edge::proxy_request("/api", None, vendor("zxycall"), Operation::StopTask, &json!({}), Locale::En, &[]).unwrap_err();
    assert_eq!(e.name(), "UnsupportedOperationError");
}

#[test]
fn the_client_reads_the_proxys_answers_and_nothing_else() {
    let (t, op) = (vendor("tanyi"), Operation::StartTask);
    let read = |status, body: &str| edge::read_reply(status, body, t, op);
    assert_eq!(read(200, r#"{"data":{"a":1}}"#), Some(json!({ "data": { "a": 1 } })));
    assert_eq!(read(200, r#"{"data":null}"#), Some(json!({ "data": null })));
    // The proxy's refusals name no call: the client adds its own.
    let limited = r#"{"error":{"name":"RateLimitedError","code":"rate_limited","message":"m","retryAfterMs":5}}"#;
    assert_eq!(read(429, limited), Some(json!({ "error": { "name": "RateLimitedError", "code": "rate_limited", "message": "m", "retryAfterMs": 5, "vendor": "tanyi", "operation": "startTask" } })));
    let vendor_error = r#"{"error":{"name":"VendorError","code":"412","message":"m","vendor":"tanyi","status":200}}"#;
    assert_eq!(read(502, vendor_error), Some(serde_json::from_str(&format!(r#"{{"error":{}}}"#, &vendor_error[9..vendor_error.len() - 1])).unwrap()));
    for (status, body) in [
        (200, r#"{"code":200,"data":1}"#.replace(r#""data":1"#, r#""x":1"#)),
        (200, "<html>".into()),
        (502, "Bad Gateway".into()),
        // The kind's status must come with it: a 502 page that happens to be JSON is not the proxy.
        (502, limited.into()),
        (404, r#"{"error":{"name":"Nope","message":"m"}}"#.into()),
        (401, r#"{"error":{"name":"UnauthenticatedError"}}"#.into()),
        (400, r#"{"error":{"code":"bad_request","message":"m"}}"#.into()),
    ] {
        assert_eq!(read(status, &body), None, "{status} {body}");
    }
}

/// An error as JS sees it and as the proxy sends it: its fields, its `code` and `message`.
fn as_js(e: &Error) -> Value {
    let mut v = serde_json::to_value(e).unwrap();
    v["code"] = e.code().into();
    v["message"] = e.message().into();
    v
}

#[test]
fn a_chunks_outcome_from_a_proxys_error_is_the_direct_clients() {
    let t = vendor("tanyi");
    let op = Operation::ImportCustomers;
    let vendor_error = |retryable| Error::VendorError(waihu::VendorError { vendor: t, code: "-5".into(), vendor_message: "满".into(), explanation: String::new(), request_id: None, status: 200, retryable });
    let errors = [
        Error::ValidationError { vendor: t, operation: op, issues: vec![] },
        vendor_error(false),
        vendor_error(true),
        Error::response(t, 429, "refused"),
        Error::response(t, 500, "down"),
        Error::transport(waihu::error::TransportFailure::Network, t, op, "POST https://h/p".into(), 1),
        Error::transport(waihu::error::TransportFailure::Timeout, t, op, "POST https://h/p".into(), 2),
        Error::transport(waihu::error::TransportFailure::Aborted, t, op, String::new(), 1),
        Error::transport(waihu::error::TransportFailure::AbortedBeforeSending, t, op, String::new(), 1),
        Error::UnsupportedOperationError { vendor: t, operation: "x".into() },
        Error::UnauthenticatedError { vendor: t, operation: op },
        Error::NotAllowedError { vendor: t, operation: op },
        Error::PayloadTooLargeError { vendor: t, operation: op, max_bytes: 1 },
        Error::RateLimitedError { vendor: t, operation: op, retry_after_ms: 5 },
    ];
    // Every kind is in the table.
    let mut kinds: Vec<usize> = errors.iter().map(Error::kind).collect();
    kinds.dedup();
    assert_eq!(kinds, (0..Error::KINDS.len()).collect::<Vec<_>>());
    for e in &errors {
        let direct = format!("{:?}", ChunkOutcome::of_error(e));
        assert_eq!(format!("{:?}", ChunkOutcome::of_error_json(&as_js(e))), direct, "{}", e.name());
    }
    assert!(matches!(ChunkOutcome::of_error(&errors[13]), ChunkOutcome::Rejected { retryable: true, .. }), "a rate limit passes");
}
