//! Callbacks (webhooks) the vendors push: typed events with stable ids read from a vendor's
//! payload, and what a receiver answers in each case. Sans-IO like the rest: the package's
//! handler (pkg-template/webhook.js) reads the request, asks these, and writes the reply.
//!
//! A vendor describes each of its payload types as a `Spec`, a table of where each member of
//! the unified record sits in the payload; one writer (`write`) reads any of them, straight into
//! the JSON text of the events (the unified `CallRecord` / `TaskSummary` shapes, tested against
//! their serialization), so the .wasm carries tables rather than code per vendor or field.
//!
//! Event ids are `vendor:type:recordId`: the vendors sign nothing and send no delivery id, so the
//! id comes from the record the event is about, and a retried or duplicated delivery has the
//! same one.

use serde_json::Value;

use crate::error::Error;
use crate::json::{parse_value, to_text};
use crate::records::{CallOutcome, TaskStatus};
use crate::time::{self, DateTime};
use crate::vendor::Vendor;

/// How a vendor pushes callbacks (`VendorDef::CALLBACKS`): all data, read by `parse`.
pub struct Callbacks {
    /// The reply body the vendor takes as "received" (with HTTP 200).
    pub ack: &'static str,
    /// The addresses the vendor documents its callbacks coming from (`allowIps: "documented"`),
    /// as the JSON text of a list.
    pub source_ips: &'static str,
    /// Where the body names its type (a path, below).
    pub type_at: &'static str,
    /// Per type name ("" for a body that names none): the path of its object, and the specs
    /// that read it, tried in order (the first whose `needs` member is there).
    pub types: &'static [(&'static str, &'static str, &'static [&'static Spec])],
    /// The vendor's call outcomes and task statuses (its `records` tables).
    pub outcomes: &'static [(&'static str, CallOutcome)],
    pub statuses: &'static [(&'static str, TaskStatus)],
}

/// One payload type, read into events. Paths are member names joined by `.`; a `key=value`
/// segment picks the first item of a list whose `key` is `value`; "" is the object itself.
pub struct Spec {
    /// The event's type (an `s` field overrides it).
    pub kind: &'static str,
    /// The member holding the unified record (`call`, `task`), or "" for fields on the event
    /// itself.
    pub record: &'static str,
    /// The record id the event id ends with (it must be there), then a member appended to it
    /// ("" for none).
    pub key: &'static str,
    pub suffix: &'static str,
    /// The unified record's members, space-separated, each `name:how:where`; `how` is one of
    /// - `i` an id or text: a string, or an integer's digits (else null);
    /// - `n` a whole number (else null);
    /// - `t` `yyyy-MM-dd HH:mm:ss` in China time, `e` epoch seconds: as ISO 8601 (else null);
    /// - `r` the value as sent (null when absent);
    /// - `o` the unified call outcome, `s` task status of the value (`unknown` for any other;
    ///   `s` also sets a task event's type);
    /// - `p` an object, or the JSON text of one (else `{}`);
    /// - `l` a transcript: `where` is `list/text/speaker/ai`, the list of lines, each line's
    ///   text and speaker members, and the speaker value of the AI's lines;
    /// - `j` the JSON text `where`, whatever the payload holds (what a vendor never sends).
    pub fields: &'static str,
    /// A member the type's object must have for this spec to read it ("": any object).
    pub needs: &'static str,
}

/// A spec's defaults.
pub const SPEC: Spec = Spec { kind: "", record: "", key: "", suffix: "", fields: "", needs: "" };

/// Every event type (`type`), as the package's `CallbackEvent` union lists them.
pub const EVENT_TYPES: [&str; 8] =
    ["call.completed", "inbound_call.completed", "call.intent_changed", "task.completed", "task.paused", "task.suspended", "task.updated", "sms.sent"];

/// Why a callback could not be read. Each is also the handler's outcome of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CallbackReason {
    /// Not `application/json` or `text/plain`.
    ContentType,
    /// Not JSON, or not the vendor's shape (no data, no record id).
    Malformed,
    /// A type the vendor does not document.
    UnknownType,
}

impl CallbackReason {
    /// As serialized: the handler's outcome of the same name.
    pub fn as_str(self) -> &'static str {
        ["content_type", "malformed", "unknown_type"][self as usize]
    }
}

/// The JSON text of the vendor's events in a pushed body (`CallbackEvent[]` without `raw`).
/// `content_type` is the request's header, "" when absent (the JSON is read anyway: Tanyi and
/// Itniotech document none): otherwise `application/json` (BYRobot's public cloud) or
/// `text/plain` (its private cloud), with any parameters (the body is read as UTF-8).
pub fn parse(vendor: Vendor, content_type: &str, body: &str) -> Result<String, Error> {
    use CallbackReason::*;
    let cb = callbacks(vendor)?;
    let media = cut(content_type, b';').0.trim().to_ascii_lowercase();
    let parsed = parse_value(body);
    let (reason, detail) = if !matches!(media.as_str(), "" | "application/json" | "text/plain") {
        (ContentType, "expected application/json or text/plain")
    } else if let Ok(json) = &parsed {
        let name = at(json, cb.type_at).and_then(Value::as_str).unwrap_or_default();
        match cb.types.iter().find(|t| t.0 == name) {
            // The name itself, when it is short enough to quote.
            None => (UnknownType, if name.len() <= 64 { name } else { "(a long name)" }),
            Some((_, data_at, specs)) => {
                let data = at(json, data_at).filter(|d| d.is_object());
                match data.and_then(|d| Some((d, specs.iter().find(|s| at(d, s.needs).is_some())?))) {
                    None => (Malformed, "no data object"),
                    Some((d, spec)) => match write(vendor, cb, spec, d) {
                        Ok(event) => return Ok(event),
                        Err(key) => (Malformed, key),
                    },
                }
            }
        }
    } else {
        (Malformed, "not JSON")
    };
    Err(Error::CallbackError { vendor, reason, detail: detail.into() })
}

/// The vendor's callbacks, or UnsupportedOperationError.
pub fn callbacks(vendor: Vendor) -> Result<&'static Callbacks, Error> {
    vendor.callbacks().ok_or(Error::UnsupportedOperationError { vendor, operation: "parseCallback".into() })
}

fn at<'v>(mut v: &'v Value, mut path: &str) -> Option<&'v Value> {
    while !path.is_empty() {
        let (seg, rest) = cut(path, b'.');
        path = rest;
        v = match cut(seg, b'=') {
            (k, "") => v.get(k)?,
            (k, want) => v.as_array()?.iter().find(|item| item.get(k).and_then(Value::as_str) == Some(want))?,
        };
    }
    Some(v)
}

/// `s` before and after the first `sep` (all of it and "" without one).
fn cut(s: &str, sep: u8) -> (&str, &str) {
    let i = s.bytes().position(|b| b == sep).unwrap_or(s.len());
    (s.get(..i).unwrap_or_default(), s.get(i + 1..).unwrap_or_default())
}

/// Appends JSON text (or any text) pieces.
#[inline(never)]
fn push(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

/// Appends the JSON text of `v` as sent (null when absent), through the crate's writer.
#[inline(never)]
fn put(out: &mut String, v: Option<&Value>) {
    out.push_str(&to_text(v.unwrap_or(&Value::Null)));
}

/// Appends `s` as a JSON string.
#[inline(never)]
fn put_str(out: &mut String, s: &str) {
    put(out, Some(&Value::String(s.into())));
}

/// An id or text: a string, or an integer's digits (exact up to u64).
#[inline(never)]
fn id(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        n @ Value::Number(_) if n.is_u64() || n.is_i64() => Some(to_text(n)),
        _ => None,
    }
}

/// The unified value of `raw` in a vendor's table (`(raw text, unified)`: a number is looked up
/// by its digits), or `unknown`.
fn find<T: Copy>(table: &[(&str, T)], raw: &str, unknown: T) -> T {
    table.iter().find(|(k, _)| *k == raw).map_or(unknown, |(_, v)| *v)
}

/// The JSON text of the one event `spec` reads from `obj`, in a list: `[{id, type, vendor,
/// <record>: {…}}]` (or the fields on the event itself). Fails with the path of the missing
/// record id. The
/// payload's values are written from the tree as they are (never copied into a new one).
#[inline(never)]
fn write(vendor: Vendor, cb: &Callbacks, spec: &Spec, obj: &Value) -> Result<String, &'static str> {
    let key = id(at(obj, spec.key)).ok_or(spec.key)?;
    let mut kind = spec.kind;
    let mut fields = String::new();
    let mut rest = spec.fields;
    while !rest.is_empty() {
        let (field, more) = cut(rest, b' ');
        rest = more;
        let (name, rest) = cut(field, b':');
        let (how, path) = cut(rest, b':');
        push(&mut fields, &[",\"", name, "\":"]);
        let v = at(obj, path);
        let text = id(v);
        let text = text.as_deref();
        match how.as_bytes().first().copied().unwrap_or_default() {
            b'i' => match text {
                Some(t) => put_str(&mut fields, t),
                None => put(&mut fields, None),
            },
            b'n' => put(&mut fields, v.filter(|n| n.is_u64())),
            b't' | b'e' => {
                let local = match how {
                    "t" => v.and_then(Value::as_str).and_then(DateTime::parse),
                    _ => v.and_then(Value::as_i64).map(|s| DateTime(s.clamp(0, 253_402_271_999) + 8 * 3600)),
                };
                match local {
                    Some(t) => put_str(&mut fields, &time::china_iso(t)),
                    None => put(&mut fields, None),
                }
            }
            b'o' => push(&mut fields, &["\"", find(cb.outcomes, text.unwrap_or_default(), CallOutcome::Unknown).as_str(), "\""]),
            b's' => {
                let status = find(cb.statuses, text.unwrap_or_default(), TaskStatus::Unknown);
                kind = match status {
                    TaskStatus::Completed => "task.completed",
                    TaskStatus::Paused => "task.paused",
                    TaskStatus::Suspended => "task.suspended",
                    _ => "task.updated",
                };
                push(&mut fields, &["\"", status.as_str(), "\""]);
            }
            b'p' => {
                let inner = v.and_then(Value::as_str).and_then(|s| parse_value(s).ok());
                match inner.as_ref().or(v).filter(|o| o.is_object()) {
                    Some(o) => put(&mut fields, Some(o)),
                    None => fields.push_str("{}"),
                }
            }
            b'l' => {
                let (list, r) = cut(path, b'/');
                let (text, r) = cut(r, b'/');
                let (speaker, ai) = cut(r, b'/');
                let mut sep = '[';
                for line in at(obj, list).and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
                    if let Some(said) = at(line, text).filter(|t| t.is_string()) {
                        let who = if at(line, speaker).and_then(Value::as_str) == Some(ai) { "ai" } else { "customer" };
                        fields.push(sep);
                        push(&mut fields, &["{\"speaker\":\"", who, "\",\"text\":"]);
                        put(&mut fields, Some(said));
                        fields.push('}');
                        sep = ',';
                    }
                }
                if sep == '[' {
                    fields.push('[');
                }
                fields.push(']');
            }
            b'j' => fields.push_str(path),
            // `r`
            _ => put(&mut fields, v),
        }
    }
    let mut event_id = String::new();
    push(&mut event_id, &[vendor.as_str(), ":", kind, ":", &key]);
    if let Some(suffix) = id(at(obj, spec.suffix)).filter(|_| !spec.suffix.is_empty()) {
        push(&mut event_id, &[":", &suffix]);
    }
    let mut out = String::from("[{\"id\":");
    put_str(&mut out, &event_id);
    push(&mut out, &[",\"type\":\"", kind, "\",\"vendor\":\"", vendor.as_str(), "\""]);
    match spec.record {
        "" => out.push_str(&fields),
        record => push(&mut out, &[",\"", record, "\":{", fields.get(1..).unwrap_or_default(), "}"]),
    }
    out.push_str("}]");
    Ok(out)
}

/// What the webhook handler answers, by outcome: `[HTTP status, body]`, the body null for the
/// vendor's acknowledgement. Only the acknowledgement tells the vendor the callback arrived;
/// anything else makes it retry on its schedule, so a delivery refused by mistake (an address
/// list, a failing handler) is not lost while the vendor retries. The reasons of
/// `CallbackError` are outcomes of the same names.
///
/// - accepted: every event was handled now; duplicate: every event was handled before
///   (acknowledged again, `onEvent` not called);
/// - in_progress: another delivery of an event holds its claim (retry later);
/// - handler_failed: `onEvent` or the store failed;
/// - forbidden: the source address is not in `allowIps` (or unknown while it is set).
pub const REPLIES: &str = concat!(
    r#"{"accepted":[200,null],"duplicate":[200,null],"in_progress":[409,"in progress"],"handler_failed":[500,"handler failed"],"#,
    r#""forbidden":[403,"forbidden"],"too_large":[413,"payload too large"],"method_not_allowed":[405,"method not allowed"],"#,
    r#""content_type":[415,"unsupported media type"],"malformed":[400,"malformed callback"],"unknown_type":[422,"unknown callback type"]}"#
);

/// The handler's body limit by default (1 MiB: a BYRobot call record with a long dialogue is
/// tens of KiB) and at most (100 MiB, Cloudflare's request limit on its free plan).
pub const BODY_LIMITS: &str = r#"{"default":1048576,"max":104857600}"#;

/// The webhook handler's plan for the vendor (`webhookPlan`): the JSON text of `{ ack,
/// documentedIps, bodyLimits, replies }`.
pub fn plan(vendor: Vendor) -> Result<String, Error> {
    let cb = callbacks(vendor)?;
    let mut out = String::from("{\"ack\":\"");
    push(&mut out, &[cb.ack, "\",\"documentedIps\":", cb.source_ips, ",\"bodyLimits\":", BODY_LIMITS, ",\"replies\":", REPLIES, "}"]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replies() {
        let r: Value = serde_json::from_str(REPLIES).unwrap();
        assert_eq!(r["accepted"], serde_json::json!([200, null]));
        assert_eq!(r["duplicate"], serde_json::json!([200, null]));
        // Only the acknowledgements are 200; each reason of CallbackError has its reply.
        assert_eq!(r.as_object().unwrap().values().filter(|v| v[0] == 200).count(), 2);
        for reason in [CallbackReason::ContentType, CallbackReason::Malformed, CallbackReason::UnknownType] {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
            assert!(r[reason.as_str()][0].as_u64().unwrap() >= 400);
        }
        let limits: Value = serde_json::from_str(BODY_LIMITS).unwrap();
        assert_eq!((limits["default"].as_u64(), limits["max"].as_u64()), (Some(1 << 20), Some(100 << 20)));
    }

    #[test]
    fn ids_and_paths() {
        let j = |t: &str| parse_value(t).unwrap();
        assert_eq!(id(Some(&j("18446744073709551615"))).as_deref(), Some("18446744073709551615"));
        assert_eq!(id(Some(&j("-3"))).as_deref(), Some("-3"));
        assert_eq!(id(Some(&j("\"abc\""))).as_deref(), Some("abc"));
        for none in ["\"\"", "1.5", "null", "[]"] {
            assert_eq!(id(Some(&j(none))), None, "{none}");
        }
        let list = j(r#"{"r":[{"k":"a","v":1},{"k":"b","v":2}]}"#);
        assert_eq!(at(&list, "r.k=b.v").and_then(Value::as_u64), Some(2));
        assert!(at(&list, "r.k=c.v").is_none());
        assert!(at(&list, "r.k").is_none());
        assert_eq!(at(&list, ""), Some(&list));
    }
}
