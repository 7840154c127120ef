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

use crate::json::{parse_value, to_text};
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
/// array index, or `key=value` (the first array item whose `key` is the text `value`); `""` is
/// `v` itself, and `a|b` tries `a`, then `b`.
pub fn find<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    find_at(v, path, 0)
}

/// `find`, with `*` standing for the index `i`.
pub fn find_at<'a>(v: &'a Value, path: &str, i: usize) -> Option<&'a Value> {
    path.split('|').find_map(|path| {
        let mut cur = v;
        for step in path.split('.').filter(|s| !s.is_empty()) {
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
    })
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

/// A string, or a number's digits (ids).
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An id: a non-empty string, or an integer's digits (exact up to u64).
#[inline(never)]
pub fn id(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        n @ Value::Number(_) if n.is_u64() || n.is_i64() => Some(to_text(n)),
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
            (if n >= 100_000_000_000 { n.div_euclid(1000) } else { n }).clamp(0, 253_402_271_999) + time::CHINA_OFFSET_SECS
        }
    };
    Some(time::format_china(secs, b'T'))
}

/// The unified value of `raw` in a vendor's table (`(raw text, unified)`: a number is looked up
/// by its digits), or `unknown`.
pub fn lookup<T: Copy>(table: &[(&str, T)], raw: &str, unknown: T) -> T {
    table.iter().find(|(k, _)| *k == raw).map_or(unknown, |(_, v)| *v)
}

/// Where a vendor's payload holds the members of a unified record (a `TaskSummary`, a
/// `CallRecord`, or an event's own members), read by `write`: space-separated `name:how:where`,
/// `where` a path as in `find`, `how` one of
/// - `i` an id or text: a string, or an integer's digits (else null);
/// - `n` a whole number, or the digits a text starts with (`27秒`) (else null);
/// - `t` a time as ISO 8601 with the offset (`iso`; else null);
/// - `a` an intent level: the letter `A`–`F` the value starts with (else null);
/// - `r` the value as sent (null when absent);
/// - `o` the unified call outcome, `s` the task status of the value (`unknown` for any other);
/// - `p` an object, or the JSON text of one (else `{}`);
/// - `c` a task's counts: `where` is `total/called/answered`, each a path or empty;
/// - `l` a transcript: `where` is `list/text/speaker/ai`, the list of lines, each line's text
///   and speaker members, and the speaker value of the AI's lines;
/// - `j` the JSON text `where`, whatever the payload holds (what a vendor never sends).
#[derive(Debug)]
pub struct Tables {
    pub outcomes: &'static [(&'static str, CallOutcome)],
    pub statuses: &'static [(&'static str, TaskStatus)],
}

/// The path of the member `name` of `members`.
pub fn member<'m>(members: &'m str, name: &str) -> Option<&'m str> {
    members.split(' ').find_map(|m| m.strip_prefix(name)?.strip_prefix(':')?.get(2..))
}

/// `s` before and after the first `sep` (all of it and "" without one).
pub fn cut(s: &str, sep: u8) -> (&str, &str) {
    let i = s.bytes().position(|b| b == sep).unwrap_or(s.len());
    (s.get(..i).unwrap_or_default(), s.get(i + 1..).unwrap_or_default())
}

/// Appends text pieces.
#[inline(never)]
pub fn push(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

/// Appends the JSON text of `v` as sent (null when absent), through the crate's writer.
#[inline(never)]
pub fn put(out: &mut String, v: Option<&Value>) {
    out.push_str(&to_text(v.unwrap_or(&Value::Null)));
}

/// Appends `s` as a JSON string, or null.
#[inline(never)]
fn put_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => put(out, Some(&Value::String(s.into()))),
        None => out.push_str("null"),
    }
}

fn put_count(out: &mut String, n: Option<u64>) {
    put(out, n.map(Value::from).as_ref());
}

/// Appends the members `members` reads from `obj` as JSON text (`,"name":value` each), and
/// returns the task status an `s` member read. The payload's values are written from the tree
/// as they are (never copied into a new one).
#[inline(never)]
pub fn write(members: &str, obj: &Value, t: &Tables, out: &mut String) -> Option<TaskStatus> {
    let mut status = None;
    for member in members.split(' ').filter(|m| !m.is_empty()) {
        let (name, rest) = cut(member, b':');
        let (how, path) = cut(rest, b':');
        push(out, &[",\"", name, "\":"]);
        let v = find(obj, path);
        let text = id(v);
        match how.as_bytes().first().copied().unwrap_or_default() {
            b'i' => put_str(out, text.as_deref()),
            b'n' => put_count(out, count(v)),
            b't' => put_str(out, v.and_then(iso).as_deref()),
            b'a' => {
                let level = text.as_deref().and_then(|s| s.get(..1)).filter(|l| ("A"..="F").contains(l));
                put_str(out, level);
            }
            b'o' => push(out, &["\"", lookup(t.outcomes, text.as_deref().unwrap_or_default(), CallOutcome::Unknown).as_str(), "\""]),
            b's' => {
                let s = lookup(t.statuses, text.as_deref().unwrap_or_default(), TaskStatus::Unknown);
                status = Some(s);
                push(out, &["\"", s.as_str(), "\""]);
            }
            b'p' => {
                let inner = v.and_then(Value::as_str).and_then(|s| parse_value(s).ok());
                match inner.as_ref().or(v).filter(|o| o.is_object()) {
                    Some(o) => put(out, Some(o)),
                    None => out.push_str("{}"),
                }
            }
            b'c' => {
                let (total, r) = cut(path, b'/');
                let (called, answered) = cut(r, b'/');
                let mut sep = "{\"total\":";
                for (p, next) in [(total, ",\"called\":"), (called, ",\"answered\":"), (answered, "}")] {
                    out.push_str(sep);
                    put_count(out, Some(p).filter(|p| !p.is_empty()).and_then(|p| count(find(obj, p))));
                    sep = next;
                }
                out.push_str(sep);
            }
            b'l' => {
                let (list, r) = cut(path, b'/');
                let (said, r) = cut(r, b'/');
                let (speaker, ai) = cut(r, b'/');
                let mut sep = '[';
                for line in find(obj, list).and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
                    if let Some(words) = find(line, said).filter(|t| t.is_string()) {
                        let who = if find(line, speaker).and_then(Value::as_str) == Some(ai) { "ai" } else { "customer" };
                        out.push(sep);
                        push(out, &["{\"speaker\":\"", who, "\",\"text\":"]);
                        put(out, Some(words));
                        out.push('}');
                        sep = ',';
                    }
                }
                if sep == '[' {
                    out.push('[');
                }
                out.push(']');
            }
            b'j' => out.push_str(path),
            // `r`
            _ => put(out, v),
        }
    }
    status
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
