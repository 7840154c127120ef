//! ZXY's unified table (format: `crate::mapping`): the task spec's fields as the create table's
//! (README.md, "waihu's choices" 15–19), and where the task list holds its fields. The script
//! is the script group (话术分组); one line per task; `maximumcall` is the task's concurrency;
//! tasks start by `startTask` only; the time group (禁用呼叫时间) decides when the task does not
//! dial, and the redial rule (重呼规则) how it redials. The page documents no call records.

use crate::mapping::Mapping;

use super::records::TABLES;

pub static MAPPING: Mapping = Mapping {
    fields: "\
        name name\n\
        script destination_extension\n\
        lines - #1\n\
        lines.0 caller_line_id\n\
        lineType - ~\n\
        robots maximumcall\n\
        concurrency - ~\n\
        start.mode - manual=\n\
        start.at - !\n\
        end - !\n\
        hours - @disable_dial_timegroup\n\
        breaks - @disable_dial_timegroup\n\
        days - @disable_dial_timegroup\n\
        skipDates - @disable_dial_timegroup\n\
        redial - @auto_recycle_rule_id\n\
        note remark\n\
        - random_assignment_number =0\n\
        - recycle_limit =0",
    ops: "\
        updateTask task_id",
    items: "data",
    task: "id:i:uuid name:i:name status:s:start rawStatus:r:start counts:c:progress_bar.total/progress_bar.progress/ createdAt:t:create_datetime",
    call: "",
    tables: TABLES,
};
