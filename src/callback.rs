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

use serde_json::{Map, Value};

use crate::error::Error;
use crate::json::parse_value;
use crate::records::{lookup, CallOutcome, TaskStatus};
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
    let fault = |reason, detail: String| Error::CallbackError { vendor, reason, detail };
    let cb = callbacks(vendor)?;
    let media = content_type.split(';').next().unwrap_or_default().trim();
    if !(media.is_empty() || media.eq_ignore_ascii_case("application/json") || media.eq_ignore_ascii_case("text/plain")) {
        return Err(fault(ContentType, "expected application/json or text/plain".into()));
    }
    let json = parse_value(body).map_err(|e| fault(Malformed, format!("{e}")))?;
    let name = at(&json, cb.type_at).and_then(Value::as_str).unwrap_or_default();
    let Some((_, data_at, specs)) = cb.types.iter().find(|t| t.0 == name) else {
        return Err(fault(UnknownType, format!("{name:.64}")));
    };
    let mut out = String::from("[");
    let written = match at(&json, data_at).filter(|d| d.is_object()) {
        None => Err("data object"),
        Some(data) => match specs.iter().find(|s| at(data, s.needs).is_some()) {
            None => Err("record"),
            Some(spec) => write(vendor, cb, spec, data, &mut out),
        },
    };
    match written {
        Err(what) => Err(fault(Malformed, format!("no {what}"))),
        Ok(()) => {
            out.pop();
            out.push(']');
            Ok(out)
        }
    }
}

/// The vendor's callbacks, or UnsupportedOperationError.
pub fn callbacks(vendor: Vendor) -> Result<&'static Callbacks, Error> {
    vendor.callbacks().ok_or(Error::UnsupportedOperationError { vendor, operation: "parseCallback".into() })
}

fn at<'v>(mut v: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(v);
    }
    for seg in path.split('.') {
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

/// Appends the JSON text of `v`.
#[inline(never)]
fn put(out: &mut String, v: &Value) {
    out.push_str(&serde_json::to_string(v).unwrap_or_default());
}

/// An id or text: a string, or an integer's digits (exact up to u64).
fn id(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        n @ Value::Number(_) if n.is_u64() || n.is_i64() => serde_json::to_string(n).ok(),
        _ => None,
    }
}

/// Writes the event `spec` reads from `obj`, then a comma: `{id, type, vendor, <record>: {…}}`
/// (or the fields on the event itself). Fails with the name of the missing record id.
fn write(vendor: Vendor, cb: &Callbacks, spec: &Spec, obj: &Value, out: &mut String) -> Result<(), &'static str> {
    let key = id(at(obj, spec.key)).ok_or(spec.key)?;
    let mut kind = spec.kind;
    let mut fields = String::new();
    for field in spec.fields.split(' ') {
        let (name, rest) = cut(field, b':');
        let (how, path) = cut(rest, b':');
        push(&mut fields, &[",\"", name, "\":"]);
        let v = at(obj, path);
        let value = match how.as_bytes().first().copied().unwrap_or_default() {
            b'i' => id(v).map(Value::String),
            b'n' => v.filter(|n| n.is_u64()).cloned(),
            b't' | b'e' => {
                let local = match how {
                    "t" => v.and_then(Value::as_str).and_then(DateTime::parse),
                    _ => v.and_then(Value::as_i64).map(|s| DateTime(s.clamp(0, 253_402_271_999) + 8 * 3600)),
                };
                local.map(|t| Value::String(time::china_iso(t)))
            }
            b'o' => Some(Value::String(lookup(cb.outcomes, v.unwrap_or(&Value::Null), CallOutcome::Unknown).as_str().into())),
            b's' => {
                let status = lookup(cb.statuses, v.unwrap_or(&Value::Null), TaskStatus::Unknown);
                kind = match status {
                    TaskStatus::Completed => "task.completed",
                    TaskStatus::Paused => "task.paused",
                    TaskStatus::Suspended => "task.suspended",
                    _ => "task.updated",
                };
                Some(Value::String(status.as_str().into()))
            }
            b'p' => {
                let o = match v {
                    Some(Value::String(s)) => parse_value(s).ok(),
                    v => v.cloned(),
                };
                Some(o.filter(Value::is_object).unwrap_or_else(|| Value::Object(Map::new())))
            }
            b'l' => {
                let mut parts = path.split('/');
                let (list, text, speaker, ai) = (parts.next().unwrap_or_default(), parts.next(), parts.next(), parts.next());
                let mut sep = "[";
                for line in at(obj, list).and_then(Value::as_array).into_iter().flatten() {
                    let Some(said) = text.and_then(|t| line.get(t)).filter(|t| t.is_string()) else { continue };
                    let who = if speaker.and_then(|s| line.get(s)).and_then(Value::as_str) == ai { "ai" } else { "customer" };
                    push(&mut fields, &[sep, "{\"speaker\":\"", who, "\",\"text\":"]);
                    put(&mut fields, said);
                    fields.push('}');
                    sep = ",";
                }
                push(&mut fields, &[if sep == "[" { "[]" } else { "]" }]);
                continue;
            }
            b'j' => {
                fields.push_str(path);
                continue;
            }
            // `r`
            _ => v.cloned(),
        };
        put(&mut fields, &value.unwrap_or_default());
    }
    let mut event_id = String::new();
    push(&mut event_id, &[vendor.as_str(), ":", kind, ":", &key]);
    if let Some(suffix) = id(at(obj, spec.suffix)).filter(|_| !spec.suffix.is_empty()) {
        push(&mut event_id, &[":", &suffix]);
    }
    out.push_str("{\"id\":");
    put(out, &Value::String(event_id));
    push(out, &[",\"type\":\"", kind, "\",\"vendor\":\"", vendor.as_str(), "\""]);
    match spec.record {
        "" => out.push_str(&fields),
        record => push(out, &[",\"", record, "\":{", fields.get(1..).unwrap_or_default(), "}"]),
    }
    out.push_str("},");
    Ok(())
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
