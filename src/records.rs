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

/// A task's state, across vendors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
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

/// Who said a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
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
    pub total: Option<u64>,
    /// Customers called so far.
    pub called: Option<u64>,
    /// Calls answered.
    pub answered: Option<u64>,
}

/// One task, from `listTasks` / `getTask` or a callback.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TaskSummary {
    pub id: String,
    pub name: Option<String>,
    pub status: TaskStatus,
    /// The vendor's own status value, as it sent it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number | boolean | null"))]
    pub raw_status: Value,
    pub counts: TaskCounts,
    /// ISO 8601 with offset, e.g. `2019-05-07T15:15:40+08:00`.
    pub created_at: Option<String>,
}

/// One call, from `listCalls` / `getCall` or a callback.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    pub call_id: String,
    pub task_id: Option<String>,
    pub phone: String,
    pub outcome: CallOutcome,
    /// The vendor's own outcome value, as it sent it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | number | null"))]
    pub raw_outcome: Value,
    /// Intent level `A`–`F`, where the vendor gives one.
    pub intent: Option<String>,
    /// ISO 8601 with offset.
    pub started_at: Option<String>,
    pub duration_seconds: Option<u64>,
    pub transcript: Vec<TranscriptLine>,
    pub recording_url: Option<String>,
    /// The customer's properties (script variables) as the vendor echoes them.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub properties: Map<String, Value>,
}

impl CallOutcome {
    /// As serialized (the callback writer's JSON text has no serializer).
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 13] = [
            "answered", "noAnswer", "busy", "rejected", "unreachable", "poweredOff", "outOfService", "vacant", "callerLineError", "blocked", "dropped", "failed", "unknown",
        ];
        NAMES[self as usize]
    }
}

impl TaskStatus {
    /// As serialized.
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 8] = ["notStarted", "queued", "running", "paused", "suspended", "completed", "stopped", "unknown"];
        NAMES[self as usize]
    }
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
