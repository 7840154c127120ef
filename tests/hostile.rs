//! Hostile or careless input at the edges every vendor shares: credentials and headers that
//! would split an HTTP header (RFC 9110 §5.5: no CR, LF or NUL in a field value; §5.6.2: names
//! are tokens), base URLs that would leak a password or swallow the vendor's path (RFC 3986
//! §3.2.1, §3.4, §3.5), headers given twice, and the replies that say a call was refused.

mod common;

use common::*;
use serde_json::{json, Value};
use waihu::issue::{IssueCode, Severity};
use waihu::{BuildOptions, Error, Vendor};

const NOW: f64 = 1_557_747_252_783.0;

/// Each vendor's credentials and a params body that passes its startTask rules.
fn cases() -> Vec<(Vendor, Value, Value)> {
    let v = |id: &str| waihu::vendors::parse(id).unwrap();
    vec![
        (v("tanyi"), json!({"appKey": "k", "appSecret": "s", "tenantSign": "t", "version": "v1"}), json!({"robotCallJobId": 1})),
        (v("byrobot"), json!({"appKey": "k", "appSecret": "s"}), json!({"taskId": 1})),
        (v("itniotech"), json!({"apiKey": "k", "apiSecret": "s", "appId": "a"}), json!({"jobId": 1})),
        (v("zxycall"), json!({"token": "t", "authHeader": "Authorization", "authScheme": "Bearer"}), json!({"task_id": "abc"})),
    ]
}

fn opts(headers: &[(&str, &str)]) -> BuildOptions {
    BuildOptions { base_url: Some("http://127.0.0.1:9/v".into()), now: NOW, headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), ..Default::default() }
}

fn issues_of(r: Result<waihu::HttpRequest, Error>) -> Vec<(String, IssueCode, Severity)> {
    match r {
        Err(Error::ValidationError { issues, .. }) => issues.into_iter().map(|i| (i.path_string(), i.code, i.severity)).collect(),
        other => panic!("expected a ValidationError, got {other:?}"),
    }
}

/// Issue 12 item 12: `"k\r\nX-Injected: 1"` in any credential that is sent in a header came out
/// of `buildRequest` unchanged. Every such credential of every vendor is now an issue on itself.
#[test]
fn control_characters_in_sent_credentials_are_issues_on_the_credential() {
    for (vendor, creds, params) in cases() {
        assert!(vendor.build_request(op("startTask"), &params, &creds, &opts(&[])).is_ok(), "{vendor:?}");
        for (key, value) in creds.as_object().unwrap() {
            let value = value.as_str().unwrap();
            // Secrets that only sign (never sent) may hold anything: they are not header values.
            let sent = !matches!(key.as_str(), "appSecret" | "apiSecret" | "appId");
            for bad in ["\r\nX-Injected: 1", "\n", "\r", "\0", "\u{7f}"] {
                let mut c = creds.clone();
                c[key] = json!(format!("{value}{bad}"));
                let r = vendor.build_request(op("startTask"), &params, &c, &opts(&[]));
                if sent {
                    assert_eq!(issues_of(r), vec![(format!("credentials.{key}"), IssueCode::InvalidFormat, Severity::Error)], "{vendor:?} {key} {bad:?}");
                } else {
                    assert!(r.is_ok(), "{vendor:?} {key} {bad:?}");
                }
            }
        }
    }
}

#[test]
fn caller_headers_must_be_header_names_and_values_given_once() {
    for (vendor, creds, params) in cases() {
        let build = |h: &[(&str, &str)]| vendor.build_request(op("startTask"), &params, &creds, &opts(h));
        assert_eq!(build(&[("X-A", "1")]).unwrap().header("x-a"), Some("1"));
        assert_eq!(issues_of(build(&[("X-A", "1\r\nX-Injected: 1")])), vec![("headers.X-A".into(), IssueCode::InvalidFormat, Severity::Error)]);
        assert_eq!(issues_of(build(&[("X-A", "a\0b")])), vec![("headers.X-A".into(), IssueCode::InvalidFormat, Severity::Error)]);
        assert_eq!(issues_of(build(&[("X-A\r\nX-B", "1")])), vec![("headers.X-A\r\nX-B".into(), IssueCode::InvalidFormat, Severity::Error)]);
        assert_eq!(issues_of(build(&[("", "1")])), vec![("headers.".into(), IssueCode::InvalidFormat, Severity::Error)]);
        // Issue 12 item 22: a name given twice in different case kept the first and dropped the
        // rest silently. Which one should win is not obvious: refused.
        let e = build(&[("X-Trace", "a"), ("x-trace", "b")]).unwrap_err();
        let Error::ValidationError { issues, .. } = e else { panic!() };
        assert_eq!((issues[0].path_string().as_str(), issues[0].code, issues[0].params.clone()), ("headers.x-trace", IssueCode::DuplicateValue, waihu::params! {"firstIndex": 0}));
        // Tab and non-ASCII (obs-text) are field-value characters.
        assert!(build(&[("X-A", "a\tb é")]).is_ok());
    }
}

/// Issue 12 item 13: `http://user:PASSWORD@host` passed and the password was in every network
/// error; a query made `GET /?q=1/apiOpen/…`, `http://` made `http:/apiOpen…`.
#[test]
fn base_urls_that_would_leak_or_misroute_are_refused_and_never_echoed() {
    for (vendor, creds, params) in cases() {
        for bad in ["http://user:PASSWORD@host", "http://PASSWORD@host/x", "http://h/tanyi?q=PASSWORD", "http://h/#PASSWORD", "http://", "http:///x", "http://h:0", "http://h:65536", "http://h:99999/x", "ftp://h"] {
            let o = BuildOptions { base_url: Some(bad.into()), now: NOW, ..Default::default() };
            let e = vendor.build_request(op("startTask"), &params, &creds, &o).unwrap_err();
            let text = format!("{e} {} {}", e.message(), serde_json::to_string(&e).unwrap());
            assert!(!text.contains("PASSWORD"), "{vendor:?} {bad}: {text}");
            let Error::ValidationError { issues, .. } = e else { panic!() };
            assert_eq!(issues.iter().map(|i| (i.path_string(), i.code)).collect::<Vec<_>>(), vec![("baseUrl".into(), IssueCode::InvalidFormat)], "{bad}");
        }
    }
}

/// Issue 12 item 22: 429 and 503 say the vendor refused the call (RFC 6585 §4, RFC 9110
/// §15.6.4), as the README and the import report treat them; other errors may have applied.
#[test]
fn refusals_have_not_applied() {
    for (vendor, _, _) in cases() {
        for (status, applied) in [(429, false), (503, false), (500, true), (502, true), (504, true), (200, true)] {
            match vendor.parse_response(op("startTask"), status, "<html>busy</html>", waihu::Locale::En) {
                Err(e @ Error::ResponseError { .. }) => {
                    assert_eq!(e.may_have_applied(), applied, "{vendor:?} {status}");
                    assert_eq!(serde_json::to_value(&e).unwrap()["mayHaveApplied"], json!(applied));
                }
                other => panic!("{vendor:?} {status}: {other:?}"),
            }
        }
    }
}
