//! BYRobot's callbacks (README.md §7 [B-cb][B-cb-new][B-cb-old]): call records and task results
//! (to separate URLs) as `{code, data: {dataType, data}, …}`, acknowledged by the body
//! `success`; the older shape has no `dataType` and the call record straight in `data`. Each
//! type is a table of where the unified record's members sit in the inner `data` (the
//! notation: src/callback.rs `Spec`).

use super::records;
use crate::callback::{Callbacks, Spec, SPEC};

/// The documented source address (回调服务器IP, README.md §7).
pub static CALLBACKS: Callbacks = Callbacks {
    ack: "success",
    source_ips: r#"["120.55.46.3"]"#,
    type_at: "data.dataType",
    types: &[
        ("CALL_INSTANCE_RESULT", "data.data", &[&CALL, &INTENT_CHANGED]),
        ("INBOUND_CALL_INSTANCE_RESULT", "data.data", &[&INBOUND]),
        ("JOB_INFO_RESULT", "data.data", &[&TASK]),
        // The older shape [B-cb-old].
        ("", "data", &[&CALL]),
    ],
    tables: records::TABLES,
};

/// A call record's members, outbound (`callInstanceId`) or inbound (`inboundInstanceId`): the
/// call in `sceneInstance`, its dialogue in `phoneLog.phoneLogs`, its intent level in the
/// `taskResult` entry named 客户意向等级.
macro_rules! call_fields {
    ($id:literal) => {
        concat!(
            "callId:i:sceneInstance.", $id, " taskId:i:sceneInstance.callJobId phone:i:sceneInstance.customerTelephone ",
            "outcome:o:sceneInstance.finishStatus rawOutcome:r:sceneInstance.finishStatus intent:a:taskResult.resultName=客户意向等级.resultValueAlias ",
            "startedAt:t:sceneInstance.startTime durationSeconds:n:sceneInstance.duration transcript:l:phoneLog.phoneLogs/content/speaker/AI ",
            "recordingUrl:i:sceneInstance.luyinOssUrl properties:p:sceneInstance.properties"
        )
    };
}

/// `CALL_INSTANCE_RESULT` with `sceneInstance`: a call.
const CALL: Spec = Spec {
    kind: "call.completed",
    record: "call",
    key: "sceneInstance.callInstanceId",
    fields: call_fields!("callInstanceId"),
    needs: "sceneInstance",
    ..SPEC
};

/// `INBOUND_CALL_INSTANCE_RESULT`: an inbound call.
const INBOUND: Spec = Spec { kind: "inbound_call.completed", key: "sceneInstance.inboundInstanceId", fields: call_fields!("inboundInstanceId"), ..CALL };

/// `TaskSummary`'s members no task callback carries.
macro_rules! no_counts {
    () => {
        r#"counts:j:{"total":null,"called":null,"answered":null} createdAt:j:null"#
    };
}

/// `JOB_INFO_RESULT`: a task's status changed (paused by hand or by the system, in arrears,
/// completed); the event's type follows the status.
const TASK: Spec = Spec {
    kind: "task.updated",
    record: "task",
    key: "callJobId",
    fields: concat!("id:i:callJobId name:i:jobName status:s:status rawStatus:r:status ", no_counts!()),
    ..SPEC
};

/// `CALL_INSTANCE_RESULT` without `sceneInstance`: a manual change of a call's intent level,
/// its `taskResult` entry named 客户意向等级. The id ends with the new value, so a later change
/// of the same call is another event.
const INTENT_CHANGED: Spec = Spec {
    kind: "call.intent_changed",
    key: "taskResult.resultName=客户意向等级.sceneInstanceId",
    suffix: "taskResult.resultName=客户意向等级.resultValue",
    fields: "callId:i:taskResult.resultName=客户意向等级.sceneInstanceId intent:i:taskResult.resultName=客户意向等级.resultValue",
    ..SPEC
};
