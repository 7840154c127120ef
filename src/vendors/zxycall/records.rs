//! ZXY's task state, mapped to the unified enum (README.md, Enums): the list's `start` is 1
//! (开启, running) or 0 (暂停, paused). Call results are not documented.

use crate::records::{Tables, TaskStatus};

/// The tables of the unified records' `o` and `s` members.
pub const TABLES: Tables = Tables { outcomes: &[], statuses: TASK_STATUSES };

pub const TASK_STATUSES: &[(&str, TaskStatus)] = &[("1", TaskStatus::Running), ("0", TaskStatus::Paused)];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::lookup;

    /// The list's `start` (README.md, Enums: 1 开启, 0 暂停), sent as a number.
    #[test]
    fn every_documented_value_is_mapped() {
        let readme = include_str!("README.md");
        assert!(readme.contains("| task `start` | 1 开启 (running), 0 暂停 (paused)"));
        for n in [1, 0] {
            assert_ne!(lookup(TASK_STATUSES, &format!("{n}"), TaskStatus::Unknown), TaskStatus::Unknown, "{n}");
        }
    }
}
