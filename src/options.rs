//! The option objects the boundary receives (as JSON), read by hand from a `serde_json::Value`,
//! and what they mean to the core.
//!
//! Why not `#[derive(Deserialize)]`: for these few small objects serde's derived visitors and
//! their error formatting (which links the whole float printer) were ~10 KiB of the gzipped
//! .wasm. The rules are the ones the derives had: unknown members are ignored, an absent
//! member takes its default, a present member of the wrong type is an error, and `null` is
//! accepted only where the member is optional (`Option<…>`) or any JSON (`meta`, `data`).

use serde_json::{Map, Value};

use crate::import::ImportOptions;
use crate::issue::{Issue, IssueCode, Locale, Severity};
use crate::retry::Policy;

/// How to validate. Read from JSON by `validate_options`.
#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    pub locale: Locale,
    /// Look-up data to check ids against (ZXY's create-options meta, `GET /v1/task/create`).
    pub meta: Option<Value>,
    /// Per-code severity overrides: `"error"`, `"warning"` or `"off"` (drop the issue).
    /// This is how a caller relaxes a waihu choice, e.g. `{ "invalid_phone": "warning" }`.
    pub severity: SeverityOverrides,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityOverride {
    Error,
    Warning,
    Off,
}

/// Per-code severity overrides: one slot per `IssueCode`. (Not a `BTreeMap<IssueCode, _>`:
/// that key type had its own copy of the B-tree code in the .wasm.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeverityOverrides([Option<SeverityOverride>; IssueCode::ALL.len()]);

impl SeverityOverrides {
    /// Sets the override for `code`; returns the previous one.
    pub fn insert(&mut self, code: IssueCode, level: SeverityOverride) -> Option<SeverityOverride> {
        self.0[code as usize].replace(level)
    }

    pub fn get(&self, code: &IssueCode) -> Option<&SeverityOverride> {
        self.0[*code as usize].as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    /// The issues with the overrides applied (an `off` code dropped) and messages in `locale`.
    pub fn apply(&self, issues: Vec<Issue>, locale: Locale) -> Vec<Issue> {
        issues
            .into_iter()
            .filter_map(|mut i| {
                match self.get(&i.code) {
                    Some(SeverityOverride::Off) => return None,
                    Some(SeverityOverride::Warning) => i.severity = Severity::Warning,
                    Some(SeverityOverride::Error) => i.severity = Severity::Error,
                    None => {}
                }
                i.localize(locale);
                Some(i)
            })
            .collect()
    }
}

/// How to build a request. Read from JSON by `build_options`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Scheme, host and optional prefix; the vendor's documented one when absent.
    pub base_url: Option<String>,
    /// The clock, in epoch milliseconds. The core never reads a clock itself.
    pub now: f64,
    pub locale: Locale,
    pub meta: Option<Value>,
    pub severity: SeverityOverrides,
    /// Headers set last, replacing any of the same name: the escape hatch for undocumented
    /// auth details (e.g. ZXY's header, or Tanyi's `appSecret` header if a tenant needs it).
    /// (A list, not a `BTreeMap`: that would be a second copy of the B-tree code in the .wasm.)
    pub headers: Vec<(String, String)>,
}

/// The longest wait `setTimeout` honours (2^31 − 1 ms, about 24.8 days): a longer one fires
/// at once, so a `timeoutMs` above it would time every call out.
pub const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;
/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;
/// At most this many retries, whatever is asked: a retry loop must end.
pub const MAX_RETRIES: u64 = 10;

/// How a client sends: per client, and overridable per call (`{ timeoutMs?, maxRetries?,
/// headers?, severity?, meta? }` in both places).
#[derive(Clone, Debug, PartialEq)]
pub struct SendOptions {
    /// Per attempt.
    pub timeout_ms: f64,
    pub policy: Policy,
    /// Set last on every request, replacing any of the same name.
    pub headers: Vec<(String, String)>,
    pub severity: SeverityOverrides,
    /// Look-up data for validation (ZXY's create-options meta).
    pub meta: Option<Value>,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions { timeout_ms: DEFAULT_TIMEOUT_MS, policy: Policy::default(), headers: Vec::new(), severity: SeverityOverrides::default(), meta: None }
    }
}

impl SendOptions {
    /// These options with the members of `v` on top: a call's headers come after the client's
    /// (replacing any of the same name, whatever its case), its severity overrides over the
    /// client's. Two headers of one object whose names differ only in case are both kept, so
    /// that the request's check reports them (`duplicate_value`) rather than one being dropped.
    pub fn with(&self, v: &Value) -> R<SendOptions> {
        let f = Fields(object(v, "the options")?);
        let mut out = self.clone();
        if let Some(t) = f.timeout_ms()? {
            out.timeout_ms = t;
        }
        if let Some(n) = f.opt_uint("maxRetries", MAX_RETRIES)? {
            out.policy.max_retries = n as u32;
        }
        let headers = f.string_map("headers")?;
        out.headers.retain(|(name, _)| !headers.iter().any(|(k, _)| name.eq_ignore_ascii_case(k)));
        out.headers.extend(headers);
        for (i, level) in f.severity()?.0.iter().enumerate() {
            if level.is_some() {
                out.severity.0[i] = *level;
            }
        }
        if let Some(meta) = f.any("meta") {
            out.meta = Some(meta);
        }
        Ok(out)
    }

    /// What building one attempt's request needs.
    pub fn build_options(&self, base_url: Option<String>, now: f64, locale: Locale) -> BuildOptions {
        BuildOptions { base_url, now, locale, meta: self.meta.clone(), severity: self.severity.clone(), headers: self.headers.clone() }
    }
}

/// `{ vendor, credentials?, baseUrl?, proxyUrl?, token?, locale?, …SendOptions }`: the
/// vendor's name (checked by the caller), its credentials as given, and the rest.
pub struct ClientConfig {
    pub vendor: String,
    pub credentials: Value,
    pub base_url: Option<String>,
    /// Proxy mode: the proxy's URL and the caller's bearer token for it (src/edge.rs). The
    /// proxy holds the credentials, so a client has either these or credentials.
    pub proxy: Option<(String, Option<String>)>,
    pub locale: Locale,
    pub send: SendOptions,
}

pub fn client_config(raw: &Value) -> R<ClientConfig> {
    let f = Fields(object(raw, "the client config")?);
    let send = SendOptions::default().with(raw)?;
    let credentials = f.any("credentials").unwrap_or(Value::Null);
    let base_url = f.opt_string("baseUrl")?;
    let token = f.opt_string("token")?;
    if token.as_deref().is_some_and(|t| !crate::credentials::is_header_value(t)) {
        return Err(wrong("token", "a header value (no control characters)"));
    }
    let proxy = f.opt_string("proxyUrl")?.map(|url| (url, token));
    if proxy.is_some() && (!credentials.is_null() || base_url.is_some()) {
        return Err("`proxyUrl` excludes `credentials` and `baseUrl`: the proxy holds them".into());
    }
    Ok(ClientConfig { vendor: f.string("vendor")?.ok_or("missing field `vendor`")?, credentials, base_url, proxy, locale: f.locale()?, send })
}

/// What was wrong, for the caller's TypeError message.
pub type OptionsError = String;
type R<T> = Result<T, OptionsError>;

fn wrong(key: &str, expected: &str) -> OptionsError {
    format!("`{key}` must be {expected}")
}

/// The object's members; `what` names it in the error.
pub fn object<'v>(v: &'v Value, what: &str) -> R<&'v Map<String, Value>> {
    v.as_object().ok_or_else(|| format!("{what} must be an object"))
}

/// Reads the members of one object, each at most once, by name.
pub struct Fields<'v>(pub &'v Map<String, Value>);

impl<'v> Fields<'v> {
    /// A member that must have a value when present (`null` is wrong too).
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.0.get(key)
    }

    /// A member that may be absent or `null`.
    fn get_opt(&self, key: &str) -> Option<&'v Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    pub fn string(&self, key: &str) -> R<Option<String>> {
        self.get(key).map(|v| v.as_str().map(str::to_string).ok_or_else(|| wrong(key, "a string"))).transpose()
    }

    pub fn opt_string(&self, key: &str) -> R<Option<String>> {
        self.get_opt(key).map(|v| v.as_str().map(str::to_string).ok_or_else(|| wrong(key, "a string"))).transpose()
    }

    pub fn f64(&self, key: &str) -> R<Option<f64>> {
        self.get(key).map(|v| v.as_f64().ok_or_else(|| wrong(key, "a number"))).transpose()
    }

    /// A whole number from 0 to `max`.
    pub fn opt_uint(&self, key: &str, max: u64) -> R<Option<u64>> {
        self.opt_range(key, 0, max)
    }

    /// A whole number from `min` to `max`. `null` is refused: it is what `NaN` and `Infinity`
    /// become in JSON, and silently taking the default for them would hide the caller's bug.
    pub fn opt_range(&self, key: &str, min: u64, max: u64) -> R<Option<u64>> {
        let bad = || wrong(key, &format!("a whole number from {min} to {max}"));
        self.get(key).map(|v| v.as_u64().filter(|n| (min..=max).contains(n)).ok_or_else(bad)).transpose()
    }

    /// `timeoutMs`: a number of milliseconds from 1 to `MAX_TIMEOUT_MS`.
    pub fn timeout_ms(&self) -> R<Option<f64>> {
        // `f64`, not `opt_f64`: `null` is a NaN or Infinity that JSON turned into null.
        let t = self.f64("timeoutMs")?;
        match t {
            Some(t) if !(1.0..=MAX_TIMEOUT_MS).contains(&t) => Err(wrong("timeoutMs", "a number of milliseconds from 1 to 2147483647")),
            _ => Ok(t),
        }
    }

    pub fn bool(&self, key: &str) -> R<Option<bool>> {
        self.get(key).map(|v| v.as_bool().ok_or_else(|| wrong(key, "true or false"))).transpose()
    }

    /// Any JSON value; `null` is None.
    pub fn any(&self, key: &str) -> Option<Value> {
        self.get_opt(key).cloned()
    }

    pub fn object(&self, key: &str) -> R<Option<&'v Map<String, Value>>> {
        self.get(key).map(|v| v.as_object().ok_or_else(|| wrong(key, "an object"))).transpose()
    }

    pub fn locale(&self) -> R<Locale> {
        Ok(self.get("locale").map(locale).transpose()?.unwrap_or_default())
    }

    /// `{ [name]: string }`, as name-value pairs (each name once: they come from a JSON object).
    pub fn string_map(&self, key: &str) -> R<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (k, v) in self.object(key)?.into_iter().flatten() {
            let v = v.as_str().ok_or_else(|| wrong(&format!("{key}.{k}"), "a string"))?;
            out.push((k.clone(), v.to_string()));
        }
        Ok(out)
    }

    /// `{ [issue code]: "error" | "warning" | "off" }`.
    pub fn severity(&self) -> R<SeverityOverrides> {
        let mut out = SeverityOverrides::default();
        for (k, v) in self.object("severity")?.into_iter().flatten() {
            let code = IssueCode::ALL.into_iter().find(|c| c.as_str() == k).ok_or_else(|| format!("`severity` has an unknown issue code `{k}`"))?;
            let level = match v.as_str() {
                Some("error") => SeverityOverride::Error,
                Some("warning") => SeverityOverride::Warning,
                Some("off") => SeverityOverride::Off,
                _ => return Err(wrong(&format!("severity.{k}"), "\"error\", \"warning\" or \"off\"")),
            };
            out.insert(code, level);
        }
        Ok(out)
    }
}

/// `"en"` or `"zh-CN"`.
pub fn locale(v: &Value) -> R<Locale> {
    match v.as_str() {
        Some("en") => Ok(Locale::En),
        Some("zh-CN") => Ok(Locale::ZhCn),
        _ => Err(wrong("locale", "\"en\" or \"zh-CN\"")),
    }
}

/// `{ locale?, meta?, severity? }`.
pub fn validate_options(v: &Value) -> R<ValidateOptions> {
    let f = Fields(object(v, "options")?);
    Ok(ValidateOptions { locale: f.locale()?, meta: f.any("meta"), severity: f.severity()? })
}

/// `{ baseUrl?, now?, locale?, meta?, severity?, headers? }` (`credentials` is read apart).
pub fn build_options(v: &Value) -> R<BuildOptions> {
    let f = Fields(object(v, "options")?);
    Ok(BuildOptions {
        base_url: f.opt_string("baseUrl")?,
        now: f.f64("now")?.unwrap_or_default(),
        locale: f.locale()?,
        meta: f.any("meta"),
        severity: f.severity()?,
        headers: f.string_map("headers")?,
    })
}

/// Chunks in flight at once, at most (a browser keeps about six connections to a host).
pub const MAX_CONCURRENCY: u64 = 64;

/// `{ chunkSize?, concurrency?, skipInvalid?, extra?, locale? }`.
pub fn import_options(v: &Value) -> R<ImportOptions> {
    let f = Fields(object(v, "import options")?);
    Ok(ImportOptions {
        chunk_size: f.opt_range("chunkSize", 1, u32::MAX.into())?.map(|n| n as usize),
        concurrency: f.opt_range("concurrency", 1, MAX_CONCURRENCY)?.map_or(ImportOptions::DEFAULT_CONCURRENCY, |n| n as usize),
        skip_invalid: f.bool("skipInvalid")?.unwrap_or_default(),
        extra: f.object("extra")?.cloned().unwrap_or_default(),
        locale: f.locale()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_members() {
        let o = validate_options(&json!({})).unwrap();
        assert_eq!(o.locale, Locale::En);
        assert!(o.meta.is_none() && o.severity.is_empty());
        let o = validate_options(&json!({"locale": "zh-CN", "meta": {"a": 1}, "severity": {"invalid_phone": "warning", "too_big": "off"}, "other": 1})).unwrap();
        assert_eq!(o.locale, Locale::ZhCn);
        assert_eq!(o.meta, Some(json!({"a": 1})));
        assert_eq!(o.severity.get(&IssueCode::InvalidPhone), Some(&SeverityOverride::Warning));
        assert_eq!(o.severity.get(&IssueCode::TooBig), Some(&SeverityOverride::Off));
        assert!(validate_options(&json!({"meta": null})).unwrap().meta.is_none());

        let b = build_options(&json!({"credentials": {"x": 1}, "baseUrl": "http://h/", "now": 5, "headers": {"X-A": "1"}})).unwrap();
        assert_eq!((b.base_url.as_deref(), b.now, b.headers.iter().find(|(k, _)| k == "X-A").map(|(_, v)| v.as_str())), (Some("http://h/"), 5.0, Some("1")));
        assert!(build_options(&json!({"baseUrl": null})).unwrap().base_url.is_none());

        let i = import_options(&json!({"chunkSize": 10, "skipInvalid": true, "extra": {"companyId": 1}, "locale": "en"})).unwrap();
        assert_eq!((i.chunk_size, i.skip_invalid, i.extra.get("companyId")), (Some(10), true, Some(&json!(1))));
        // `null` is what NaN and Infinity become in JSON: refused, never the default.
        assert!(import_options(&json!({"chunkSize": null})).is_err());
        assert!(import_options(&json!({"concurrency": null})).is_err());
    }

    #[test]
    fn wrong_types_are_errors() {
        for bad in [
            json!([]),
            json!("en"),
            json!({"locale": "fr"}),
            json!({"locale": null}),
            json!({"severity": {"no_such_code": "off"}}),
            json!({"severity": {"too_big": "loud"}}),
            json!({"severity": null}),
        ] {
            assert!(validate_options(&bad).is_err(), "{bad}");
        }
        for bad in [json!({"now": "1"}), json!({"now": null}), json!({"baseUrl": 1}), json!({"headers": {"a": 1}}), json!({"headers": null})] {
            assert!(build_options(&bad).is_err(), "{bad}");
        }
        for bad in [json!({"chunkSize": -1}), json!({"chunkSize": 0}), json!({"chunkSize": 1.5}), json!({"concurrency": 0}), json!({"concurrency": "x"}), json!({"concurrency": 1e9}), json!({"skipInvalid": "yes"}), json!({"skipInvalid": null}), json!({"extra": []})] {
            assert!(import_options(&bad).is_err(), "{bad}");
        }
        assert_eq!(locale(&json!("zh-CN")), Ok(Locale::ZhCn));
        // Issue 12 item 19: NaN and ±Infinity arrive as null; 2^31 ms or more fires at once in
        // `setTimeout`; 0 and negative would mean no timeout.
        for bad in [json!({"timeoutMs": null}), json!({"timeoutMs": 2_147_483_648.0}), json!({"timeoutMs": 1e300}), json!({"timeoutMs": -1}), json!({"timeoutMs": 0}), json!({"timeoutMs": "5"}), json!({"maxRetries": 11}), json!({"maxRetries": null})] {
            assert!(SendOptions::default().with(&bad).is_err(), "{bad}");
        }
        assert_eq!(SendOptions::default().with(&json!({"timeoutMs": 2_147_483_647.0})).unwrap().timeout_ms, MAX_TIMEOUT_MS);
    }

    #[test]
    fn headers_of_one_object_are_all_kept_for_the_request_check() {
        // A call's header replaces the client's of the same name, whatever its case; two in one
        // object that differ only in case are both kept, so the request's check refuses them
        // (issue 12 item 22: one was silently dropped).
        let client = SendOptions::default().with(&json!({"headers": {"X-A": "client", "X-Keep": "k"}})).unwrap();
        let call = client.with(&json!({"headers": {"x-a": "call"}})).unwrap();
        assert_eq!(call.headers, vec![("X-Keep".to_string(), "k".to_string()), ("x-a".to_string(), "call".to_string())]);
        let twice = client.with(&json!({"headers": {"X-Trace": "1", "x-trace": "2"}})).unwrap();
        assert_eq!(twice.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("x-trace")).count(), 2);
        let config = SendOptions::default().with(&json!({"headers": {"A": "1", "a": "2"}})).unwrap();
        assert_eq!(config.headers.len(), 2);
        assert!(locale(&json!(1)).is_err());
    }
}
