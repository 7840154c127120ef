//! Import planning and the per-row report (src/import.rs): chunks at the vendor's limit,
//! unified rows mapped, invalid rows reported by index or skipped, duplicates dropped, and a
//! fold that puts every row in exactly one list.

use serde_json::{json, Value};
use waihu::import::{plan, ChunkOutcome, ImportOptions, RowRejection};
use waihu::{Error, Vendor};

fn vendor(id: &str) -> Vendor {
    waihu::vendors::parse(id).unwrap()
}


fn rows(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"name": format!("c{i}"), "phone": format!("138{i:08}")})).collect())
}

#[test]
fn chunks_at_the_vendor_limit_and_maps_unified_rows() {
    let p = plan(vendor("tanyi"), &json!(7), rows(250), &ImportOptions::default()).unwrap();
    assert_eq!(p.chunks.iter().map(|c| c.rows.len()).collect::<Vec<_>>(), vec![100, 100, 50]);
    assert_eq!(p.chunks[2].params["customerPersons"][0], json!({"name": "c200", "phoneNumber": "13800000200"}));
    assert_eq!(p.chunks[0].params["robotCallJobId"], json!(7));
    let p = plan(vendor("tanyi"), &json!(7), rows(250), &ImportOptions { chunk_size: Some(1000), ..Default::default() }).unwrap();
    assert_eq!(p.chunks.len(), 3, "never above the vendor's limit");
    let p = plan(vendor("byrobot"), &json!(7), rows(250), &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
    assert_eq!(p.chunks.len(), 1);
    assert_eq!(p.chunks[0].params["companyId"], json!(1));
}

#[test]
fn reports_every_invalid_row_by_index_or_skips_them() {
    let mut input = rows(5);
    input[1]["phone"] = json!("nope");
    input[3] = json!({"name": "no phone"});
    let err = plan(vendor("tanyi"), &json!(7), input.clone(), &ImportOptions::default()).unwrap_err();
    let Error::ValidationError { issues, .. } = err else { panic!() };
    assert_eq!(issues.iter().map(|i| i.path_string()).collect::<Vec<_>>(), vec!["[1].phoneNumber", "[3].phoneNumber"]);
    let p = plan(vendor("tanyi"), &json!(7), input.clone(), &ImportOptions { skip_invalid: true, ..Default::default() }).unwrap();
    assert_eq!(p.rejected.iter().map(|r| (r.row, r.code.as_str())).collect::<Vec<_>>(), vec![(1, "invalid_phone"), (3, "required")]);
    assert_eq!(p.chunks[0].rows, vec![0, 2, 4]);
}

#[test]
fn duplicates_are_dropped_not_fatal() {
    let mut input = rows(3);
    input[2]["phone"] = json!("138-0000-0000");
    let p = plan(vendor("tanyi"), &json!(7), input.clone(), &ImportOptions::default()).unwrap();
    assert_eq!(p.rejected, vec![RowRejection { row: 2, code: "duplicate_value".into(), reason: "phoneNumber: Duplicate of item 0".into(), retryable: false }]);
    assert_eq!(p.chunks[0].rows, vec![0, 1]);
}

#[test]
fn the_task_id_and_call_level_fields_always_fail() {
    assert!(plan(vendor("tanyi"), &Value::Null, rows(2), &ImportOptions { skip_invalid: true, ..Default::default() }).is_err());
    let e = plan(vendor("byrobot"), &json!(7), rows(2), &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "companyId"));
    assert!(plan(vendor("tanyi"), &json!(7), json!({}), &ImportOptions::default()).is_err());
}

#[test]
fn fold_accounts_for_every_row() {
    let mut input = rows(7);
    input[6] = json!({"name": "no phone"});
    let p = plan(vendor("itniotech"), &json!(7), input.clone(), &ImportOptions { chunk_size: Some(2), skip_invalid: true, ..Default::default() }).unwrap();
    let outcomes = vec![
        ChunkOutcome::Applied { data: json!([{"phoneNumber": "13800000001"}]) },
        ChunkOutcome::Unknown { reason: "timeout".into() },
        ChunkOutcome::Rejected { code: "-5".into(), message: "系统异常".into(), retryable: true },
    ];
    let r = p.fold(&outcomes);
    assert_eq!(r.imported, vec![0]);
    assert_eq!(r.rejected.iter().map(|x| x.row).collect::<Vec<_>>(), vec![1, 4, 5, 6]);
    assert_eq!(r.unknown.iter().map(|x| x.row).collect::<Vec<_>>(), vec![2, 3]);
    assert!(r.not_sent.is_empty());
    assert_eq!(r.resume.rows, vec![2, 3, 4, 5]);
    assert!(!r.resume.safe_to_resend);
    let accounted = r.imported.len() + r.rejected.len() + r.unknown.len() + r.not_sent.len();
    assert_eq!(accounted, 7);
    let r = p.fold(&[]);
    assert_eq!(r.not_sent, vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn counted_failures_without_names_make_the_chunk_unknown() {
    let p = plan(vendor("byrobot"), &json!(7), rows(3), &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
    let r = p.fold(&[ChunkOutcome::Applied { data: json!({"successNum": 2, "repeatNum": 0, "placeFailNum": 1}) }]);
    assert_eq!(r.unknown.len(), 3);
    assert!(r.resume.safe_to_resend);
    let r = p.fold(&[ChunkOutcome::Applied { data: json!({"successNum": 2, "repeatNum": 1, "placeFailNum": 0}) }]);
    assert_eq!(r.imported, vec![0, 1, 2]);
}

/// Issue 12 item 23 (mutants in `plan` survived): issues about the whole call — a task id of 0,
/// a blank `appId`, a `companyId` of 0 — fail the plan even with `skip_invalid`, while the
/// per-call row limit (`too_big` / `too_small` on the rows' list) is what chunking handles.
#[test]
fn call_level_limits_fail_the_plan_but_the_row_limit_is_chunked() {
    let extra = |v: Value| ImportOptions { extra: v.as_object().cloned().unwrap_or_default(), skip_invalid: true, ..Default::default() };
    for (v, task, opts, path) in [
        ("tanyi", json!(0), extra(json!({})), "robotCallJobId"),
        ("itniotech", json!(7), extra(json!({"appId": " "})), "appId"),
        ("byrobot", json!(7), extra(json!({"companyId": 0})), "companyId"),
    ] {
        let e = plan(vendor(v), &task, rows(3), &opts).unwrap_err();
        let Error::ValidationError { issues, .. } = e else { panic!("{v}") };
        assert_eq!(issues.iter().map(|i| (i.path_string(), i.code.as_str())).collect::<Vec<_>>(), vec![(path.to_string(), "too_small")], "{v}");
    }
    // 250 rows are more than Itniotech's 100 a call: chunked, not refused; none is an error.
    let p = plan(vendor("itniotech"), &json!(7), rows(250), &ImportOptions::default()).unwrap();
    assert_eq!((p.chunks.len(), p.rejected.len()), (3, 0));
    // No rows at all is nothing to do, not an error.
    assert_eq!(plan(vendor("tanyi"), &json!(7), json!([]), &ImportOptions::default()).unwrap().chunks.len(), 0);
}

/// The plan's messages follow `locale` (issue 12 item 23: zh-CN import messages were untested).
#[test]
fn import_messages_follow_the_locale() {
    let zh = |skip_invalid| ImportOptions { locale: waihu::Locale::ZhCn, skip_invalid, ..Default::default() };
    let Error::ValidationError { issues, .. } = plan(vendor("tanyi"), &json!(7), json!({"not": "a list"}), &zh(false)).unwrap_err() else { panic!() };
    assert_eq!(issues[0].message, "类型错误，应为数组");
    let Error::ValidationError { issues, .. } = plan(vendor("tanyi"), &json!(0), rows(1), &zh(true)).unwrap_err() else { panic!() };
    assert_eq!(issues[0].message, "不能小于 1");
    let mut input = rows(3);
    input[1]["phone"] = json!("nope");
    input[2]["phone"] = input[0]["phone"].clone();
    let p = plan(vendor("tanyi"), &json!(7), input, &zh(true)).unwrap();
    let reasons: Vec<_> = p.rejected.iter().map(|r| (r.row, r.reason.as_str())).collect();
    assert_eq!(reasons, vec![(1, "phoneNumber: 不是有效的电话号码"), (2, "phoneNumber: 与第 0 项重复")]);
    let Error::ValidationError { issues, .. } = plan(vendor("tanyi"), &json!(7), json!([{"phone": "nope"}]), &ImportOptions::default()).unwrap_err() else { panic!() };
    assert_eq!(issues[0].message, "Not a valid phone number");
}

/// BYRobot drops a phone a task already holds, duplicates within a batch included (README.md
/// [B-task] 重复号码自动去重): a duplicate is a warning there, so the row is sent, not rejected.
#[test]
fn byrobot_duplicates_are_sent_for_the_vendor_to_drop() {
    let mut input = rows(3);
    input[2]["phone"] = input[0]["phone"].clone();
    let p = plan(vendor("byrobot"), &json!(7), input, &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
    assert!(p.rejected.is_empty());
    assert_eq!(p.chunks[0].rows, vec![0, 1, 2]);
}
