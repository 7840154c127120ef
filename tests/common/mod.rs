//! Shared helpers for the vendor test files.
#![allow(dead_code)]

use serde_json::Value;
use waihu::issue::{Issue, IssueCode, Severity};
use waihu::{BuildOptions, ValidateOptions};
use waihu::{Error, HttpRequest, Operation, Vendor};

/// Runs a python3 snippet and returns what it prints (trimmed): signature vectors are
/// computed outside Rust, with hashlib/hmac, so the core cannot agree with itself by mistake.
pub fn python(code: &str) -> String {
    let out = std::process::Command::new("python3").arg("-c").arg(code).output().expect("python3 must be installed for the signature tests");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").trim().to_string()
}

/// A Python string literal for `s` (JSON string syntax is valid Python).
pub fn py_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

pub fn op(name: &str) -> Operation {
    Operation::parse(name).unwrap_or_else(|| panic!("no operation {name}"))
}

/// All issues for params, as `(path, code, severity)`.
pub fn issues(vendor: Vendor, operation: &str, params: Value) -> Vec<(String, IssueCode, Severity)> {
    issues_with(vendor, operation, params, &ValidateOptions::default())
}

pub fn issues_with(vendor: Vendor, operation: &str, params: Value, opts: &ValidateOptions) -> Vec<(String, IssueCode, Severity)> {
    full_issues(vendor, operation, params, opts).into_iter().map(|i| (i.path_string(), i.code, i.severity)).collect()
}

pub fn full_issues(vendor: Vendor, operation: &str, params: Value, opts: &ValidateOptions) -> Vec<Issue> {
    vendor.validate(op(operation), &params, opts).expect("supported operation")
}

/// Only the issues of severity error.
pub fn errors(vendor: Vendor, operation: &str, params: Value) -> Vec<(String, IssueCode)> {
    issues(vendor, operation, params).into_iter().filter(|(_, _, s)| *s == Severity::Error).map(|(p, c, _)| (p, c)).collect()
}

/// Asserts that the params produce exactly one issue, at `path` with `code` and `severity`.
#[track_caller]
pub fn assert_one(vendor: Vendor, operation: &str, params: Value, path: &str, code: IssueCode, severity: Severity) {
    let got = issues(vendor, operation, params);
    assert_eq!(got, vec![(path.to_string(), code, severity)]);
}

#[track_caller]
pub fn assert_clean(vendor: Vendor, operation: &str, params: Value) {
    let got = issues(vendor, operation, params);
    assert!(got.is_empty(), "expected no issues, got {got:?}");
}

pub fn build(vendor: Vendor, operation: &str, params: Value, creds: Value, base_url: Option<&str>, now_ms: f64) -> Result<HttpRequest, Error> {
    let opts = BuildOptions { base_url: base_url.map(str::to_string), now: now_ms, ..Default::default() };
    vendor.build_request(op(operation), &params, &creds, &opts)
}

/// Builds and expects success.
#[track_caller]
pub fn built(vendor: Vendor, operation: &str, params: Value, creds: Value, base_url: Option<&str>, now_ms: f64) -> HttpRequest {
    match build(vendor, operation, params, creds, base_url, now_ms) {
        Ok(r) => r,
        Err(e) => panic!("build failed: {e:?}"),
    }
}

/// Compares a request with (method, url, headers in order, body).
#[track_caller]
pub fn assert_request(req: &HttpRequest, method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) {
    assert_eq!(req.method.as_str(), method, "method");
    assert_eq!(req.url, url, "url");
    let got: Vec<(&str, &str)> = req.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(got, headers, "headers");
    assert_eq!(req.body.as_deref(), body, "body");
}

/// Parses a reply; `Err` holds the core error.
pub fn parse(vendor: Vendor, operation: &str, status: u16, body: &str) -> Result<Value, Error> {
    vendor.parse_response(op(operation), status, body, waihu::Locale::En)
}

pub fn parse_zh(vendor: Vendor, operation: &str, status: u16, body: &str) -> Result<Value, Error> {
    vendor.parse_response(op(operation), status, body, waihu::Locale::ZhCn)
}

/// The vendor error of a reply, or a panic.
#[track_caller]
pub fn vendor_error(vendor: Vendor, operation: &str, status: u16, body: &str) -> waihu::VendorError {
    match parse(vendor, operation, status, body) {
        Err(Error::VendorError(e)) => e,
        other => panic!("expected a VendorError, got {other:?}"),
    }
}

/// Strips `// …` comments from a vendor page's JSON example (outside strings).
pub fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// `base` with `patch`'s members set (a null member removes the key): one valid body, varied
/// one field at a time.
pub fn with(base: Value, patch: Value) -> Value {
    let mut v = base;
    if let (Some(o), Some(p)) = (v.as_object_mut(), patch.as_object()) {
        for (k, val) in p {
            if val.is_null() {
                o.remove(k);
            } else {
                o.insert(k.clone(), val.clone());
            }
        }
    }
    v
}
