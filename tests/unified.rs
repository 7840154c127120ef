//! The unified task spec against every vendor: golden spec → params (create and update), the
//! vendors' task details → spec, issues at the spec paths the user typed, every
//! `unsupported_field` case with its severity, the capability tables, and replies read into
//! unified records.

use serde_json::{json, Value};
use waihu::issue::{IssueCode, Severity};
use waihu::options::ValidateOptions;

use waihu::{unified, Operation, Vendor};

fn vendor(id: &str) -> Vendor {
    waihu::vendors::parse(id).unwrap()
}

fn params(v: &str, spec: &Value, op: Operation) -> (Value, Vec<(String, IssueCode, Severity)>) {
    let (p, issues) = unified::task_params(vendor(v), spec, op, Some(&json!(77)), &ValidateOptions::default()).unwrap();
    (p, issues.into_iter().map(|i| (i.path_string(), i.code, i.severity)).collect())
}

fn issues(v: &str, spec: Value) -> Vec<(String, IssueCode, Severity)> {
    params(v, &spec, Operation::CreateTask).1
}

/// `spec` without `vendorOptions` (what a detail cannot give back).
fn without_options(spec: &Value) -> Value {
    let mut s = spec.clone();
    s.as_object_mut().unwrap().remove("vendorOptions");
    s
}

struct Golden {
    vendor: &'static str,
    spec: Value,
    create: Value,
    /// Members the update adds to the create params (`null`: one the update drops).
    update: Value,
}

fn goldens() -> Vec<Golden> {
    vec![
        Golden {
            vendor: "tanyi",
            spec: json!({
                "name": "Spring", "script": 139, "lines": [348, 369], "lineType": "landline", "robots": 2, "concurrency": 4,
                "start": {"mode": "auto", "at": "2024-05-01T01:30:00Z"}, "hours": {"start": "09:00", "end": "20:00"},
                "breaks": [{"start": "12:00", "end": "13:00"}, {"start": "17:00", "end": "17:30"}],
                "redial": {"times": 2, "interval": 30, "on": ["noAnswer", "busy", "dropped"]}, "note": "spring"
            }),
            create: json!({
                "concurrencyQuota": 4, "jobPhoneNumberIdList": [348, 369],
                "robotCallJob": {
                    "name": "Spring", "dialogFlowId": 139, "phoneType": "LANDLINE", "robotCount": 2, "mode": "AUTO",
                    "startTime": "2024-05-01 09:30:00", "dailyStartTime": "09:00", "dailyEndTime": "20:00",
                    "inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}, {"startTime": "17:00", "endTime": "17:30"}],
                    "redialCondition": ["NO_ANSWER", "BUSY", "CALL_LOSS"], "redialTimes": 2, "redialInterval": 30, "description": "spring"
                }
            }),
            update: json!({"robotCallJob": {"robotCallJobId": 77}}),
        },
        Golden {
            vendor: "byrobot",
            spec: json!({
                "name": "Spring", "script": 1, "lines": [1, 2], "lineType": "mobile", "robots": 2, "concurrency": 3,
                "start": {"mode": "auto", "at": "2024-05-01"}, "hours": {"start": "09:00", "end": "20:00"},
                "breaks": [{"start": "12:00", "end": "13:00"}],
                "redial": {"times": 2, "interval": 30, "on": ["busy", "poweredOff"]}, "note": "spring",
                "vendorOptions": {"byrobot": {"companyId": 1, "smsType": 0}}
            }),
            create: json!({
                "companyId": 1, "smsType": 0, "taskName": "Spring", "robotDefId": 1, "userPhoneIds": [1, 2], "callType": 0,
                "concurrencyQuota": 2, "phoneNum": 3, "taskType": 1, "startDate": "2024-05-01",
                "workingStartTime": "09:00", "workingEndTime": "20:00", "breakStartTime": "12:00", "breakEndTime": "13:00",
                "repeatCall": true, "repeatCallRule": [{"phoneStatus": 6, "times": 2, "interval": 30}, {"phoneStatus": 5, "times": 2, "interval": 30}],
                "remark": "spring"
            }),
            update: json!({"taskId": 77, "phoneNum": null, "concurrencyPhone": 3}),
        },
        Golden {
            vendor: "itniotech",
            spec: json!({
                "name": "Spring", "script": 8663, "lines": [2959], "robots": 2,
                "start": {"mode": "auto", "at": "2024-05-01T09:30:00+08:00"}, "end": "2024-05-31T18:00:00+08:00",
                "hours": {"start": "09:00", "end": "20:00"}, "breaks": [{"start": "12:00", "end": "13:00"}],
                "days": ["monday", "friday"], "skipDates": [{"start": "2024-05-01", "end": "2024-05-03"}],
                "redial": {"times": 2, "interval": 30, "on": ["noAnswer", "vacant"]}
            }),
            create: json!({
                "name": "Spring", "dialogFlowId": 8663, "jobPhoneNumberId": 2959, "robotCount": 2, "mode": "AUTO",
                "startDateTime": "2024-05-01 09:30:00", "endDateTime": "2024-05-31 18:00:00",
                "dailyStartDateTime": "09:00", "dailyEndDateTime": "20:00", "inactiveTimeList": [{"startTime": "12:00", "endTime": "13:00"}],
                "daysOfWeek": ["MONDAY", "FRIDAY"], "inactiveDateList": [{"startDate": "2024-05-01", "endDate": "2024-05-03"}],
                "redial": true, "redialCondition": ["NO_ANSWER", "VACANT_NUMBER"], "redialTimes": 2, "redialInterval": 30
            }),
            update: json!({"jobId": 77}),
        },
        Golden {
            vendor: "zxycall",
            spec: json!({
                "name": "Spring", "script": 390, "lines": ["83f180c4-00f3-4aaa-bc41-6cba4493e892"], "robots": 2, "note": "spring",
                "vendorOptions": {"zxycall": {
                    "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c", "auto_recycle_rule_id": 1,
                    "_originate_timeout": 60, "call_pause_second": 10
                }}
            }),
            create: json!({
                "name": "Spring", "destination_extension": 390, "caller_line_id": "83f180c4-00f3-4aaa-bc41-6cba4493e892", "maximumcall": 2,
                "remark": "spring", "random_assignment_number": 0, "recycle_limit": 0,
                "disable_dial_timegroup": "146979fe-3864-4817-ad76-13b37f43bb1c", "auto_recycle_rule_id": 1, "_originate_timeout": 60, "call_pause_second": 10
            }),
            update: json!({"task_id": "77"}),
        },
    ]
}

fn patched(base: &Value, patch: &Value) -> Value {
    let mut out = base.clone();
    for (k, v) in patch.as_object().unwrap() {
        match (out.get_mut(k), v) {
            (Some(Value::Object(inner)), Value::Object(p)) => inner.extend(p.clone()),
            (_, Value::Null) => {
                out.as_object_mut().unwrap().remove(k);
            }
            _ => {
                out[k] = v.clone();
            }
        }
    }
    out
}

#[test]
fn golden_params_for_every_vendor_create_and_update() {
    for g in goldens() {
        let (create, issues) = params(g.vendor, &g.spec, Operation::CreateTask);
        assert_eq!(create, g.create, "{} create", g.vendor);
        assert!(issues.is_empty(), "{} create: {issues:?}", g.vendor);
        let id = if g.vendor == "zxycall" { json!("77") } else { json!(77) };
        let (update, issues) = unified::task_params(vendor(g.vendor), &g.spec, Operation::UpdateTask, Some(&id), &ValidateOptions::default()).unwrap();
        assert_eq!(update, patched(&g.create, &g.update), "{} update", g.vendor);
        assert!(issues.is_empty(), "{} update: {issues:?}", g.vendor);
    }
}

#[test]
fn params_round_trip_to_the_spec() {
    for g in goldens() {
        let back = unified::task_spec(vendor(g.vendor), &g.create).unwrap();
        let mut want = without_options(&g.spec);
        // Datetimes come back in China time, with the offset.
        if let Some(at) = want.pointer_mut("/start/at").filter(|at| at.as_str().unwrap().contains('T')) {
            *at = json!(waihu::records::iso(at).unwrap());
        }
        assert_eq!(back, want, "{}", g.vendor);
    }
}

#[test]
fn details_read_back_as_specs() {
    // Tanyi getJobDetail (README.md [T-obt]): the job nested, the lines as objects, HH:mm:ss.
    let tanyi = json!({
        "robotCallJob": {"robotCallJobId": 1001, "name": "Spring", "mode": "MANUAL", "dailyStartTime": "09:00:00", "dailyEndTime": "20:00:00",
            "inactiveTimeList": [{"startTime": "12:00:00", "endTime": "13:00:00"}], "dialogFlowId": 139, "phoneType": "LANDLINE", "robotCount": 1,
            "concurrencyQuota": 2, "description": "d", "status": "NOT_STARTED", "createTime": "2024-05-01 10:00:00"},
        "jobPhoneNumberList": [{"tenantPhoneNumberId": 348, "phoneNumber": "0571"}], "completedTask": 0, "taskCallTotal": 0
    });
    assert_eq!(unified::task_spec(vendor("tanyi"), &tanyi).unwrap(), json!({
        "name": "Spring", "script": 139, "lines": [348], "lineType": "landline", "robots": 1, "concurrency": 2,
        "start": {"mode": "manual"}, "hours": {"start": "09:00", "end": "20:00"}, "breaks": [{"start": "12:00", "end": "13:00"}], "note": "d"
    }));
    // BYRobot getTaskDetail (README.md [B-obt]): jobName, jobType, callPhones, HH:mm:ss.
    let byrobot = json!({
        "callJobId": 2001, "jobName": "Spring", "jobType": 2, "workingStartTime": "09:00:00", "workingEndTime": "20:00:00",
        "breakStartTime": "12:00:00", "breakEndTime": "13:00:00", "status": 0, "remark": "r", "robotDefId": 1, "concurrencyQuota": 3, "callType": 0,
        "callPhones": [{"jobPhoneId": 1, "userPhoneId": 1, "callJobId": 2001, "phone": "138"}]
    });
    assert_eq!(unified::task_spec(vendor("byrobot"), &byrobot).unwrap(), json!({
        "name": "Spring", "script": 1, "lines": [1], "lineType": "mobile", "robots": 3, "start": {"mode": "manual"},
        "hours": {"start": "09:00", "end": "20:00"}, "breaks": [{"start": "12:00", "end": "13:00"}], "note": "r"
    }));
    // Itniotech taskList record.
    let itniotech = json!({"jobId": 3001, "name": "Spring", "dialogFlowId": 8663, "robotCount": 1, "mode": "MANUAL", "jobPhoneNumberId": 2959,
        "dailyStartDateTime": "09:00", "dailyEndDateTime": "20:00", "status": "NOT_STARTED", "taskTotal": 0});
    assert_eq!(unified::task_spec(vendor("itniotech"), &itniotech).unwrap(), json!({
        "name": "Spring", "script": 8663, "lines": [2959], "robots": 1, "start": {"mode": "manual"}, "hours": {"start": "09:00", "end": "20:00"}
    }));
    // ZXY task entity (README.md [Z-page]).
    let zxycall = json!({"uuid": "u1", "name": "测试任务", "start": 0, "maximumcall": 1, "remark": "第一个任务", "destination_extension": 297,
        "caller_line_id": "37d73edf-4628-4cf1-8beb-758433fd0aab", "recycle_limit": 0});
    assert_eq!(unified::task_spec(vendor("zxycall"), &zxycall).unwrap(), json!({
        "name": "测试任务", "script": 297, "lines": ["37d73edf-4628-4cf1-8beb-758433fd0aab"], "robots": 1, "note": "第一个任务"
    }));
}

#[test]
fn vendor_rules_report_at_spec_paths() {
    use IssueCode::*;
    let has = |got: &[(String, IssueCode, Severity)], path: &str, code: IssueCode| {
        assert!(got.iter().any(|(p, c, _)| p == path && *c == code), "{path} {code:?} not in {got:?}");
    };
    let no_vendor_paths = |v: &str, got: &[(String, IssueCode, Severity)]| {
        for (p, _, _) in got {
            let top = p.split(['.', '[']).next().unwrap();
            assert!(["name", "script", "lines", "lineType", "robots", "concurrency", "start", "end", "hours", "breaks", "days", "skipDates", "redial", "note", "vendorOptions", "id"].contains(&top), "{v}: {p}");
        }
    };

    let got = issues("tanyi", json!({
        "lines": [], "lineType": "landline", "robots": 0, "start": {"mode": "auto"}, "hours": {"start": "08:00", "end": "21:00"},
        "breaks": [{"start": "12:00", "end": "13:00"}, {"start": "12:30", "end": "14:00"}, {"start": "15:00", "end": "14:00"}],
        "redial": {"times": 11, "interval": 5, "on": ["busy"]}
    }));
    no_vendor_paths("tanyi", &got);
    for (path, code) in [
        ("name", Required), ("script", Required), ("lines", Required), ("robots", TooSmall), ("concurrency", Required), ("start.at", Required),
        ("hours.start", OutsideAllowedHours), ("hours.end", OutsideAllowedHours), ("breaks[1]", OverlappingWindows), ("breaks[2].end", RangeInverted),
        ("redial.times", TooBig), ("redial.interval", TooSmall),
    ] {
        has(&got, path, code);
    }
    let (_, full) = unified::task_params(vendor("tanyi"), &json!({"breaks": [{"start": "15:00", "end": "14:00"}]}), Operation::CreateTask, None, &ValidateOptions::default()).unwrap();
    let inverted = full.iter().find(|i| i.code == RangeInverted).unwrap();
    assert_eq!(inverted.message, "breaks[0].start must be before breaks[0].end");
    has(&issues("tanyi", json!({"lines": [1, 2], "lineType": "policyGroup"})), "lines", TooBig);

    let got = issues("byrobot", json!({
        "name": "x", "script": 1, "lines": [1], "robots": 1, "hours": {"start": "10:00", "end": "09:30"},
        "breaks": [{"start": "08:00", "end": "08:30"}], "redial": {"times": 6, "interval": 121, "on": ["busy", "poweredOff"]}
    }));
    no_vendor_paths("byrobot", &got);
    for (path, code) in [("vendorOptions.byrobot.companyId", Required), ("lineType", Required), ("hours.end", RangeInverted), ("redial.times", TooBig), ("redial.interval", TooBig)] {
        has(&got, path, code);
    }
    // One value copied into two rules reports once.
    assert_eq!(got.iter().filter(|(p, _, _)| p == "redial.times").count(), 1, "{got:?}");
    let ok = json!({"name": "x", "script": 1, "lines": [1], "lineType": "mobile", "robots": 2, "concurrency": 5, "hours": {"start": "09:00", "end": "20:00"},
        "breaks": [{"start": "08:00", "end": "08:30"}], "vendorOptions": {"byrobot": {"companyId": 1}}});
    has(&issues("byrobot", ok.clone()), "breaks[0].start", OutsideDailyWindow);
    has(&params("byrobot", &ok, Operation::UpdateTask).1, "concurrency", TooBig);

    let got = issues("itniotech", json!({
        "name": "x", "script": 1, "lines": [1], "start": {"mode": "auto", "at": "2024-05-02"}, "end": "2024-05-01",
        "hours": {"start": "08:00", "end": "20:00"}, "days": ["monday", "monday"], "skipDates": [{"start": "2024-05-03", "end": "2024-05-01"}],
        "redial": {"times": 4, "interval": 30, "on": ["busy"]}
    }));
    no_vendor_paths("itniotech", &got);
    for (path, code) in [("robots", Required), ("end", RangeInverted), ("hours.start", OutsideAllowedHours), ("days[1]", DuplicateValue), ("skipDates[0].end", RangeInverted), ("redial.times", TooBig)] {
        has(&got, path, code);
    }
    has(&issues("itniotech", json!({"start": {"mode": "auto"}})), "start.at", Required);

    let got = issues("zxycall", json!({"robots": 0, "vendorOptions": {"zxycall": {"call_pause_second": -1}}}));
    no_vendor_paths("zxycall", &got);
    for (path, code) in [("name", Required), ("script", Required), ("lines[0]", Required), ("robots", TooSmall), ("vendorOptions.zxycall.call_pause_second", TooSmall), ("vendorOptions.zxycall.auto_recycle_rule_id", Required)] {
        has(&got, path, code);
    }
    // The update's id is not in the spec.
    let (_, got) = params("zxycall", &json!({}), Operation::UpdateTask);
    has(&got, "id", InvalidType);
}

#[test]
fn every_unsupported_field_with_its_severity() {
    use Severity::{Error, Warning};
    let time_group = json!({"vendorOptions": {"zxycall": {"disable_dial_timegroup": "g", "auto_recycle_rule_id": 1}}});
    let cases: &[(&str, Value, &str, Severity, &str)] = &[
        ("tanyi", json!({"end": "2024-05-31"}), "end", Error, "no_field"),
        ("tanyi", json!({"days": ["monday"]}), "days", Error, "no_field"),
        ("tanyi", json!({"skipDates": [{"start": "2024-05-01", "end": "2024-05-01"}]}), "skipDates", Error, "no_field"),
        ("tanyi", json!({"breaks": [{"start": "10:00", "end": "10:30"}, {"start": "11:00", "end": "11:30"}, {"start": "12:00", "end": "12:30"}, {"start": "13:00", "end": "13:30"}]}), "breaks[3]", Error, "too_many"),
        ("tanyi", json!({"redial": {"on": ["vacant"]}}), "redial.on[0]", Error, "no_value"),
        ("byrobot", json!({"end": "2024-05-31"}), "end", Error, "no_field"),
        ("byrobot", json!({"days": ["monday"]}), "days", Error, "no_field"),
        ("byrobot", json!({"skipDates": []}), "skipDates", Error, "no_field"),
        ("byrobot", json!({"breaks": [{"start": "12:00", "end": "13:00"}, {"start": "17:00", "end": "17:30"}]}), "breaks[1]", Error, "too_many"),
        ("byrobot", json!({"start": {"mode": "auto", "at": "2024-05-01T10:00:00+08:00"}}), "start.at", Error, "date_only"),
        ("byrobot", json!({"lineType": "policyGroup"}), "lineType", Error, "no_value"),
        ("byrobot", json!({"redial": {"on": ["noAnswer"]}}), "redial.on[0]", Error, "no_value"),
        ("itniotech", json!({"lines": [1, 2]}), "lines[1]", Error, "too_many"),
        ("itniotech", json!({"lineType": "mobile"}), "lineType", Warning, "no_field"),
        ("itniotech", json!({"concurrency": 2}), "concurrency", Warning, "no_field"),
        ("itniotech", json!({"note": "n"}), "note", Warning, "no_field"),
        ("itniotech", json!({"skipDates": [{"start": "2024-05-01", "end": "2024-05-01"}, {"start": "2024-05-02", "end": "2024-05-02"}, {"start": "2024-05-03", "end": "2024-05-03"}, {"start": "2024-05-04", "end": "2024-05-04"}]}), "skipDates[3]", Error, "too_many"),
        ("zxycall", json!({"lines": ["a", "b"]}), "lines[1]", Error, "too_many"),
        ("zxycall", json!({"lineType": "mobile"}), "lineType", Warning, "no_field"),
        ("zxycall", json!({"concurrency": 2}), "concurrency", Warning, "no_field"),
        ("zxycall", json!({"start": {"mode": "auto"}}), "start.mode", Error, "no_value"),
        ("zxycall", json!({"start": {"at": "2024-05-01"}}), "start.at", Error, "no_field"),
        ("zxycall", json!({"end": "2024-05-01"}), "end", Error, "no_field"),
        ("zxycall", json!({"hours": {"start": "09:00", "end": "20:00"}}), "hours", Error, "vendor_option"),
        ("zxycall", json!({"breaks": []}), "breaks", Error, "vendor_option"),
        ("zxycall", json!({"days": []}), "days", Error, "vendor_option"),
        ("zxycall", json!({"skipDates": []}), "skipDates", Error, "vendor_option"),
        ("zxycall", json!({"redial": {"times": 1}}), "redial", Error, "vendor_option"),
    ];
    for (v, spec, path, severity, reason) in cases {
        let (_, all) = unified::task_params(vendor(v), spec, Operation::CreateTask, None, &ValidateOptions { locale: waihu::Locale::ZhCn, ..Default::default() }).unwrap();
        let found = all.iter().find(|i| i.code == IssueCode::UnsupportedField && i.path_string() == *path);
        let found = found.unwrap_or_else(|| panic!("{v} {path}: {all:?}"));
        assert_eq!((found.severity, found.params["reason"].as_str(), found.params["vendor"].as_str()), (*severity, Some(*reason), Some(*v)), "{v} {path}");
        assert!(found.message.contains(v) && !found.message.contains("has no"), "zh-CN: {}", found.message);
    }
    // With the time group and the redial rule given, ZXY's time fields and redial are harmless.
    for (field, value) in [("hours", json!({"start": "09:00", "end": "20:00"})), ("days", json!(["monday"])), ("redial", json!({"times": 1}))] {
        let mut spec = time_group.clone();
        spec[field] = value;
        let got = issues("zxycall", spec);
        assert!(got.iter().any(|(p, c, s)| p == field && *c == IssueCode::UnsupportedField && *s == Warning), "{field}: {got:?}");
    }
}

#[test]
fn the_spec_checks_itself() {
    let got = issues("itniotech", json!({"nam": "x", "hours": "09-20", "breaks": {}, "start": {"mode": "later", "at": "May 1"}, "days": ["mon"]}));
    for (path, code, severity) in [
        ("nam", IssueCode::UnrecognizedKey, Severity::Warning), ("hours", IssueCode::InvalidType, Severity::Error), ("breaks", IssueCode::InvalidType, Severity::Error),
        ("start.mode", IssueCode::InvalidEnum, Severity::Error), ("start.at", IssueCode::InvalidFormat, Severity::Error), ("days[0]", IssueCode::InvalidEnum, Severity::Error),
    ] {
        assert!(got.contains(&(path.to_string(), code, severity)), "{path}: {got:?}");
    }
    // Nothing is reported twice at one path, nor under a spec error.
    assert!(!got.iter().any(|(p, _, _)| p.starts_with("hours.")), "{got:?}");
}

#[test]
fn capabilities_cover_every_field() {
    for v in waihu::vendors::ALL {
        let caps = unified::capabilities(v).unwrap();
        let fields: Vec<&str> = caps.as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "script", "lines", "lineType", "robots", "concurrency", "start", "end", "hours", "breaks", "days", "skipDates", "redial", "note"]);
        for c in caps.as_array().unwrap() {
            let support = c["support"].as_str().unwrap();
            assert!(["supported", "limited", "vendorOptions", "unsupported"].contains(&support));
            assert_eq!(c.get("severity").is_some(), support != "supported", "{c}");
        }
    }
    let cap = |v: &str, f: &str| unified::capabilities(vendor(v)).unwrap().as_array().unwrap().iter().find(|c| c["field"] == f).cloned().unwrap();
    assert_eq!(cap("byrobot", "breaks"), json!({"field": "breaks", "support": "limited", "maximum": 1, "severity": "error"}));
    assert_eq!(cap("zxycall", "hours"), json!({"field": "hours", "support": "vendorOptions", "option": "disable_dial_timegroup", "severity": "error"}));
    assert_eq!(cap("itniotech", "note"), json!({"field": "note", "support": "unsupported", "severity": "warning"}));
    assert_eq!(cap("zxycall", "start")["values"], json!(["manual"]));
    assert_eq!(cap("byrobot", "start")["dateOnly"], json!(true));
}

/// The JSON records of a unified read.
fn read(text: Result<String, waihu::error::Error>) -> Vec<Value> {
    serde_json::from_str(&text.unwrap()).unwrap()
}

#[test]
fn replies_read_as_unified_records() {
    // Tanyi getJobs and getJobDetail.
    let page = json!({"number": 1, "pageSize": 20, "totalElements": 1, "pages": 1, "content": [
        {"robotCallJobId": 1001, "name": "Spring", "status": "USER_PAUSE", "completedTask": 3, "taskCallTotal": 10, "createTime": "2019-05-07 15:15"}
    ]});
    let tasks = read(unified::tasks(vendor("tanyi"), &page));
    assert_eq!(tasks, vec![json!({"id": "1001", "name": "Spring", "status": "paused", "rawStatus": "USER_PAUSE",
        "counts": {"total": 10, "called": 3, "answered": null}, "createdAt": "2019-05-07T15:15:00+08:00"})]);
    let detail = json!({"robotCallJob": {"robotCallJobId": 1001, "name": "Spring", "status": "IN_PROCESS", "createTime": "2019-05-07 15:15:40"}, "completedTask": 1, "taskCallTotal": 2});
    let (t, _) = unified::task(vendor("tanyi"), &detail, "1001").unwrap().unwrap();
    let t: Value = serde_json::from_str(&t).unwrap();
    assert_eq!((t["status"].clone(), t["counts"]["called"].clone(), t["createdAt"].clone()), (json!("running"), json!(1), json!("2019-05-07T15:15:40+08:00")));
    assert!(unified::task(vendor("tanyi"), &detail, "1002").unwrap().is_none());

    // Tanyi callDetail: the record nested, the dialogue beside it, ISO without a zone.
    let call = json!({"callRecord": {"callRecordId": 70001, "robotCallJobId": 1001, "calledPhoneNumber": "13800138000", "resultStatus": "ANSWERED",
        "intentLevel": "B", "startTime": "2018-10-02T16:54:08", "chatDuration": 42, "fullAudioUrl": "https://a/1.wav", "properties": {"amount": "12"}},
        "callDetailList": [{"text": "您好", "type": "ROBOT"}, {"text": "嗯", "type": "PERSON"}]});
    assert_eq!(read(unified::calls(vendor("tanyi"), &call, None)), vec![json!({"callId": "70001", "taskId": "1001", "phone": "13800138000",
        "outcome": "answered", "rawOutcome": "ANSWERED", "intent": "B", "startedAt": "2018-10-02T16:54:08+08:00", "durationSeconds": 42,
        "transcript": [{"speaker": "ai", "text": "您好"}, {"speaker": "customer", "text": "嗯"}], "recordingUrl": "https://a/1.wav", "properties": {"amount": "12"}})]);

    // BYRobot queryDoneTaskPhones (README.md [B-obt]'s example) and phoneLogInfo.
    let page = json!({"pageNum": 1, "list": [{"callInstanceId": 493, "callJobId": 62, "customerTelephone": "1008", "finishStatus": 0, "duration": "27秒",
        "startTime": "2017-10-25 11:32:54", "luyinOssUrl": "https://b/493.mp3", "resultList": [{"name": "客户意向等级", "value": "A级(较强)"}]}]});
    let c = &read(unified::calls(vendor("byrobot"), &page, Some("62")))[0];
    assert_eq!((c["durationSeconds"].clone(), c["intent"].clone(), c["recordingUrl"].clone(), c["startedAt"].clone()), (json!(27), json!("A"), json!("https://b/493.mp3"), json!("2017-10-25T11:32:54+08:00")));
    assert!(read(unified::calls(vendor("byrobot"), &page, Some("63"))).is_empty());
    let detail = json!({"phoneLog": {"phoneLogs": [{"speaker": "AI", "content": "您好"}, {"speaker": "ME", "content": "喂"}], "luyinOssUrl": "https://b/540.wav"},
        "sceneInstance": {"callInstanceId": 540, "callJobId": 31, "customerTelephone": "17751279857", "finishStatus": 22, "duration": 87, "properties": "{\"k\":\"v\"}"},
        "taskResult": [{"resultName": "客户意向等级", "resultValue": "C级(无法判断)"}]});
    let c = &read(unified::calls(vendor("byrobot"), &detail, None))[0];
    assert_eq!((c["outcome"].clone(), c["rawOutcome"].clone(), c["intent"].clone(), c["transcript"].as_array().unwrap().len(), c["properties"]["k"].clone()),
        (json!("unreachable"), json!(22), json!("C"), 2, json!("v")));
    assert_eq!((c["callId"].clone(), c["recordingUrl"].clone()), (json!("540"), json!("https://b/540.wav")));
    let tasks = read(unified::tasks(vendor("byrobot"), &json!({"list": [{"callJobId": 2001, "jobName": "t", "status": 7, "totalCount": 2, "doneCount": 2, "calledCount": 1}]})));
    assert_eq!((tasks[0]["status"].clone(), tasks[0]["counts"].clone()), (json!("queued"), json!({"total": 2, "called": 2, "answered": 1})));

    // Itniotech recordQuery (filtered by task) and the pushed record's epoch seconds.
    let page = json!({"records": [{"callId": 9, "callJobId": 3001, "calledPhoneNumber": "1", "resultStatus": "BUSY", "startTime": "2022-09-01 10:00:00", "chatDuration": 0},
        {"callId": 10, "callJobId": 3002, "resultStatus": "ANSWERED"}]});
    let calls = read(unified::calls(vendor("itniotech"), &page, Some("3001")));
    assert_eq!((calls.len(), calls[0]["outcome"].clone()), (1, json!("busy")));
    let pushed = json!({"callId": "c1", "robotCallJobId": 3001, "resultStatus": "NO_ANSWER", "startTime": 1_661_997_600});
    assert_eq!(read(unified::calls(vendor("itniotech"), &pushed, None))[0]["startedAt"], "2022-09-01T10:00:00+08:00");
    // An item without its id is no record.
    assert!(read(unified::calls(vendor("itniotech"), &json!({"records": [{"resultStatus": "BUSY"}]}), None)).is_empty());

    // ZXY's list.
    let list = json!({"data": [{"uuid": "u1", "name": "测试任务", "start": 1, "create_datetime": "2021-03-02 10:00:00", "progress_bar": {"total": 5, "progress": 2, "percent": 40}}]});
    let t = &read(unified::tasks(vendor("zxycall"), &list))[0];
    assert_eq!((t["status"].clone(), t["counts"].clone(), t["createdAt"].clone()), (json!("running"), json!({"total": 5, "called": 2, "answered": null}), json!("2021-03-02T10:00:00+08:00")));
    assert!(unified::calls(vendor("zxycall"), &json!({}), None).is_err(), "ZXY documents no call records");

    // A create reply's task: the reply names it, or is its id.
    let id = |v: &str, reply: Value| read(unified::tasks(vendor(v), &reply))[0]["id"].clone();
    assert_eq!(id("tanyi", json!({"robotCallJobId": 139})), "139");
    assert_eq!(id("byrobot", json!(67)), "67");
    assert_eq!(id("itniotech", json!("3001")), "3001");
    assert_eq!(id("zxycall", json!({"uuid": "u9", "name": "x"})), "u9");
}

#[test]
fn queries_put_the_id_and_the_paging_in_place() {
    let q = |v: &str, op, id: Value, p: Value| unified::query(vendor(v), op, Some(&id), &p).unwrap();
    assert_eq!(q("tanyi", Operation::GetTask, json!(7), json!(null)), (Operation::GetTask, json!({"robotCallJobId": 7})));
    assert_eq!(q("byrobot", Operation::GetTask, json!(7), json!({"companyId": 1})), (Operation::GetTask, json!({"taskId": 7, "companyId": 1})));
    assert_eq!(q("byrobot", Operation::ListCalls, json!(7), json!({"pageSize": 50})), (Operation::ListCalls, json!({"callJobId": 7, "pageSize": 50})));
    // No getTask: the list, with the paging it requires.
    assert_eq!(q("itniotech", Operation::GetTask, json!(7), json!({"size": 10})), (Operation::ListTasks, json!({"current": 1, "size": 10})));
    assert_eq!(q("zxycall", Operation::GetTask, json!("u"), json!(null)), (Operation::ListTasks, json!({})));
    assert!(unified::query(vendor("zxycall"), Operation::ListCalls, None, &json!({})).is_err());
}
