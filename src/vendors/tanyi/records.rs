//! Tanyi's documented task statuses and call results, mapped to the unified enums
//! (README.md, Enums). Every documented value has a unified value other than `Unknown`.

use crate::records::{CallOutcome, Tables, TaskStatus};

/// Job status, returned as the name [T-obt].
/// The tables of the unified records' `o` and `s` members.
pub const TABLES: Tables = Tables { outcomes: CALL_OUTCOMES, statuses: TASK_STATUSES };

pub const TASK_STATUSES: &[(&str, TaskStatus)] = &[
    ("NOT_STARTED", TaskStatus::NotStarted),
    ("IN_PROCESS", TaskStatus::Running),
    ("COMPLETED", TaskStatus::Completed),
    // 可运行: started, waiting to dial.
    ("RUNNABLE", TaskStatus::Queued),
    ("USER_PAUSE", TaskStatus::Paused),
    ("SYSTEM_SUSPENDED", TaskStatus::Suspended),
    ("TERMINATE", TaskStatus::Stopped),
    ("IN_QUEUE", TaskStatus::Queued),
    ("SYSTEM_HANG_UP", TaskStatus::Suspended),
    ("WAITING_FOR_REDIAL", TaskStatus::Suspended),
    ("ACCOUNT_DISABLE", TaskStatus::Suspended),
    ("MAINTAIN", TaskStatus::Suspended),
];

/// `resultStatus` [T-task].
pub const CALL_OUTCOMES: &[(&str, CallOutcome)] = &[
    ("ANSWERED", CallOutcome::Answered),
    ("NO_ANSWER", CallOutcome::NoAnswer),
    ("BUSY", CallOutcome::Busy),
    ("POWER_OFF", CallOutcome::PoweredOff),
    ("OUT_OF_SERVICE", CallOutcome::OutOfService),
    ("REFUSED", CallOutcome::Rejected),
    ("VACANT_NUMBER", CallOutcome::Vacant),
    ("CAN_NOT_CONNECT", CallOutcome::Unreachable),
    ("FROM_PHONE_ERROR", CallOutcome::CallerLineError),
    ("SYSTEM_ERROR", CallOutcome::Failed),
    // 多并发呼损 and 转人工呼损.
    ("CALL_LOSS", CallOutcome::Dropped),
    ("TRANSFER_ARTIFICIAL", CallOutcome::Dropped),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::lookup;

    /// Every documented job status and `resultStatus` (rules.rs, from README.md) has a unified
    /// value other than `Unknown`.
    #[test]
    fn every_documented_value_is_mapped() {
        for s in super::super::rules::JOB_STATUSES {
            assert_ne!(lookup(TASK_STATUSES, &format!("{s}"), TaskStatus::Unknown), TaskStatus::Unknown, "{s}");
        }
        for s in super::super::rules::RESULT_STATUSES {
            assert_ne!(lookup(CALL_OUTCOMES, &format!("{s}"), CallOutcome::Unknown), CallOutcome::Unknown, "{s}");
        }
        assert_eq!((TASK_STATUSES.len(), CALL_OUTCOMES.len()), (super::super::rules::JOB_STATUSES.len(), super::super::rules::RESULT_STATUSES.len()));
    }
}
