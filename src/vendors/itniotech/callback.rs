//! Itniotech's call-record push (README.md §7 [I-push]): the record's members at the top level
//! of the body, which names no type. The page prints no example, no acknowledgement and no
//! retry policy. The notation of the table: src/callback.rs `Spec`.

use super::records;
use crate::callback::{Callbacks, Spec, SPEC};

/// CHOICE (README.md §9): answered with `success`, what Tanyi takes as received (the same
/// platform's records: the same `resultStatus` names and `callDetailList`); the reply is
/// undocumented.
pub static CALLBACKS: Callbacks = Callbacks {
    ack: "success",
    source_ips: "[]",
    type_at: "dataType",
    types: &[("", "", &[&CALL])],
    tables: records::TABLES,
};

const CALL: Spec = Spec {
    kind: "call.completed",
    record: "call",
    key: "callId",
    fields: "callId:i:callId taskId:i:robotCallJobId phone:i:calledPhoneNumber outcome:o:resultStatus rawOutcome:r:resultStatus \
             intent:a:intentLevelDetailName startedAt:t:startTime durationSeconds:n:chatDuration transcript:l:callDetailList/text/type/ROBOT \
             recordingUrl:i:fullAudioUrl properties:p:properties",
    ..SPEC
};
