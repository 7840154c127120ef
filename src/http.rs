//! The request value the core produces, how it is made from an endpoint and params, and the
//! checks of what callers add to it (base URL, headers). Nothing here sends anything.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::check::{Checker, Path};
use crate::credentials::{is_header_name, is_header_value};
use crate::issue::IssueCode;
use crate::params;
use crate::vendor::Endpoint;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

}

/// An exact HTTP request: what the transport sends, byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    /// In the order they were added; names as the vendor spells them.
    pub headers: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// True when repeating the request cannot change state (a read): the endpoint's
    /// `safe_to_repeat`. Only such requests may be retried after they may have reached the vendor.
    pub safe_to_repeat: bool,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header, replacing one of the same name (case-insensitively).
    pub fn set_header(&mut self, name: &str, value: &str) {
        match self.headers.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some(slot) => *slot = (name.to_string(), value.to_string()),
            None => self.headers.push((name.to_string(), value.to_string())),
        }
    }
}

/// The request for `endpoint` under `base` with `params`: `{name}` path segments filled (and
/// taken out of the params), the rest as the query string of a GET or the JSON body of anything
/// else (with `Content-Type: application/json`), without auth headers.
pub fn request(endpoint: &Endpoint, base: &str, mut params: Map<String, Value>) -> HttpRequest {
    let mut url = base.trim_end_matches('/').to_string();
    match endpoint.path_param() {
        Some(key) => {
            let value = params.get(key).map(scalar_text).unwrap_or_default();
            // `{key}` is replaced; the path around it stays as it is.
            // (`split_once` and `get`, not slicing by index: no slicing panic path in the .wasm.)
            let (before, after) = endpoint.path.split_once('{').unwrap_or_default();
            url.push_str(before);
            url.push_str(&encode_component(&value));
            url.push_str(after.get(key.len() + 1..).unwrap_or_default());
            params = crate::json::map_of(params.into_iter().filter(|(k, _)| k != key));
        }
        None => url.push_str(endpoint.path),
    }
    let mut headers = Vec::new();
    let body = if endpoint.method == Method::Get {
        url.push_str(&query_string(&params));
        None
    } else {
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
        Some(crate::json::to_text(&Value::Object(params)))
    };
    HttpRequest { method: endpoint.method, url, headers, body, safe_to_repeat: endpoint.safe_to_repeat }
}

/// A base URL: `http(s)://host[:port][/prefix]`, the vendor's documented one when none is given.
/// Refused (an issue at `baseUrl`): user info (a password would end up in error messages), a
/// query or fragment (the vendor's path would land inside it), an empty host, a port outside
/// 1–65535, whitespace or control characters.
pub fn check_base_url(given: Option<&str>, default: Option<&'static str>, c: &mut Checker) -> Option<String> {
    let path: Path = vec!["baseUrl".into()];
    let Some(url) = given.filter(|u| !u.trim().is_empty()).or(default) else {
        c.error(IssueCode::Required, path, params! {"when": "no_default_base_url"});
        return None;
    };
    if !is_base_url(url) {
        c.error(IssueCode::InvalidFormat, path, params! {"format": "http(s)://host[:port][/prefix]"});
        return None;
    }
    Some(url.to_string())
}

fn is_base_url(url: &str) -> bool {
    let b = url.as_bytes();
    let scheme = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    let rest = if scheme(b"https://") {
        &b[8..]
    } else if scheme(b"http://") {
        &b[7..]
    } else {
        return false;
    };
    // `\` is a `/` to browsers; `?` and `#` would swallow the vendor's path.
    if rest.iter().any(|&c| c <= b' ' || c == 0x7f || matches!(c, b'?' | b'#' | b'\\')) {
        return false;
    }
    let authority = &rest[..rest.iter().position(|&c| c == b'/').unwrap_or(rest.len())];
    // A port follows the last `:` unless that is inside an IPv6 literal `[…]`.
    let (host, port) = match authority.iter().rposition(|&c| c == b':') {
        Some(i) if !authority[i..].contains(&b']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let host_ok = match host {
        [b'[', inner @ .., b']'] => !inner.is_empty() && !inner.contains(&b'['),
        _ => !host.is_empty() && !host.iter().any(|&c| matches!(c, b'@' | b'[' | b']')),
    };
    let port_ok = port.is_none_or(|p| {
        (1..=5).contains(&p.len()) && p.iter().all(u8::is_ascii_digit) && (1..=65_535).contains(&p.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')))
    });
    host_ok && port_ok
}

/// Caller headers (`options.headers`): names must be RFC 9110 tokens and values field values
/// (no CR, LF, NUL: they would split the header), and a name may appear once whatever its case
/// (which one would win is not obvious).
pub fn check_headers(headers: &[(String, String)], c: &mut Checker) {
    for (i, (name, value)) in headers.iter().enumerate() {
        let at = || -> Path { vec!["headers".into(), name.as_str().into()] };
        if !is_header_name(name) {
            c.error(IssueCode::InvalidFormat, at(), params! {"format": "header_name"});
        } else if headers[..i].iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
            c.error(IssueCode::DuplicateValue, at(), params! {"firstIndex": headers[..i].iter().position(|(k, _)| k.eq_ignore_ascii_case(name)).unwrap_or(0)});
        }
        if !is_header_value(value) {
            c.error(IssueCode::InvalidFormat, at(), params! {"format": "header_value"});
        }
    }
}

/// A path or query value as text: strings as they are, numbers and booleans as JSON writes them.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => crate::json::to_text(other),
    }
}

/// Joins a base URL (scheme, host and an optional prefix) and an absolute vendor path.
pub fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    format!("{base}/{path}")
}

/// Percent-encodes a query component (RFC 3986 unreserved characters pass through), as the
/// vendors' Java demos do with `URLEncoder` for the characters that matter (CJK names, spaces).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// Scalars as text joined by `,` (`3033729,3033719`): how the vendors write a list as text.
pub fn joined(items: &[Value]) -> String {
    let mut t = String::new();
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            t.push(',');
        }
        t.push_str(&scalar_text(item));
    }
    t
}

/// Builds `?k=v&…` from the members of a JSON object, in the object's key order. Null members
/// are left out; a list of scalars is sent as comma-separated values (`3033729,3033719`, as the
/// vendors document list-valued query params); other nested values as their JSON text.
pub fn query_string(params: &Map<String, Value>) -> String {
    // Pushed piece by piece, not `Vec<String>::join`: that links a kilobyte of generic code.
    let mut out = String::new();
    for (k, v) in params {
        let text = match v {
            Value::Null => continue,
            Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => joined(items),
            other => scalar_text(other),
        };
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&encode_component(k));
        out.push('=');
        out.push_str(&encode_component(&text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_encodes() {
        assert_eq!(join_url("http://a.b/", "/x/y"), "http://a.b/x/y");
        assert_eq!(join_url("http://127.0.0.1:1/tanyi", "apiOpen/v1"), "http://127.0.0.1:1/tanyi/apiOpen/v1");
        assert_eq!(encode_component("任务 a&b"), "%E4%BB%BB%E5%8A%A1%20a%26b");
        let m = serde_json::json!({"a": 1, "b": null, "c": "x y", "d": true, "e": [9, "10"], "f": [{"g": 1}]});
        assert_eq!(query_string(m.as_object().unwrap()), "?a=1&c=x%20y&d=true&e=9%2C10&f=%5B%7B%22g%22%3A1%7D%5D");
    }

    #[test]
    fn base_urls() {
        for ok in ["http://127.0.0.1:8787/tanyi", "https://openapi.tanyibot.com", "HTTP://a.b/", "http://[::1]:80/x", "http://[::1]", "https://h/prefix/@v1"] {
            assert!(is_base_url(ok), "{ok}");
        }
        // RFC 3986: user info, query and fragment have no place in a base URL; a port is 1–65535.
        for bad in ["http://user:PASSWORD@host", "http://h/tanyi?q=1", "http://h/#x", "http://", "http:///x", "ftp://h", "http://h:0", "http://h:65536", "http://h:", "http://h:x", "http://h\\x", "http://h x", "http://[::1", "http://[]", "http://h\r\n/"] {
            assert!(!is_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn set_header_replaces_case_insensitively() {
        let mut r = HttpRequest { method: Method::Get, url: String::new(), headers: vec![("Authorization".into(), "a".into())], body: None, safe_to_repeat: true };
        r.set_header("authorization", "b");
        assert_eq!(r.headers, vec![("authorization".to_string(), "b".to_string())]);
    }
}
