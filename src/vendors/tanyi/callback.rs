//! Tanyi's callbacks (README.md §7 [T-cb]): one URL for every type, `{dataType, data}`,
//! acknowledged by the body `success`. Each type is a table of where the unified record's
//! members sit in `data` (the notation: src/callback.rs `Spec`).

use super::records;
use crate::callback::{Callbacks, Spec, SPEC};

/// Tanyi documents no source address and no signature (README.md §7).
pub static CALLBACKS: Callbacks = Callbacks {
    ack: "success",
    source_ips: "[]",
    type_at: "dataType",
    types: &[("ROBOT_CALL_RECORD", "data", &[&CALL]), ("ROBOT_CALL_JOB", "data", &[&TASK]), ("ROBOT_CALL_SMS", "data", &[&SMS])],
    tables: records::TABLES,
};

/// `ROBOT_CALL_RECORD`: one call.
const CALL: Spec = Spec {
    kind: "call.completed",
    record: "call",
    key: "callRecordId",
    fields: "callId:i:callRecordId taskId:i:robotCallJobId phone:i:calledPhoneNumber outcome:o:resultStatus rawOutcome:r:resultStatus \
             intent:a:intentLevel startedAt:t:startTime durationSeconds:n:chatDuration transcript:l:callDetailList/text/type/ROBOT \
             recordingUrl:i:fullAudioUrl properties:p:properties",
    ..SPEC
};

/// `ROBOT_CALL_JOB`: a task completed (its status is always COMPLETED).
const TASK: Spec = Spec {
    kind: "task.updated",
    record: "task",
    key: "robotCallJobId",
    fields: r#"id:i:robotCallJobId name:j:null status:s:status rawStatus:r:status counts:j:{"total":null,"called":null,"answered":null} createdAt:j:null"#,
    ..SPEC
};

/// `ROBOT_CALL_SMS`: the SMS a call triggered, one event per call (`msgList` holds its
/// messages).
const SMS: Spec = Spec { kind: "sms.sent", key: "callRecordId", fields: "callId:i:callRecordId", ..SPEC };
