//! The edge proxy's decisions (src/edge.rs), natively: the answers table and the status table
//! against the error kinds, the token, origin, operation and size checks, the token
//! comparison, one rate-limit bucket, and the client's half (the call it sends, how it reads the
//! answers, how an import chunk's outcome follows from a proxy's error).

use serde_json::{json, Value};
use waihu::edge;
use waihu::import::ChunkOutcome;
use waihu::{vendors, Error, Locale, Operation, Vendor};

const BEARER: &str = "Bearer alice-token-0123456789";

fn vendor(id: &str) -> Vendor {
    vendors::parse(id).unwrap()
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
    assert_eq!(&names[8..], ["UnauthenticatedError", "NotAllowedError", "PayloadTooLargeError", "RateLimitedError"]);
    assert_eq!(&edge::STATUS[8..], [401, 403, 413, 429]);
}

#[test]
fn the_caller_is_the_one_whose_whole_token_is_presented() {
    let tokens = "alice\nalice-token-0123456789\nbob\nbob-token-0123456789xx";
    assert_eq!(edge::caller_of(tokens, BEARER), Some("alice"));
    assert_eq!(edge::caller_of(tokens, "bearer  bob-token-0123456789xx "), Some("bob"), "any case of the scheme, spaces around");
    for wrong in ["", "Bearer", "Bearer ", "Basic alice-token-0123456789", "alice-token-0123456789", "Bearer alice-token-012345678", "Bearer alice-token-01234567890", "Bearer alice", "Bearer bob-token-0123456789xx x"] {
        assert_eq!(edge::caller_of(tokens, wrong), None, "{wrong:?}");
    }
    // A caller's name is never taken for a token, and no tokens name no caller.
    assert_eq!(edge::caller_of(tokens, "Bearer alice"), None);
    assert_eq!(edge::caller_of("", BEARER), None);
    assert_eq!(edge::caller_of("alice", "Bearer alice"), None, "a name without its token");
}

#[test]
fn origins_and_operations_are_allowed_by_whole_lines() {
    let origins = "https://admin.example.com\nhttp://127.0.0.1:8080";
    assert!(edge::listed(origins, "https://admin.example.com"));
    assert!(edge::listed(origins, "http://127.0.0.1:8080"));
    for o in ["", "https://admin.example.com.evil", "https://admin.example", "null", "https://admin.example.com\nhttp://127.0.0.1:8080"] {
        assert!(!edge::listed(origins, o), "{o:?}");
    }
    assert!(!edge::listed("", ""), "nothing empty is listed");
    let ops = "tanyi startTask\nzxycall listTasks";
    assert!(edge::listed(ops, "tanyi startTask"));
    assert!(!edge::listed(ops, "tanyi listTasks"));
    assert!(!edge::listed(ops, "zxycall startTask"));
}

#[test]
fn the_size_limit_refuses_only_what_is_over_it() {
    assert!(edge::fits(100.0, 100.0));
    assert!(edge::fits(0.0, 0.0));
    assert!(!edge::fits(101.0, 100.0));
    assert!(!edge::fits(f64::INFINITY, 100.0));
    assert!(edge::fits(f64::NAN, 100.0), "no Content-Length: counted while reading");
}

#[test]
fn operations_count_as_reads_or_writes() {
    let t = vendor("tanyi");
    assert_eq!(edge::route(t, "listTasks"), 0);
    assert_eq!(edge::route(t, "startTask"), 1);
    assert_eq!(edge::route(t, "nope"), -1);
    assert_eq!(edge::route(vendor("zxycall"), "stopTask"), -1, "an operation the vendor does not have");
    assert_eq!(edge::task_key(t), Some("robotCallJobId"));
}

#[test]
fn a_bucket_gives_limit_calls_per_window_and_a_refusal_takes_nothing() {
    // 2 a minute: two calls, then a wait until one call has refilled.
    let (limit, window) = (2.0, 60_000.0);
    let a = edge::take(limit, 0.0, 0.0, limit, window);
    assert_eq!(a, 1.0);
    let b = edge::take(a, 0.0, 0.0, limit, window);
    assert_eq!(b, 0.0);
    assert_eq!(edge::take(b, 0.0, 0.0, limit, window), -30_000.0);
    assert_eq!(edge::take(b, 0.0, 15_000.0, limit, window), -15_000.0, "half refilled");
    assert_eq!(edge::take(b, 0.0, 30_000.0, limit, window), 0.0, "one refilled: taken");
    // Never more than `limit` after a long idle, and a clock going back refills nothing.
    assert_eq!(edge::take(b, 0.0, 1e12, limit, window), 1.0);
    assert_eq!(edge::take(b, 10.0, 0.0, limit, window), -30_000.0);
    // A refusal's wait is at least 1 ms.
    assert!(edge::take(0.999_999_9, 0.0, 0.0, 1.0, 1.0) <= -1.0);
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
        Error::CallbackError { vendor: t, reason: waihu::callback::CallbackReason::Malformed, detail: String::new() },
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
        assert_eq!(format!("{:?}", ChunkOutcome::of_proxy_answer(t, &json!({}), &json!({ "error": as_js(e) }))), direct, "{}", e.name());
    }
    assert!(matches!(ChunkOutcome::of_error(&errors[14]), ChunkOutcome::Rejected { retryable: true, .. }), "a rate limit passes");
}
