//! Itniotech's task statuses and call results, mapped to the unified enums (README.md, Enums).
//! `resultStatus` has Tanyi's twelve names (the push page); the values of `taskList.status`
//! are UNVERIFIED: CHOICE, the platform's (Yiwise) job status names, which the examples use.

use crate::records::{CallOutcome, Tables, TaskStatus};

/// The tables of the unified records' `o` and `s` members.
pub const TABLES: Tables = Tables { outcomes: CALL_OUTCOMES, statuses: TASK_STATUSES };

pub const TASK_STATUSES: &[(&str, TaskStatus)] = &[
    ("NOT_STARTED", TaskStatus::NotStarted),
    ("IN_PROCESS", TaskStatus::Running),
    ("COMPLETED", TaskStatus::Completed),
    ("RUNNABLE", TaskStatus::Queued),
    ("USER_PAUSE", TaskStatus::Paused),
    ("SYSTEM_SUSPENDED", TaskStatus::Suspended),
    ("TERMINATE", TaskStatus::Stopped),
    ("IN_QUEUE", TaskStatus::Queued),
];

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
    ("CALL_LOSS", CallOutcome::Dropped),
    ("TRANSFER_ARTIFICIAL", CallOutcome::Dropped),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::lookup;

    /// The `resultStatus` values of README.md's table (Enums) and the task statuses chosen.
    #[test]
    fn every_documented_value_is_mapped() {
        let readme = include_str!("README.md");
        let table = readme.split("**`resultStatus`**").nth(1).and_then(|t| t.split("\n---").next()).unwrap();
        let documented: Vec<&str> = table.lines().filter_map(|l| l.strip_prefix("| `")?.split('`').next()).collect();
        assert_eq!(documented.len(), 12, "{documented:?}");
        for s in &documented {
            assert_ne!(lookup(CALL_OUTCOMES, &format!("{s}"), CallOutcome::Unknown), CallOutcome::Unknown, "{s}");
        }
        assert_eq!(CALL_OUTCOMES.len(), documented.len());
        assert!(TASK_STATUSES.iter().all(|(_, s)| *s != TaskStatus::Unknown));
    }
}
