//! The request value the core produces, and URL helpers. Nothing here sends anything.

use serde::Serialize;

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

    /// Whether sending the same request twice can change nothing on the vendor's side.
    /// The transport retries only these blindly. Vendors' GET endpoints are reads, except
    /// ZXY's `GET /v1/task/{start,stop,destroy}/{id}`: see [`HttpRequest::idempotent`].
    pub fn is_read(self) -> bool {
        matches!(self, Method::Get)
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
    /// True when repeating the request cannot change state (a read). Only such requests
    /// may be retried after they may have reached the vendor.
    pub idempotent: bool,
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

/// Builds `?k=v&…` from the scalar members of a JSON object, in the object's key order.
/// Null members are left out; nested values are sent as their JSON text.
pub fn query_string(params: &serde_json::Map<String, serde_json::Value>) -> String {
    // Pushed piece by piece, not `Vec<String>::join`: that links a kilobyte of generic code.
    let mut out = String::new();
    for (k, v) in params {
        let text = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
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
        let m = serde_json::json!({"a": 1, "b": null, "c": "x y", "d": true});
        assert_eq!(query_string(m.as_object().unwrap()), "?a=1&c=x%20y&d=true");
    }

    #[test]
    fn set_header_replaces_case_insensitively() {
        let mut r = HttpRequest { method: Method::Get, url: String::new(), headers: vec![("Authorization".into(), "a".into())], body: None, idempotent: true };
        r.set_header("authorization", "b");
        assert_eq!(r.headers, vec![("authorization".to_string(), "b".to_string())]);
    }
}
