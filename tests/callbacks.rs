//! Callbacks: every documented payload type and field, read from the vendors' documented
//! examples (tests/fixtures/callbacks/, sources in its README), into events whose records are
//! exactly the unified `CallRecord` / `TaskSummary` (built here from the structs and serialized,
//! so the core's writer and the types cannot drift apart); unknown types, malformed bodies and
//! wrong content types. Facts: src/vendors/*/README.md §7.

use serde_json::{json, Map, Value};
use waihu::callback::{CallbackReason, EVENT_TYPES};
use waihu::records::{CallOutcome, CallRecord, Speaker, TaskCounts, TaskStatus, TaskSummary, TranscriptLine};
use waihu::{vendors, Error, Vendor};

fn vendor(id: &str) -> Vendor {
    vendors::parse(id).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/callbacks/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn events(v: &str, content_type: &str, body: &str) -> Vec<Value> {
    let text = vendor(v).parse_callback(content_type, body).unwrap_or_else(|e| panic!("{v}: {}", e.message()));
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

fn reason(v: &str, content_type: &str, body: &str) -> CallbackReason {
    match vendor(v).parse_callback(content_type, body) {
        Err(Error::CallbackError { reason, .. }) => reason,
        other => panic!("{v}: expected a CallbackError for {body:.80}, got {other:?}"),
    }
}

fn lines(pairs: &[(Speaker, &str)]) -> Vec<TranscriptLine> {
    pairs.iter().map(|(speaker, text)| TranscriptLine { speaker: *speaker, text: text.to_string() }).collect()
}

fn props(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

/// An event as the core writes it: `{id, type, vendor, <record>: …}`.
fn event(id: &str, kind: &str, vendor: &str, record: (&str, Value)) -> Value {
    let mut e = json!({"id": id, "type": kind, "vendor": vendor});
    e[record.0] = record.1;
    e
}

fn call(r: CallRecord) -> (&'static str, Value) {
    ("call", serde_json::to_value(r).unwrap())
}

fn task(t: TaskSummary) -> (&'static str, Value) {
    ("task", serde_json::to_value(t).unwrap())
}

/// Every member `names` lists is in the example (at any depth): the fixture covers the vendor
/// README's field table, and JS hands the whole payload on as `raw`.
fn has_members(example: &str, names: &[&str]) {
    let v: Value = serde_json::from_str(example).unwrap();
    fn keys(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| {
                out.push(k.clone());
                keys(v, out)
            }),
            Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    keys(&v, &mut all);
    for n in names {
        assert!(all.iter().any(|k| k == n), "the example lacks the documented member {n}");
    }
}

#[test]
fn tanyi_call_record() {
    let body = fixture("tanyi-robot-call-record.json");
    // src/vendors/tanyi/README.md §7 `ROBOT_CALL_RECORD`.
    has_members(&body, &[
        "dataType", "callRecordId", "tenantId", "robotCallJobId", "dialogFlowId", "calledPhoneNumber", "resultStatus", "intentLevel", "customerConcern",
        "fullAudioUrl", "customerAudioUrl", "analysisBasis", "startTime", "endTime", "chatDuration", "chatRound", "attributes", "properties",
        "callDetailList", "callDetailId", "text", "type",
    ]);
    let expected = CallRecord {
        call_id: "119".into(),
        task_id: Some("43".into()),
        phone: "17751279857".into(),
        outcome: CallOutcome::Answered,
        raw_outcome: json!("ANSWERED"),
        intent: Some("A".into()),
        started_at: Some("2018-10-12T18:46:55+08:00".into()),
        duration_seconds: Some(37),
        transcript: lines(&[
            (Speaker::Ai, "喂，您好, （停顿2s），您好，想问下您位于江北纬七路隧道附近，均价17000的高端商业综合体，我可以给您介绍一下吗？"),
            (Speaker::Customer, "嗯"),
        ]),
        recording_url: Some("https://ai-call-platform-daily.oss-cn-hangzhou.aliyuncs.com/DialogueRecording/TenantId1/CallJobId43/RHGKTLBG_TaskId_1305203/ai_user.wav".into()),
        properties: props(json!({"生日": "2019年10月1日"})),
    };
    assert_eq!(events("tanyi", "application/json", &body), vec![event("tanyi:call.completed:119", "call.completed", "tanyi", call(expected))]);
}

#[test]
fn tanyi_task_and_sms() {
    let job = fixture("tanyi-robot-call-job.json");
    has_members(&job, &["dataType", "robotCallJobId", "tenantId", "status"]);
    let summary = TaskSummary { id: "43".into(), name: None, status: TaskStatus::Completed, raw_status: json!("COMPLETED"), counts: TaskCounts::default(), created_at: None };
    assert_eq!(events("tanyi", "", &job), vec![event("tanyi:task.completed:43", "task.completed", "tanyi", task(summary))]);

    let sms = fixture("tanyi-robot-call-sms.json");
    has_members(&sms, &[
        "dataType", "tenantId", "companyName", "customerPersonId", "customerPersonName", "phoneNumber", "callRecordId", "robotCallRobotId",
        "robotCallRobotName", "msgList", "smsTemplateId", "smsTemplateName", "smsSignatureId", "smsSignatureName", "text", "msg", "varMap", "type",
    ]);
    assert_eq!(events("tanyi", "", &sms), vec![json!({"id": "tanyi:sms.sent:53780", "type": "sms.sent", "vendor": "tanyi", "callId": "53780"})]);
}

/// The documented `CALL_INSTANCE_RESULT` members (src/vendors/byrobot/README.md §7).
const BYROBOT_CALL_MEMBERS: &[&str] = &[
    "code", "dataType", "sceneInstance", "callInstanceId", "companyId", "callUserId", "callJobId", "customerId", "customerTelephone", "customerName",
    "status", "finishStatus", "duration", "chatRound", "startTime", "endTime", "callerPhone", "luyinOssUrl", "userLuyinOssUrl", "properties",
    "handlePerson", "callType", "callIndex", "readStatus", "jobName", "robotDefId", "sceneDefId", "sceneRecordId", "industry", "trackResult", "hangUp",
    "secondaryCallTime", "secondaryCallTimes", "cost", "callbacked", "gmtCreate", "gmtModified", "taskResult", "sceneInstanceResultId",
    "sceneInstanceId", "resultName", "resultValue", "artificialResultValue", "artificialChanged", "resultDesc", "resultValueAlias", "resultLabels",
    "resultValueNew", "phoneLog", "phoneLogs", "sceneInstanceLogId", "decisionId", "speaker", "content", "userMean", "userMeanDetail", "aiUnknown",
    "answerStatus", "studyStatus", "knowledgeBaseId", "correctionContent", "jobFinished", "sign", "dateTime",
];

fn byrobot_call(properties: Value) -> CallRecord {
    CallRecord {
        call_id: "1".into(),
        task_id: Some("1".into()),
        phone: "137xxxxxxxx".into(),
        outcome: CallOutcome::Answered,
        raw_outcome: json!(0),
        intent: Some("C".into()),
        started_at: Some("2019-01-12T16:09:32+08:00".into()),
        duration_seconds: Some(35),
        transcript: lines(&[(Speaker::Ai, "喂，您好，这里是用户测试电话"), (Speaker::Customer, "有什么游戏呀？")]),
        recording_url: Some("https://byrobot-prod.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/11/xxx.wav".into()),
        properties: props(properties),
    }
}

#[test]
fn byrobot_call_record_in_both_content_types() {
    let body = fixture("byrobot-call-instance-result.json");
    has_members(&body, BYROBOT_CALL_MEMBERS);
    // `properties` is JSON text in the payload, an object in the record.
    let properties = json!({"csStaffId": 12, "csStaffMobile": "15957182700", "csStaffName": "123", "duration": 20, "failReason": "失败了就是失败了",
        "finishTime": 1546506273268u64, "seatGroupId": 1, "seatGroupName": "测试失败", "startTime": 1546506263268u64, "succTime": 1546506283268u64,
        "success": false, "transferMobile": false, "useEavesdrop": false});
    let expected = vec![event("byrobot:call.completed:1", "call.completed", "byrobot", call(byrobot_call(properties)))];
    // Public cloud and private cloud (README §7: the body is JSON text either way).
    assert_eq!(events("byrobot", "application/json;charset=utf-8", &body), expected);
    assert_eq!(events("byrobot", "text/plain;charset=utf-8", &body), expected);
    assert_eq!(events("byrobot", "TEXT/PLAIN", &body), expected);

    // The page's own (shorter) example of the same type.
    let page = fixture("byrobot-call-instance-result.callback-md.json");
    let mut page_props = byrobot_call(json!({}));
    page_props.properties = props(json!({"duration": 20, "failReason": "失败了就是失败了", "finishTime": 1546506273268u64, "seatGroupId": 1,
        "seatGroupName": "测试失败", "startTime": 1546506263268u64, "succTime": 1546506283268u64, "success": false, "transferMobile": false, "useEavesdrop": false}));
    assert_eq!(events("byrobot", "text/plain;charset=utf-8", &page), vec![event("byrobot:call.completed:1", "call.completed", "byrobot", call(page_props))]);
}

#[test]
fn byrobot_older_shape_without_data_type() {
    let body = fixture("byrobot-call-back-old.json");
    let expected = CallRecord {
        call_id: "1".into(),
        task_id: Some("1".into()),
        phone: "157xxxxxxx".into(),
        outcome: CallOutcome::Answered,
        raw_outcome: json!(0),
        intent: Some("A".into()),
        started_at: Some("2018-12-14T18:01:57+08:00".into()),
        duration_seconds: Some(56),
        transcript: lines(&[(Speaker::Ai, "您好，我是百应智能AI机器人。"), (Speaker::Customer, "谢谢嗯")]),
        recording_url: Some("https://xxxxxx.wav".into()),
        properties: props(json!({"trade_type": "test", "appellation": "test"})),
    };
    assert_eq!(events("byrobot", "application/json", &body), vec![event("byrobot:call.completed:1", "call.completed", "byrobot", call(expected))]);
}

#[test]
fn byrobot_task_status_intent_change_and_inbound() {
    let job = fixture("byrobot-job-info-result.json");
    has_members(&job, &[
        "dataType", "callJobId", "companyId", "jobName", "jobType", "startDate", "endDate", "workingStartTime", "workingEndTime", "breakStartTime",
        "breakEndTime", "status", "callType", "robotDefId", "sceneDefId", "sceneRecordId", "remark", "smsType", "smsCondition", "smsTemplateId", "userId",
        "userName",
    ]);
    let summary = |status, raw: Value| TaskSummary { id: "535".into(), name: Some("测试-问题学习".into()), status, raw_status: raw, counts: TaskCounts::default(), created_at: None };
    assert_eq!(events("byrobot", "", &job), vec![event("byrobot:task.completed:535", "task.completed", "byrobot", task(summary(TaskStatus::Completed, json!(2))))]);
    // The type follows the status: 4 用户暂停, 5 系统暂停 / 9 线路欠费 / 10 短信欠费, 1 进行中, an undocumented 99.
    for (status, kind, unified) in [(4, "task.paused", TaskStatus::Paused), (9, "task.suspended", TaskStatus::Suspended), (10, "task.suspended", TaskStatus::Suspended), (1, "task.updated", TaskStatus::Running), (99, "task.updated", TaskStatus::Unknown)] {
        let body = job.replace("\"status\": 2", &format!("\"status\": {status}"));
        let id = format!("byrobot:{kind}:535");
        assert_eq!(events("byrobot", "", &body), vec![event(&id, kind, "byrobot", task(summary(unified, json!(status))))]);
    }

    let change = fixture("byrobot-intent-changed.json");
    has_members(&change, &["dataType", "taskResult", "sceneInstanceId", "resultName", "resultValue"]);
    assert_eq!(events("byrobot", "", &change), vec![json!({"id": "byrobot:call.intent_changed:2016:B", "type": "call.intent_changed", "vendor": "byrobot", "callId": "2016", "intent": "B"})]);
    // A later change of the same call is another event.
    let again = events("byrobot", "", &change.replace("\"B\"", "\"D\""));
    assert_eq!(again[0]["id"], "byrobot:call.intent_changed:2016:D");

    let inbound = fixture("byrobot-inbound-call-instance-result.json");
    has_members(&inbound, &[
        "dataType", "sceneInstance", "inboundInstanceId", "companyId", "callJobId", "customerId", "customerTelephone", "customerName", "status",
        "finishStatus", "duration", "chatRound", "startTime", "endTime", "calleePhone", "luyinOssUrl", "userLuyinOssUrl", "properties", "readStatus",
        "robotDefId", "sceneDefId", "sceneRecordId", "transferStatus", "transferInfo", "callbacked", "hangUp", "taskResult", "phoneLog", "sign", "dateTime",
    ]);
    let expected = CallRecord {
        call_id: "1091".into(),
        task_id: Some("98".into()),
        phone: "1010".into(),
        outcome: CallOutcome::Answered,
        raw_outcome: json!(0),
        intent: Some("B".into()),
        started_at: Some("2019-01-24T15:27:39+08:00".into()),
        duration_seconds: Some(27),
        transcript: lines(&[(Speaker::Ai, "哎，您好，拱墅区 中大银泰城边上有个首付50万左右的精装公寓你考虑吗？"), (Speaker::Customer, "呃，不考虑")]),
        recording_url: Some("https://byrobot-test.oss-cn-hangzhou.aliyuncs.com/InboundRobotCommunicate/1091/20190124-152809_1010.wav".into()),
        properties: Map::new(),
    };
    assert_eq!(events("byrobot", "", &inbound), vec![event("byrobot:inbound_call.completed:1091", "inbound_call.completed", "byrobot", call(expected))]);
}

#[test]
fn byrobot_outcomes_follow_the_vendor_table() {
    let body = fixture("byrobot-call-instance-result.json");
    for (finish, outcome) in [(1, "rejected"), (4, "vacant"), (8, "noAnswer"), (11, "blocked"), (22, "unreachable"), (77, "unknown")] {
        let e = events("byrobot", "", &body.replace("\"finishStatus\": 0", &format!("\"finishStatus\": {finish}")));
        assert_eq!((e[0]["call"]["outcome"].as_str(), e[0]["call"]["rawOutcome"].as_i64()), (Some(outcome), Some(finish)));
    }
}

#[test]
fn itniotech_push() {
    let body = fixture("itniotech-push-call-record.json");
    // src/vendors/itniotech/README.md §7 "Call record fields".
    has_members(&body, &[
        "callId", "appId", "robotCallJobId", "dialogFlowId", "tenantPhoneNumberId", "calledPhoneNumber", "startTime", "endTime", "resultStatus", "hangupBy",
        "customerConcern", "analysisBasis", "chatDuration", "billingTime", "pay", "chatRound", "attributes", "properties", "intentLevelDetailName",
        "callRecordTagIds", "callRecordTagNames", "customerTagIds", "customerTagNames", "fullAudioUrl", "customerAudioUrl", "dynamicProperties",
        "callDetailList", "callDetailId", "text", "type", "startOffset", "endOffset", "callCount", "redialTimes",
    ]);
    let expected = CallRecord {
        call_id: "90001".into(),
        task_id: Some("3001".into()),
        phone: "13800138000".into(),
        outcome: CallOutcome::Answered,
        raw_outcome: json!("ANSWERED"),
        intent: Some("A".into()),
        // 1 704 067 200 s is 2024-01-01 00:00:00 UTC: 08:00 in China.
        started_at: Some("2024-01-01T08:00:00+08:00".into()),
        duration_seconds: Some(45),
        transcript: lines(&[(Speaker::Ai, "Hello, this is the assistant."), (Speaker::Customer, "Hi, how much is it?")]),
        recording_url: Some("https://example.com/rec/90001.wav".into()),
        properties: props(json!({"amount": "100"})),
    };
    assert_eq!(events("itniotech", "application/json;charset=utf-8", &body), vec![event("itniotech:call.completed:90001", "call.completed", "itniotech", call(expected))]);
    // A numeric callId (the README types it String) gives the same id.
    let numeric = events("itniotech", "", &body.replace("\"callId\": \"90001\"", "\"callId\": 90001"));
    assert_eq!(numeric[0]["id"], "itniotech:call.completed:90001");
}

#[test]
fn ids_are_stable_and_exact() {
    let body = fixture("tanyi-robot-call-record.json");
    assert_eq!(events("tanyi", "", &body), events("tanyi", "", &body), "a retried delivery has the same id");
    // Beyond 2^53 (a JS number would round it).
    let big = events("tanyi", "", &body.replace("\"callRecordId\": 119", "\"callRecordId\": 9007199254740993"));
    assert_eq!(big[0]["id"], "tanyi:call.completed:9007199254740993");
    assert_eq!(big[0]["call"]["callId"], "9007199254740993");
    // Another call is another id; the same call's task completion is not the call's.
    let other = events("tanyi", "", &body.replace("\"callRecordId\": 119", "\"callRecordId\": 120"));
    assert_eq!(other[0]["id"], "tanyi:call.completed:120");
    // Every type the core writes is one the package's union lists.
    for f in ["tanyi-robot-call-record.json", "tanyi-robot-call-job.json", "tanyi-robot-call-sms.json"] {
        assert!(EVENT_TYPES.contains(&events("tanyi", "", &fixture(f))[0]["type"].as_str().unwrap()));
    }
    let dts = std::fs::read_to_string(format!("{}/pkg-template/index.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for t in EVENT_TYPES {
        assert!(dts.contains(&format!("\"{t}\"")), "index.d.ts's CallbackEvent lacks {t}");
    }
}

#[test]
fn escaping_and_odd_values() {
    let body = json!({"dataType": "ROBOT_CALL_RECORD", "data": {"callRecordId": "a\"b\\c", "calledPhoneNumber": 13800138000u64, "chatDuration": -1,
        "startTime": "2018-13-12 18:46:55", "callDetailList": [{"text": "line\n\"quoted\"\u{1}", "type": "ROBOT"}, {"text": 5}, "x"], "properties": [1]}});
    let e = &events("tanyi", "", &body.to_string())[0];
    assert_eq!(e["id"], "tanyi:call.completed:a\"b\\c");
    let c = &e["call"];
    assert_eq!(c["phone"], "13800138000", "a number as text");
    assert_eq!((c["durationSeconds"].clone(), c["startedAt"].clone(), c["outcome"].clone(), c["rawOutcome"].clone()), (Value::Null, Value::Null, json!("unknown"), Value::Null));
    assert_eq!(c["transcript"], json!([{"speaker": "ai", "text": "line\n\"quoted\"\u{1}"}]));
    assert_eq!(c["properties"], json!({}));
    assert_eq!((c["taskId"].clone(), c["intent"].clone(), c["recordingUrl"].clone()), (Value::Null, Value::Null, Value::Null));
}

#[test]
fn unknown_types_malformed_bodies_and_content_types() {
    use CallbackReason::*;
    let call = fixture("tanyi-robot-call-record.json");
    for (v, body) in [
        ("tanyi", call.replace("ROBOT_CALL_RECORD", "ROBOT_CALL_NEW")),
        ("tanyi", r#"{"data": {"callRecordId": 1}}"#.to_string()),
        ("tanyi", r#"{"dataType": 7, "data": {}}"#.to_string()),
        ("byrobot", fixture("byrobot-job-info-result.json").replace("JOB_INFO_RESULT", "JOB_INFO_RESULT_V2")),
        ("itniotech", r#"{"dataType": "SOMETHING", "callId": 1}"#.to_string()),
    ] {
        assert_eq!(reason(v, "", &body), UnknownType, "{v} {body:.60}");
    }
    let long = call.replace("ROBOT_CALL_RECORD", &"类".repeat(100));
    let Err(e) = vendor("tanyi").parse_callback("", &long) else { panic!() };
    // A short name is quoted; a long one is not.
    assert_eq!(e.message(), "tanyi callback refused (unknown_type): (a long name)");
    let Err(e) = vendor("tanyi").parse_callback("", &call.replace("ROBOT_CALL_RECORD", "ROBOT_CALL_NEW")) else { panic!() };
    assert_eq!(e.message(), "tanyi callback refused (unknown_type): ROBOT_CALL_NEW");

    for (v, body) in [
        ("tanyi", "".to_string()),
        ("tanyi", "not json".to_string()),
        ("tanyi", call[..call.len() / 2].to_string()),
        ("tanyi", "\u{feff}{}".to_string()),
        ("tanyi", r#"{"dataType": "ROBOT_CALL_RECORD"}"#.to_string()),
        ("tanyi", r#"{"dataType": "ROBOT_CALL_RECORD", "data": []}"#.to_string()),
        ("tanyi", r#"{"dataType": "ROBOT_CALL_RECORD", "data": {"calledPhoneNumber": "1"}}"#.to_string()),
        ("tanyi", r#"{"dataType": "ROBOT_CALL_JOB", "data": {"robotCallJobId": 1.5}}"#.to_string()),
        ("tanyi", r#"{"dataType": "ROBOT_CALL_SMS", "data": {"callRecordId": ""}}"#.to_string()),
        ("byrobot", r#"{"code": 200, "data": {"dataType": "CALL_INSTANCE_RESULT", "data": {}}}"#.to_string()),
        ("byrobot", r#"{"code": 200, "data": {"dataType": "CALL_INSTANCE_RESULT", "data": {"taskResult": []}}}"#.to_string()),
        ("byrobot", r#"{"code": 200, "data": {"dataType": "CALL_INSTANCE_RESULT", "data": {"sceneInstance": {"callJobId": 1}}}}"#.to_string()),
        ("byrobot", r#"{"code": 200, "data": {"dataType": "INBOUND_CALL_INSTANCE_RESULT", "data": {"taskResult": []}}}"#.to_string()),
        ("byrobot", r#"{"code": 200, "data": "x"}"#.to_string()),
        // No type: the older shape, which needs its sceneInstance.
        ("byrobot", r#"{"code": 200, "data": {}}"#.to_string()),
        ("itniotech", "[]".to_string()),
        ("itniotech", r#"{"robotCallJobId": 1}"#.to_string()),
        ("itniotech", "null".to_string()),
    ] {
        assert_eq!(reason(v, "", &body), Malformed, "{v} {body:.60}");
    }

    for ct in ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", "application/jsonx"] {
        assert_eq!(reason("byrobot", ct, &fixture("byrobot-call-instance-result.json")), ContentType, "{ct}");
    }
    for ct in ["", "application/json", " Application/JSON ; charset=UTF-8", "text/plain;charset=utf-8"] {
        assert_eq!(events("tanyi", ct, &call).len(), 1, "{ct:?}");
    }
    // The message names the vendor and the reason, never the payload's phones.
    let Err(e) = vendor("tanyi").parse_callback("", &call[..call.len() / 2]) else { panic!() };
    assert_eq!(e.message(), "tanyi callback refused (malformed): not JSON");
    let Err(e) = vendor("tanyi").parse_callback("", r#"{"dataType": "ROBOT_CALL_RECORD", "data": {"calledPhoneNumber": "17751279857"}}"#) else { panic!() };
    assert_eq!(e.message(), "tanyi callback refused (malformed): callRecordId", "the missing record id is named");
    assert!(!e.message().contains("17751279857"));
    assert_eq!((e.name(), e.code()), ("CallbackError", "invalid_callback"));
}

#[test]
fn zxy_documents_no_callbacks() {
    let e = vendor("zxycall").parse_callback("application/json", "{}").unwrap_err();
    assert!(matches!(&e, Error::UnsupportedOperationError { operation, .. } if operation == "parseCallback"), "{e:?}");
    assert!(waihu::callback::plan(vendor("zxycall")).is_err());
}

#[test]
fn webhook_plans() {
    for (v, ips) in [("tanyi", json!([])), ("byrobot", json!(["120.55.46.3"])), ("itniotech", json!([]))] {
        let plan: Value = serde_json::from_str(&waihu::callback::plan(vendor(v)).unwrap()).unwrap();
        assert_eq!(plan["ack"], "success", "{v}");
        assert_eq!(plan["documentedIps"], ips, "{v}");
        assert_eq!(plan["replies"]["accepted"], json!([200, null]));
        assert_eq!(plan["bodyLimits"]["default"], 1 << 20);
    }
}
