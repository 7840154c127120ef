//! The unified records every vendor's replies and callbacks are read into: one task summary
//! and one call record for all vendors, with unified status and outcome enums designed from all
//! vendors' documented values. The vendor's own value always travels along (`rawStatus`,
//! `rawOutcome`), so nothing the vendor said is lost.
//!
//! Ids are strings: vendors use numbers beyond 2^53 (which a JS number cannot hold) and UUIDs.
//! Times are ISO 8601 with an offset; vendor times without a zone are China time (UTC+8, a
//! choice each vendor README records).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::mapping::{line_of, Mapping};
use crate::time;

/// A task's state, across vendors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
pub enum TaskStatus {
    /// Created, not started yet.
    NotStarted,
    /// Started and waiting for a seat, a line or its start time (queued, starting).
    Queued,
    /// Dialling.
    Running,
    /// Paused by the user; can be resumed.
    Paused,
    /// Held by the vendor's system (arrears, expired seats, maintenance, waiting to redial, the
    /// daily break); resumes when the cause goes.
    Suspended,
    /// Every customer was called.
    Completed,
    /// Stopped for good.
    Stopped,
    /// A value no vendor documents (the raw value says what it was).
    Unknown,
}

/// How a call ended, across vendors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
pub enum CallOutcome {
    Answered,
    /// Rang, nobody answered.
    NoAnswer,
    Busy,
    /// The customer rejected the call.
    Rejected,
    /// Could not be reached (no signal, a line blind spot).
    Unreachable,
    PoweredOff,
    /// The number is suspended (停机).
    OutOfService,
    /// The number does not exist (空号).
    Vacant,
    /// The caller line could not be used (in arrears, unavailable).
    CallerLineError,
    /// The number is on a blacklist.
    Blocked,
    /// Dropped for lack of capacity (呼损), including a failed transfer to a human.
    Dropped,
    /// The vendor's system failed to place the call.
    Failed,
    /// A value no vendor documents (the raw value says what it was).
    Unknown,
}

/// The wire names of the enums, in declaration order (`serialize` by index: a derive would be a
/// match over every name in the .wasm).
const STATUS_NAMES: [&str; 8] = ["notStarted", "queued", "running", "paused", "suspended", "completed", "stopped", "unknown"];
const OUTCOME_NAMES: [&str; 13] =
    ["answered", "noAnswer", "busy", "rejected", "unreachable", "poweredOff", "outOfService", "vacant", "callerLineError", "blocked", "dropped", "failed", "unknown"];

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        STATUS_NAMES[self as usize]
    }
}

impl CallOutcome {
    pub fn as_str(self) -> &'static str {
        OUTCOME_NAMES[self as usize]
    }
}

impl Serialize for TaskStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for CallOutcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Speaker {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if *self == Speaker::Ai { "ai" } else { "customer" })
    }
}

/// Who said a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
pub enum Speaker {
    Ai,
    Customer,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TranscriptLine {
    pub speaker: Speaker,
    pub text: String,
}

/// Counts a vendor gives for a task; None where it gives none.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TaskCounts {
    /// Customers in the task.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub total: Option<u64>,
    /// Customers called so far.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub called: Option<u64>,
    /// Calls answered.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub answered: Option<u64>,
}

/// One task, from `listTasks` / `getTask` or a callback.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TaskSummary {
    pub id: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub name: Option<String>,
    pub status: TaskStatus,
    /// The vendor's own status value, as it sent it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number | boolean | null"))]
    pub raw_status: Value,
    pub counts: TaskCounts,
    /// ISO 8601 with offset, e.g. `2019-05-07T15:15:40+08:00`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub created_at: Option<String>,
}

/// One call, from `listCalls` / `getCall` or a callback.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    pub call_id: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub task_id: Option<String>,
    pub phone: String,
    pub outcome: CallOutcome,
    /// The vendor's own outcome value, as it sent it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number | null"))]
    pub raw_outcome: Value,
    /// Intent level `A`–`F`, where the vendor gives one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub intent: Option<String>,
    /// ISO 8601 with offset.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub started_at: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub duration_seconds: Option<u64>,
    pub transcript: Vec<TranscriptLine>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub recording_url: Option<String>,
    /// The customer's properties (script variables) as the vendor echoes them.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub properties: Map<String, Value>,
}

/// The value at `path` in `v`, unless it is null: dot-separated steps, each an object key, an
/// array index, or `key=value` (the first array item whose `key` is the text `value`).
pub fn find<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    find_at(v, path, 0)
}

/// `find`, with `*` standing for the index `i`.
pub fn find_at<'a>(v: &'a Value, path: &str, i: usize) -> Option<&'a Value> {
    let mut cur = v;
    for step in path.split('.') {
        cur = match cur {
            Value::Object(m) => m.get(step)?,
            Value::Array(items) => match step.split_once('=') {
                Some((k, want)) => items.iter().find(|i| i.get(k).and_then(Value::as_str) == Some(want))?,
                None => items.get(index(step, i)?)?,
            },
            _ => return None,
        };
    }
    (!cur.is_null()).then_some(cur)
}

/// A path step's index: `*` is `i`, digits their number.
pub fn index(step: &str, i: usize) -> Option<usize> {
    if step == "*" {
        return Some(i);
    }
    let b = step.as_bytes();
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + usize::from(d - b'0')))
}

/// The items of a reply: a list, the list at the vendor's `items`, or the reply itself.
pub fn items<'a>(m: &Mapping, data: &'a Value) -> &'a [Value] {
    match (data, find(data, line_of(m.records, "items").unwrap_or_default())) {
        (Value::Array(items), _) | (_, Some(Value::Array(items))) => items,
        _ => std::slice::from_ref(data),
    }
}

/// The record field `key` of `item` (`task.id`), tried on the item and then on the object a
/// single-item reply nests it in (`kind`: `task` / `call`).
fn pick<'a>(m: &Mapping, item: &'a Value, kind: &str, key: &str) -> Option<&'a Value> {
    let paths = line_of(m.records, key)?;
    let nested = line_of(m.records, kind).and_then(|k| find(item, k));
    for p in paths.split('|') {
        if let Some(v) = find(item, p).or_else(|| find(nested?, p)) {
            return Some(v);
        }
    }
    None
}

/// A string, or a number's digits (ids).
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A whole number, or the digits a text starts with (`27秒`).
fn count(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.get(..s.bytes().take_while(u8::is_ascii_digit).count())?.parse().ok(),
        _ => None,
    }
}

/// A vendor time as ISO 8601 with the offset: China time text (`yyyy-MM-dd HH:mm[:ss]`, or ISO
/// with or without an offset), or epoch seconds (milliseconds from 10^11 on), as a number or
/// digits.
pub fn iso(v: &Value) -> Option<String> {
    let secs = match v {
        Value::String(s) if s.contains('-') => time::parse_iso(s.trim())?,
        _ => {
            let n: i64 = text(Some(v))?.parse().ok()?;
            (if n >= 100_000_000_000 { n.div_euclid(1000) } else { n }) + time::CHINA_OFFSET_SECS
        }
    };
    Some(time::format_china(secs, b'T'))
}

/// One task of a `listTasks` / `getTask` reply (or a callback), or None without an id. A reply
/// that is a number or a string is a task's id (BYRobot's and Itniotech's `createTask`).
pub fn read_task(m: &Mapping, item: &Value) -> Option<TaskSummary> {
    let at = |key| pick(m, item, "task", key).or_else(|| (key == "task.id" && !item.is_object()).then_some(item));
    let raw = at("task.status").cloned().unwrap_or(Value::Null);
    Some(TaskSummary {
        id: text(at("task.id"))?,
        name: text(at("task.name")),
        status: lookup(m.statuses, &raw, TaskStatus::Unknown),
        raw_status: raw,
        counts: TaskCounts { total: count(at("task.total")), called: count(at("task.called")), answered: count(at("task.answered")) },
        created_at: at("task.created").and_then(iso),
    })
}

/// One call of a `listCalls` / `getCall` reply (or a callback), or None without an id.
pub fn read_call(m: &Mapping, item: &Value) -> Option<CallRecord> {
    let at = |key| pick(m, item, "call", key);
    let raw = at("call.outcome").cloned().unwrap_or(Value::Null);
    let mut transcript = Vec::new();
    let (speaker, ai, said) = (line_of(m.records, "call.speaker").unwrap_or_default(), line_of(m.records, "call.ai"), line_of(m.records, "call.text").unwrap_or_default());
    for line in at("call.transcript").and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
        let by_ai = text(find(line, speaker)).as_deref() == ai;
        transcript.push(TranscriptLine { speaker: if by_ai { Speaker::Ai } else { Speaker::Customer }, text: text(find(line, said)).unwrap_or_default() });
    }
    let properties = match at("call.properties") {
        Some(Value::Object(p)) => p.clone(),
        Some(Value::String(s)) => match crate::json::parse_value(s) {
            Ok(Value::Object(p)) => p,
            _ => Map::new(),
        },
        _ => Map::new(),
    };
    let intent = text(at("call.intent")).and_then(|s| s.chars().next()).filter(|l| ('A'..='F').contains(l));
    Some(CallRecord {
        call_id: text(at("call.id"))?,
        task_id: text(at("call.task")),
        phone: text(at("call.phone")).unwrap_or_default(),
        outcome: lookup(m.outcomes, &raw, CallOutcome::Unknown),
        raw_outcome: raw,
        intent: intent.map(String::from),
        started_at: at("call.started").and_then(iso),
        duration_seconds: count(at("call.duration")),
        transcript,
        recording_url: text(at("call.recording")),
        properties,
    })
}

/// The unified value of a vendor's raw value in `table` (`(raw text, unified)` pairs: a number
/// is looked up by its digits), or `unknown`.
pub fn lookup<T: Copy>(table: &[(&str, T)], raw: &Value, unknown: T) -> T {
    let text = match raw {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return unknown,
    };
    table.iter().find(|(k, _)| *k == text).map_or(unknown, |(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_serialize_as_their_camel_case_names() {
        assert_eq!(serde_json::to_string(&TaskStatus::NotStarted).unwrap(), "\"notStarted\"");
        assert_eq!(serde_json::to_string(&TaskStatus::Unknown).unwrap(), "\"unknown\"");
        assert_eq!(serde_json::to_string(&CallOutcome::CallerLineError).unwrap(), "\"callerLineError\"");
        assert_eq!(serde_json::to_string(&CallOutcome::Unknown).unwrap(), "\"unknown\"");
        assert_eq!(serde_json::to_string(&[Speaker::Ai, Speaker::Customer]).unwrap(), "[\"ai\",\"customer\"]");
    }

    #[test]
    fn names_are_the_serialized_ones() {
        use CallOutcome::*;
        for o in [Answered, NoAnswer, Busy, Rejected, Unreachable, PoweredOff, OutOfService, Vacant, CallerLineError, Blocked, Dropped, Failed, CallOutcome::Unknown] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
        use TaskStatus::*;
        for s in [NotStarted, Queued, Running, Paused, Suspended, Completed, Stopped, TaskStatus::Unknown] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
