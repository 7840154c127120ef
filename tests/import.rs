//! Import planning and the per-row report (src/import/): the streaming planner (NDJSON and CSV
//! text in pieces of any size; chunks at the vendor's limit, unified rows mapped, invalid rows
//! reported by index or skipped, duplicates across the whole list dropped) and the fold that
//! puts every row in exactly one list.

use serde_json::{json, Value};
use waihu::import::{report, Chunk, ChunkOutcome, Format, ImportOptions, ImportReport, Planner, RowRejection, Sent};
use waihu::{Error, Vendor};

fn vendor(id: &str) -> Vendor {
    waihu::vendors::parse(id).unwrap()
}

fn rows(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"name": format!("c{i}"), "phone": format!("138{i:08}")})).collect())
}

/// What a plan gave: every chunk and the rows rejected before sending.
#[derive(Debug)]
struct Plan {
    vendor: Vendor,
    total: usize,
    chunks: Vec<Chunk>,
    rejected: Vec<RowRejection>,
}

impl Plan {
    fn params(&self, i: usize) -> Value {
        serde_json::from_str(&self.chunks[i].body).unwrap()
    }

    /// Each chunk's input rows (those of `first..end` not rejected before sending).
    fn rows(&self, i: usize) -> Vec<usize> {
        let c = &self.chunks[i];
        (c.first..c.end).filter(|r| !self.rejected.iter().any(|x| x.row == *r)).collect()
    }

    fn fold(&self, outcomes: &[ChunkOutcome]) -> ImportReport {
        let sent: Vec<Sent> = self.chunks.iter().enumerate().map(|(i, c)| Sent { first: c.first, end: c.end, outcome: outcomes.get(i) }).collect();
        report(self.total, vendor_dedupes(self.vendor), &self.rejected, &sent, waihu::issue::Locale::En)
    }
}

fn vendor_dedupes(v: Vendor) -> bool {
    v.import_shape().is_some_and(|s| s.dedupes)
}

/// Plans `text` fed in pieces of `piece` bytes (cut at char boundaries), taking what is planned
/// after every piece, as a streaming sender does.
fn plan_text(v: Vendor, task: &Value, text: &str, format: Format, options: &ImportOptions, piece: usize) -> Result<Plan, Error> {
    let mut p = Planner::new(v, task, options, format)?;
    let (mut chunks, mut rejected) = (vec![], vec![]);
    let mut rest = text;
    while !rest.is_empty() {
        let mut at = piece.min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (head, tail) = rest.split_at(at);
        p.text(head)?;
        let (c, r) = p.take();
        chunks.extend(c);
        rejected.extend(r);
        rest = tail;
    }
    p.end()?;
    let (c, r) = p.take();
    chunks.extend(c);
    rejected.extend(r);
    assert_eq!(p.chunk_count(), chunks.len());
    assert_eq!(p.rejected_count(), rejected.len());
    Ok(Plan { vendor: v, total: p.total(), chunks, rejected })
}

fn ndjson(rows: &Value) -> String {
    rows.as_array().unwrap().iter().map(|r| r.to_string() + "\n").collect()
}

fn plan(v: Vendor, task: &Value, rows: Value, options: &ImportOptions) -> Result<Plan, Error> {
    let text = ndjson(&rows);
    let a = plan_text(v, task, &text, Format::Ndjson, options, 1 << 20);
    // The same in small pieces: rows and lines cut anywhere plan the same.
    let b = plan_text(v, task, &text, Format::Ndjson, options, 7);
    match (&a, &b) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.chunks, b.chunks);
            assert_eq!(a.rejected, b.rejected);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("pieces changed the plan"),
    }
    a
}

fn extra(v: Value) -> ImportOptions {
    ImportOptions { extra: v.as_object().cloned().unwrap_or_default(), ..Default::default() }
}

#[test]
fn chunks_at_the_vendor_limit_and_maps_unified_rows() {
    let p = plan(vendor("tanyi"), &json!(7), rows(250), &ImportOptions::default()).unwrap();
    assert_eq!(p.chunks.iter().map(|c| c.rows).collect::<Vec<_>>(), vec![100, 100, 50]);
    assert_eq!(p.params(2)["customerPersons"][0], json!({"name": "c200", "phoneNumber": "13800000200"}));
    assert_eq!(p.params(0)["robotCallJobId"], json!(7));
    assert_eq!((p.chunks[1].first, p.chunks[1].end, p.chunks[1].n), (100, 200, 1));
    let p = plan(vendor("tanyi"), &json!(7), rows(250), &ImportOptions { chunk_size: Some(1000), ..Default::default() }).unwrap();
    assert_eq!(p.chunks.len(), 3, "never above the vendor's limit");
    let p = plan(vendor("byrobot"), &json!(7), rows(250), &extra(json!({"companyId": 1}))).unwrap();
    assert_eq!(p.chunks.len(), 1);
    assert_eq!(p.params(0)["companyId"], json!(1));
}

/// Issue 12 item 20: the vendors take script variables as strings; a unified row's numeric and
/// boolean properties are sent in their string form (what the type allows is what is sent).
#[test]
fn scalar_properties_are_sent_as_strings() {
    let input = json!([{"phone": "13800000001", "properties": {"amount": 12, "vip": true, "rate": 1.5, "note": "x"}}]);
    for v in ["tanyi", "zxycall"] {
        let task = if v == "zxycall" { json!("t1") } else { json!(7) };
        let p = plan(vendor(v), &task, input.clone(), &ImportOptions::default()).unwrap();
        let list = vendor(v).import_shape().unwrap().list_key;
        assert_eq!(p.params(0)[list][0]["properties"], json!({"amount": "12", "vip": "true", "rate": "1.5", "note": "x"}), "{v}");
        assert!(p.rejected.is_empty(), "{v}");
    }
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
    assert_eq!(p.rows(0), vec![0, 2, 4]);
}

#[test]
fn invalid_rows_in_later_windows_keep_their_index_and_lines_that_are_not_json_are_rows() {
    let mut input = rows(305);
    input[250]["phone"] = json!("nope");
    let mut text = ndjson(&input);
    text.push_str("{not json\n\n");
    let options = ImportOptions { skip_invalid: true, ..Default::default() };
    let p = plan_text(vendor("tanyi"), &json!(7), &text, Format::Ndjson, &options, 64).unwrap();
    assert_eq!(p.total, 306, "a blank line is no row");
    assert_eq!(p.rejected.iter().map(|r| (r.row, r.code.as_str())).collect::<Vec<_>>(), vec![(250, "invalid_phone"), (305, "invalid_type")]);
    assert_eq!(p.chunks.iter().map(|c| c.rows).collect::<Vec<_>>(), vec![100, 100, 100, 4]);
    let Error::ValidationError { issues, .. } = plan_text(vendor("tanyi"), &json!(7), &text, Format::Ndjson, &ImportOptions::default(), 64).unwrap_err() else { panic!() };
    assert_eq!(issues.iter().map(|i| i.path_string()).collect::<Vec<_>>(), vec!["[250].phoneNumber", "[305]"]);
}

#[test]
fn duplicates_are_dropped_not_fatal() {
    let mut input = rows(3);
    input[2]["phone"] = json!("138-0000-0000");
    let p = plan(vendor("tanyi"), &json!(7), input.clone(), &ImportOptions::default()).unwrap();
    assert_eq!(p.rejected, vec![RowRejection { duplicate_of: Some(0), ..RowRejection::new(2, "duplicate_value".into(), "phoneNumber: Duplicate of item 0".into(), false) }]);
    assert_eq!(p.rows(0), vec![0, 1]);
}

/// Issue 12 item 16: one person written four ways is one customer, across the whole list (here
/// in different chunks), in NDJSON and CSV alike; what is sent stays as written.
#[test]
fn duplicate_phones_across_spellings_and_chunks() {
    let mut input = rows(400);
    for (i, p) in [(0, "13300000002"), (150, "+86 13300000002"), (250, "8613300000002"), (399, "008613300000002")] {
        input[i]["phone"] = json!(p);
    }
    let p = plan(vendor("tanyi"), &json!(7), input.clone(), &ImportOptions::default()).unwrap();
    assert_eq!(p.rejected.iter().map(|r| r.row).collect::<Vec<_>>(), vec![150, 250, 399]);
    assert_eq!(p.params(0)["customerPersons"][0]["phoneNumber"], json!("13300000002"));
    let mut csv = String::from("name,phone\n");
    for r in input.as_array().unwrap() {
        csv += &format!("{},{}\n", r["name"].as_str().unwrap(), r["phone"].as_str().unwrap());
    }
    let c = plan_text(vendor("tanyi"), &json!(7), &csv, Format::Csv, &ImportOptions::default(), 333).unwrap();
    assert_eq!(c.rejected, p.rejected);
    assert_eq!(c.chunks, p.chunks);
}

#[test]
fn csv_rows_plan_as_their_unified_rows() {
    // RFC 4180: quoted commas, quotes and line breaks; CRLF; a BOM; blank lines; properties from
    // the other named columns, empty cells left out.
    let csv = "\u{feff}姓名,手机,amount,note\r\n\"Li, \"\"Big\"\"\",139 0000 0001,12,\"two\r\nlines\"\r\n\r\nWang,13900000002,,\r\n,13900000003,7";
    let p = plan_text(vendor("tanyi"), &json!(7), csv, Format::Csv, &ImportOptions::default(), 5).unwrap();
    assert_eq!(p.total, 3);
    assert_eq!(
        p.params(0)["customerPersons"],
        json!([
            {"name": "Li, \"Big\"", "phoneNumber": "139 0000 0001", "properties": {"amount": "12", "note": "two\r\nlines"}},
            {"name": "Wang", "phoneNumber": "13900000002"},
            {"phoneNumber": "13900000003", "properties": {"amount": "7"}}
        ])
    );
    let text = waihu::import::csv_customers(csv).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()[0]["phone"], json!("139 0000 0001"));
    // A header without a phone column fails the plan with an issue on `phone`.
    let Error::ValidationError { issues, .. } = plan_text(vendor("tanyi"), &json!(7), "a,b\n1,2\n", Format::Csv, &ImportOptions::default(), 100).unwrap_err() else { panic!() };
    assert_eq!((issues[0].path_string(), issues[0].code.as_str()), ("phone".into(), "required"));
    assert_eq!(waihu::import::csv_customers("a,b\n1,2\n"), None);
    assert_eq!(plan_text(vendor("tanyi"), &json!(7), "", Format::Csv, &ImportOptions::default(), 100).unwrap().total, 0);
}

#[test]
fn the_task_id_and_call_level_fields_always_fail() {
    assert!(plan(vendor("tanyi"), &Value::Null, rows(2), &ImportOptions { skip_invalid: true, ..Default::default() }).is_err());
    let e = plan(vendor("byrobot"), &json!(7), rows(2), &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "companyId"));
}

#[test]
fn fold_accounts_for_every_row() {
    let mut input = rows(7);
    input[6] = json!({"name": "no phone"});
    let p = plan(vendor("itniotech"), &json!(7), input.clone(), &ImportOptions { chunk_size: Some(2), skip_invalid: true, ..Default::default() }).unwrap();
    let outcomes = vec![
        ChunkOutcome::of_reply(vendor("itniotech"), &p.params(0), &json!([{"phoneNumber": "13800000001"}])),
        ChunkOutcome::Unknown { reason: "timeout".into() },
        ChunkOutcome::Rejected { code: "-5".into(), message: "系统异常".into(), retryable: true },
    ];
    assert_eq!(outcomes[0], ChunkOutcome::Applied { failed: vec![1] });
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
fn outcomes_round_trip_as_json_with_their_ledger_status() {
    for (o, status) in [
        (ChunkOutcome::Applied { failed: vec![1, 3] }, "applied"),
        (ChunkOutcome::Rejected { code: "-5".into(), message: "m \"q\"".into(), retryable: true }, "queued"),
        (ChunkOutcome::Rejected { code: "-5".into(), message: "m".into(), retryable: false }, "rejected"),
        (ChunkOutcome::Unknown { reason: "timeout".into() }, "unknown"),
        (ChunkOutcome::NotSent, "queued"),
    ] {
        let text = o.to_json();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["status"], json!(status), "{text}");
        assert_eq!(ChunkOutcome::read(&waihu::json::Json::from_str(&text).unwrap()), Some(o));
    }
    assert_eq!(ChunkOutcome::read(&waihu::json::Json::from_str(r#"{"kind":"done"}"#).unwrap()), None);
}

#[test]
fn counted_failures_without_names_make_the_chunk_unknown() {
    let by = vendor("byrobot");
    let p = plan(by, &json!(7), rows(3), &extra(json!({"companyId": 1}))).unwrap();
    let r = p.fold(&[ChunkOutcome::of_reply(by, &p.params(0), &json!({"successNum": 2, "repeatNum": 0, "placeFailNum": 1}))]);
    assert_eq!(r.unknown.len(), 3);
    assert!(r.resume.safe_to_resend);
    let r = p.fold(&[ChunkOutcome::of_reply(by, &p.params(0), &json!({"successNum": 2, "repeatNum": 1, "placeFailNum": 0}))]);
    assert_eq!(r.imported, vec![0, 1, 2]);
}

/// A repeated phone's rejection names the row it repeats (`duplicateOf`, from 0 like `row`),
/// and carries it through a sender's state: a page numbers rows, not the reason's words.
#[test]
fn duplicates_name_their_first_row() {
    let mut input = rows(4);
    input[3]["phone"] = input[1]["phone"].clone();
    let p = plan(vendor("tanyi"), &json!(7), input, &ImportOptions { chunk_size: Some(2), ..Default::default() }).unwrap();
    assert_eq!(p.rejected.iter().map(|r| (r.row, r.duplicate_of)).collect::<Vec<_>>(), vec![(3, Some(1))]);
    let mut state = format!("{{\"total\":{},\"rejected\":[", p.total);
    for r in &p.rejected {
        let mut s = String::new();
        r.write(&mut s);
        assert_eq!(s, serde_json::to_string(r).unwrap());
        assert!(s.ends_with(",\"duplicateOf\":1}"), "{s}");
        state += &s;
    }
    state += "],\"chunks\":[]}";
    let got = waihu::import::report::report_of_state(vendor("tanyi"), &waihu::json::Json::from_str(&state).unwrap()).unwrap();
    assert_eq!(got.rejected, p.rejected);
    let other = RowRejection::new(0, "invalid_format".into(), "x".into(), false);
    assert_eq!(serde_json::to_string(&other).unwrap(), r#"{"row":0,"code":"invalid_format","reason":"x","retryable":false}"#);
}

/// A report from a sender's state (what `client.importCustomers` and a queue's ledger keep).
#[test]
fn report_of_state_is_the_fold() {
    let mut input = rows(5);
    input[1]["phone"] = json!("nope");
    let p = plan(vendor("tanyi"), &json!(7), input, &ImportOptions { chunk_size: Some(1), skip_invalid: true, ..Default::default() }).unwrap();
    let outcomes = [ChunkOutcome::Applied { failed: vec![] }, ChunkOutcome::Unknown { reason: "t".into() }];
    let mut state = format!("{{\"total\":{},\"rejected\":[", p.total);
    for (i, r) in p.rejected.iter().enumerate() {
        let mut s = String::new();
        r.write(&mut s);
        state += &(if i > 0 { "," } else { "" }.to_string() + &s);
    }
    state += "],\"chunks\":[";
    for (i, c) in p.chunks.iter().enumerate() {
        let o = outcomes.get(i).map_or("null".to_string(), |o| o.to_json());
        state += &format!("{}[{},{},{o}]", if i > 0 { "," } else { "" }, c.first, c.end);
    }
    state += "]}";
    let got = waihu::import::report::report_of_state(vendor("tanyi"), &waihu::json::Json::from_str(&state).unwrap()).unwrap();
    assert_eq!(got, p.fold(&outcomes));
    assert_eq!((got.imported, got.not_sent), (vec![0], vec![3, 4]));
    assert!(waihu::import::report::report_of_state(vendor("tanyi"), &waihu::json::Json::from_str("{}").unwrap()).is_none());
    // The texts waihu writes follow the state's locale (English by default).
    assert!(got.resume.note.starts_with("Some rows may already be in the task"), "{}", got.resume.note);
    let zh = state.replacen('{', "{\"locale\":\"zh-CN\",", 1);
    let got = waihu::import::report::report_of_state(vendor("tanyi"), &waihu::json::Json::from_str(&zh).unwrap()).unwrap();
    assert!(got.resume.note.starts_with("部分行可能已在任务中"), "{}", got.resume.note);
    let accepted = r#"{"locale":"zh-CN","total":2,"rejected":[],"chunks":[[0,2,{"kind":"applied","failed":[1]}]]}"#;
    let got = waihu::import::report::report_of_state(vendor("tanyi"), &waihu::json::Json::from_str(accepted).unwrap()).unwrap();
    assert_eq!((got.rejected[0].reason.as_str(), got.resume.note.as_str()), ("供应商返回该行失败", "无需重发。"));
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

/// The call's own members are checked once, when the plan starts (`Planner::new`, before any
/// row arrives): a task id of 0 fails the import of no rows at all, and a list of many windows
/// reports a blank `appId` once, not once a window. (cargo-mutants' `key == list` → `true` in
/// the row arm of `check_window` survives as an equivalent: no call-level member of any
/// vendor's import is a list, so no call-level issue has a `[key, index, …]` path.)
#[test]
fn call_level_issues_fail_the_start_and_are_reported_once() {
    let skip = ImportOptions { skip_invalid: true, ..Default::default() };
    let Err(Error::ValidationError { issues, .. }) = Planner::new(vendor("tanyi"), &json!(0), &skip, Format::Ndjson) else { panic!("a task id of 0 must fail at the start") };
    assert_eq!(issues.iter().map(|i| (i.path_string(), i.code.as_str())).collect::<Vec<_>>(), vec![("robotCallJobId".into(), "too_small")]);
    assert!(plan(vendor("tanyi"), &json!(0), json!([]), &skip).is_err());
    let blank = ImportOptions { extra: json!({"appId": " "}).as_object().cloned().unwrap_or_default(), chunk_size: Some(10), ..skip };
    let Error::ValidationError { issues, .. } = plan(vendor("itniotech"), &json!(7), rows(35), &blank).unwrap_err() else { panic!() };
    assert_eq!(issues.iter().map(|i| (i.path_string(), i.code.as_str())).collect::<Vec<_>>(), vec![("appId".into(), "too_small")]);
}

/// A failed plan lists at most `MAX_ISSUES` row issues, the first ones, whatever the list.
#[test]
fn a_failed_plan_keeps_the_first_max_issues() {
    let max = waihu::import::plan::MAX_ISSUES;
    let input = Value::Array((0..=max).map(|i| json!({"name": format!("c{i}"), "phone": "nope"})).collect());
    let Error::ValidationError { issues, .. } = plan(vendor("tanyi"), &json!(7), input, &ImportOptions::default()).unwrap_err() else { panic!() };
    assert_eq!(issues.len(), max);
    assert_eq!((issues[0].path_string(), issues[max - 1].path_string()), ("[0].phoneNumber".into(), format!("[{}].phoneNumber", max - 1)));
}

/// The plan's messages follow `locale` (issue 12 item 23: zh-CN import messages were untested).
#[test]
fn import_messages_follow_the_locale() {
    let zh = |skip_invalid| ImportOptions { locale: waihu::Locale::ZhCn, skip_invalid, ..Default::default() };
    // A line that is no row object (streamed rows come one a line).
    let Error::ValidationError { issues, .. } = plan(vendor("tanyi"), &json!(7), json!([1]), &zh(false)).unwrap_err() else { panic!() };
    assert_eq!(issues[0].message, "类型错误，应为对象");
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
    // A CSV header without a phone column, in the plan's locale.
    let Error::ValidationError { issues, .. } = plan_text(vendor("tanyi"), &json!(7), "a,b\n1,2\n", Format::Csv, &zh(false), 100).unwrap_err() else { panic!() };
    assert_eq!((issues[0].path_string(), issues[0].message.as_str()), ("phone".into(), "必填"));
    assert!(matches!(Planner::new(vendor("tanyi"), &json!(7), &zh(false), Format::Csv), Ok(p) if p.locale() == waihu::Locale::ZhCn));
}

/// BYRobot drops a phone a task already holds, duplicates within a batch included (README.md
/// [B-task] 重复号码自动去重): a duplicate is a warning there, so the row is sent, not rejected.
#[test]
fn byrobot_duplicates_are_sent_for_the_vendor_to_drop() {
    let mut input = rows(3);
    input[2]["phone"] = input[0]["phone"].clone();
    let p = plan(vendor("byrobot"), &json!(7), input, &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
    assert!(p.rejected.is_empty());
    assert_eq!(p.rows(0), vec![0, 1, 2]);
}

/// The ledger's rules ship as JS (pkg-template/ledger-rules.js) exactly as the core states them
/// (`WAIHU_BLESS=1 cargo test --release --test import` rewrites the file).
#[test]
fn the_ledger_rules_file_is_the_cores() {
    let want = format!("// Generated from src/import/queue.rs (ledger_rules) by tests/import.rs: do not edit.\n// What moves an import chunk in a queue's ledger (ImportLedger runs each as one conditional\n// UPDATE), the outcomes of lease expiry and dead-lettering, and Cloudflare's sendBatch limits.\nexport const LEDGER_RULES = {};\n", waihu::import::queue::ledger_rules());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/ledger-rules.js");
    if std::env::var_os("WAIHU_BLESS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap_or_default(), want, "run WAIHU_BLESS=1 cargo test --release --test import");
    let rules: Value = serde_json::from_str(&waihu::import::queue::ledger_rules()).unwrap();
    assert_eq!(rules["claim"], json!({"from": ["queued"], "to": "sending"}));
    assert_eq!(rules["record"], json!({"from": ["sending", "unknown"], "to": null}));
    assert_eq!(rules["final"], json!(["applied", "rejected", "unknown"]));
    assert_eq!(rules["batch"], json!({"messages": 100, "bytes": 250000}));
}
