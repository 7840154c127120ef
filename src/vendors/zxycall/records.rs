//! ZXY's task state, mapped to the unified enum (README.md, Enums): the list's `start` is 1
//! (开启, running) or 0 (暂停, paused). Call results are not documented.

use crate::records::TaskStatus;

pub const TASK_STATUSES: &[(&str, TaskStatus)] = &[("1", TaskStatus::Running), ("0", TaskStatus::Paused)];
