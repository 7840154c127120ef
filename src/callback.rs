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
use crate::json::parse_value;
use crate::records::{self, cut, find, id, push, put, Tables, TaskStatus};
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
    pub tables: Tables,
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
    /// The unified record's members (the notation: `records::Tables`), written by
    /// `records::write`.
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
        let name = find(json, cb.type_at).and_then(Value::as_str).unwrap_or_default();
        match cb.types.iter().find(|t| t.0 == name) {
            // The name itself, when it is short enough to quote.
            None => (UnknownType, if name.len() <= 64 { name } else { "(a long name)" }),
            Some((_, data_at, specs)) => {
                let data = find(json, data_at).filter(|d| d.is_object());
                match data.and_then(|d| Some((d, specs.iter().find(|s| find(d, s.needs).is_some())?))) {
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

/// The JSON text of the one event `spec` reads from `obj`, in a list: `[{id, type, vendor,
/// <record>: {…}}]` (or the members on the event itself). Fails with the path of the missing
/// record id.
#[inline(never)]
fn write(vendor: Vendor, cb: &Callbacks, spec: &Spec, obj: &Value) -> Result<String, &'static str> {
    let key = id(find(obj, spec.key)).ok_or(spec.key)?;
    let mut fields = String::new();
    let status = records::write(spec.fields, obj, &cb.tables, &mut fields);
    let kind = match status {
        None => spec.kind,
        Some(TaskStatus::Completed) => "task.completed",
        Some(TaskStatus::Paused) => "task.paused",
        Some(TaskStatus::Suspended) => "task.suspended",
        Some(_) => "task.updated",
    };
    let mut event_id = String::new();
    push(&mut event_id, &[vendor.as_str(), ":", kind, ":", &key]);
    if let Some(suffix) = id(find(obj, spec.suffix)).filter(|_| !spec.suffix.is_empty()) {
        push(&mut event_id, &[":", &suffix]);
    }
    let mut out = String::from("[{\"id\":");
    put(&mut out, Some(&Value::String(event_id)));
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
        assert_eq!(find(&list, "r.k=b.v").and_then(Value::as_u64), Some(2));
        assert!(find(&list, "r.k=c.v").is_none());
        assert!(find(&list, "r.k").is_none());
        assert_eq!(find(&list, ""), Some(&list));
    }
}
