//! BYRobot's documented task statuses and `finishStatus` values, mapped to the unified enums
//! (README.md, Enums). Every documented value has a unified value other than `Unknown`.
//! BYRobot sends numbers; the tables hold their text.

use crate::records::{CallOutcome, Tables, TaskStatus};

/// Task status [B-idx].
/// The tables of the unified records' `o` and `s` members.
pub const TABLES: Tables = Tables { outcomes: CALL_OUTCOMES, statuses: TASK_STATUSES };

pub const TASK_STATUSES: &[(&str, TaskStatus)] = &[
    ("0", TaskStatus::NotStarted),
    ("1", TaskStatus::Running),
    ("2", TaskStatus::Completed),
    // 可运行: starting.
    ("3", TaskStatus::Queued),
    ("4", TaskStatus::Paused),
    // 系统暂停: arrears, redial not due, no line or seat.
    ("5", TaskStatus::Suspended),
    ("6", TaskStatus::Stopped),
    ("7", TaskStatus::Queued),
    // AI到期, 线路欠费, 短信欠费.
    ("8", TaskStatus::Suspended),
    ("9", TaskStatus::Suspended),
    ("10", TaskStatus::Suspended),
];

/// `finishStatus`, the newest list [B-idx] (README.md, Contradictions).
pub const CALL_OUTCOMES: &[(&str, CallOutcome)] = &[
    ("0", CallOutcome::Answered),
    ("1", CallOutcome::Rejected),
    ("2", CallOutcome::Unreachable),
    // 主叫号码不可用.
    ("3", CallOutcome::CallerLineError),
    ("4", CallOutcome::Vacant),
    ("5", CallOutcome::PoweredOff),
    ("6", CallOutcome::Busy),
    ("7", CallOutcome::OutOfService),
    ("8", CallOutcome::NoAnswer),
    // 主叫欠费.
    ("9", CallOutcome::CallerLineError),
    ("10", CallOutcome::Dropped),
    ("11", CallOutcome::Blocked),
    // 线路盲区.
    ("22", CallOutcome::Unreachable),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::lookup;

    /// Every documented task status and `finishStatus` (rules.rs, from README.md) has a unified
    /// value other than `Unknown`; BYRobot sends them as numbers.
    #[test]
    fn every_documented_value_is_mapped() {
        for n in super::super::rules::TASK_STATUSES {
            assert_ne!(lookup(TASK_STATUSES, &format!("{n}"), TaskStatus::Unknown), TaskStatus::Unknown, "{n}");
        }
        for n in super::super::rules::FINISH_STATUSES {
            assert_ne!(lookup(CALL_OUTCOMES, &format!("{n}"), CallOutcome::Unknown), CallOutcome::Unknown, "{n}");
        }
        assert_eq!((TASK_STATUSES.len(), CALL_OUTCOMES.len()), (super::super::rules::TASK_STATUSES.len(), super::super::rules::FINISH_STATUSES.len()));
    }
}
