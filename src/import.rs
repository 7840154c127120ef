//! Customer imports, the pure half: plan (map rows to the vendor's shape, validate them all,
//! drop duplicates, cut chunks of the vendor's per-call limit) and fold (turn each chunk's
//! outcome into a report that accounts for every input row). The boundary only sends the
//! chunks (with bounded concurrency, progress and cancel) between the two.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::issue::{Issue, IssueCode, PathSeg, Severity};
use crate::json;
use crate::phone;
use crate::vendors::{self, Operation, ValidateOptions, Vendor};

/// How a vendor takes a batch of customers.
struct Shape {
    /// The member holding the rows.
    list_key: &'static str,
    /// The member holding the task id.
    task_key: &'static str,
    /// The row member holding the phone.
    phone_key: &'static str,
    /// Rows per call.
    limit: usize,
    /// Whether the vendor documents dropping a phone the task already holds, so that
    /// resending rows of an unknown outcome cannot import anyone twice.
    dedupes: bool,
}

fn shape(vendor: Vendor) -> Shape {
    match vendor {
        Vendor::Tanyi => Shape { list_key: "customerPersons", task_key: "robotCallJobId", phone_key: "phoneNumber", limit: vendors::tanyi::IMPORT_LIMIT, dedupes: false },
        // v2: "duplicate phones in a task are dropped" (NOTES.md §1).
        Vendor::Byrobot => Shape { list_key: "customerInfoList", task_key: "taskId", phone_key: "phone", limit: vendors::byrobot::IMPORT_LIMIT, dedupes: true },
        // callRecordDup only drops numbers already *called*; an uncalled duplicate stays.
        Vendor::Itniotech => Shape { list_key: "customerPersons", task_key: "jobId", phone_key: "phoneNumber", limit: vendors::itniotech::IMPORT_LIMIT, dedupes: false },
        Vendor::Zxycall => Shape { list_key: "data", task_key: "task_id", phone_key: "phone", limit: vendors::zxycall::IMPORT_LIMIT, dedupes: false },
    }
}

/// Read from JSON by `options::import_options`.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Rows per call, at most the vendor's limit (which is the default).
    pub chunk_size: Option<usize>,
    /// Import the valid rows and report the invalid ones as rejected, instead of failing.
    pub skip_invalid: bool,
    /// Extra members for every batch: BYRobot's `companyId`, Itniotech's `callRecordDup`, ….
    pub extra: Map<String, Value>,
    pub locale: crate::issue::Locale,
}

#[derive(Clone, Debug)]
pub struct Chunk {
    /// Input row indices, in order.
    pub rows: Vec<usize>,
    /// The `importCustomers` params for this chunk.
    pub params: Value,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub vendor: Vendor,
    pub total: usize,
    pub chunks: Vec<Chunk>,
    /// Rows not sent: invalid (with `skip_invalid`) or duplicates of an earlier row.
    pub rejected: Vec<RowRejection>,
    /// Each row's phone as the duplicate check saw it, to match rows the vendor names.
    phones: Vec<String>,
    dedupes: bool,
}

/// What happened to one chunk, as the transport saw it. Read from JSON (`{kind: "applied",
/// data}`, …) by `options::chunk_outcomes`.
#[derive(Clone, Debug)]
pub enum ChunkOutcome {
    /// The vendor accepted the call; `data` is its reply's data.
    Applied { data: Value },
    /// The vendor answered and refused the whole call (nothing applied).
    Rejected { code: String, message: String, retryable: bool },
    /// The call may or may not have been applied (timeout, dropped connection, unreadable reply).
    Unknown { reason: String },
    /// Never sent (cancelled).
    NotSent,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowRejection {
    pub row: usize,
    pub code: String,
    pub reason: String,
    /// Sending the row again later may succeed (the vendor refused the call for a passing reason).
    pub retryable: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowUnknown {
    pub row: usize,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Resume {
    /// Rows to send again to finish the import: unknown, not sent, and retryable rejections.
    pub rows: Vec<usize>,
    /// True when the vendor documents dropping phones a task already holds, so resending
    /// rows whose outcome is unknown cannot import anyone twice.
    pub safe_to_resend: bool,
    pub note: String,
}

/// Every input row is in exactly one of `imported`, `rejected`, `unknown`, `notSent`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub total: usize,
    pub imported: Vec<usize>,
    pub rejected: Vec<RowRejection>,
    pub unknown: Vec<RowUnknown>,
    pub not_sent: Vec<usize>,
    pub resume: Resume,
}

/// A row in the vendor's own shape: unified rows `{name?, phone, properties?}` are mapped,
/// rows that already carry the vendor's phone member pass unchanged.
fn vendor_row(s: &Shape, row: Value) -> Value {
    match row {
        Value::Object(obj) if !obj.contains_key(s.phone_key) && obj.contains_key("phone") => {
            Value::Object(json::map_of(obj.into_iter().map(|(k, v)| (if k == "phone" { s.phone_key.to_string() } else { k }, v))))
        }
        row => row,
    }
}

fn batch(s: &Shape, task_id: &Value, rows: Vec<Value>, extra: &Map<String, Value>) -> Value {
    let mut m = extra.clone();
    m.insert(s.task_key.to_string(), task_id.clone());
    m.insert(s.list_key.to_string(), Value::Array(rows));
    Value::Object(m)
}

/// Validates every row at once and cuts the chunks. Fails with a `ValidationError` whose
/// issue paths start at the row index (`[12, "phone"]`) unless `skip_invalid`; problems outside
/// the rows (the task id, BYRobot's `companyId`) always fail.
/// Takes the customers by value: rows move into the chunks, never copied (an import may hold
/// millions of them).
pub fn plan(vendor: Vendor, task_id: &Value, customers: Value, options: &ImportOptions) -> Result<Plan, Error> {
    let s = shape(vendor);
    let fail = |issues: Vec<Issue>| Error::ValidationError { vendor, operation: Operation::ImportCustomers, issues };
    let Value::Array(input) = customers else {
        let mut i = Issue::new(IssueCode::InvalidType, vec![], crate::params! {"expected": "array"}, Severity::Error);
        i.localize(options.locale);
        return Err(fail(vec![i]));
    };
    let rows: Vec<Value> = input.into_iter().map(|r| vendor_row(&s, r)).collect();
    // Validated as one batch, so duplicates are found across chunks too.
    let extra = &options.extra;
    let mut all = batch(&s, task_id, rows, extra);
    let v_opts = ValidateOptions { locale: options.locale, ..Default::default() };
    let issues = vendors::validate(vendor, Operation::ImportCustomers, &all, &v_opts)?;
    let mut rows = match all.get_mut(s.list_key).map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };

    // Sort the issues: per row (path re-rooted at the row index), or about the whole call.
    let mut per_row: Vec<Vec<Issue>> = vec![Vec::new(); rows.len()];
    let mut global = Vec::new();
    for mut issue in issues {
        match issue.path.as_slice() {
            [PathSeg::Key(k), PathSeg::Index(i), ..] if k == s.list_key && *i < rows.len() => {
                let i = *i;
                issue.path.remove(0);
                per_row[i].push(issue);
            }
            // The per-call limit is what chunking is for; an empty input is simply nothing to do.
            [PathSeg::Key(k)] if k == s.list_key && matches!(issue.code, IssueCode::TooBig | IssueCode::TooSmall) => {}
            _ => global.push(issue),
        }
    }
    if global.iter().any(|i| i.severity == Severity::Error) {
        return Err(fail(global));
    }
    let is_dup = |i: &Issue| i.code == IssueCode::DuplicateValue;
    let blocking: Vec<Issue> = per_row.iter().flatten().filter(|i| i.severity == Severity::Error && !is_dup(i)).cloned().collect();
    if !blocking.is_empty() && !options.skip_invalid {
        return Err(fail(blocking));
    }

    let mut rejected = Vec::new();
    let mut keep = Vec::new();
    for (i, issues) in per_row.iter().enumerate() {
        match issues.iter().find(|x| x.severity == Severity::Error) {
            Some(first) => {
                let reason = format!("{}: {}", crate::issue::path_to_string(&first.path[1..]), first.message);
                // `trim_start_matches(": ")`, without linking core's two-way string searcher.
                let mut trimmed = reason.as_str();
                while let Some(rest) = trimmed.strip_prefix(": ") {
                    trimmed = rest;
                }
                rejected.push(RowRejection { row: i, code: first.code.as_str().to_string(), reason: trimmed.to_string(), retryable: false })
            }
            None => keep.push(i),
        }
    }
    let phones = rows.iter().map(|r| r.get(s.phone_key).and_then(Value::as_str).map(phone::normalize).unwrap_or_default()).collect();
    let size = options.chunk_size.unwrap_or(s.limit).clamp(1, s.limit);
    let chunks = keep
        .chunks(size)
        .map(|idx| Chunk { rows: idx.to_vec(), params: batch(&s, task_id, idx.iter().map(|&i| rows[i].take()).collect(), extra) })
        .collect();
    Ok(Plan { vendor, total: rows.len(), chunks, rejected, phones, dedupes: s.dedupes })
}

impl Plan {
    /// The report, given one outcome per chunk (missing outcomes count as not sent).
    pub fn fold(&self, outcomes: &[ChunkOutcome]) -> ImportReport {
        // Chunks hold ascending rows and come in row order, so every list below is built in
        // order; only the plan's rejections and the chunks' are two runs to merge. (No sorts:
        // each one links kilobytes into the .wasm.)
        let mut r = ImportReport { total: self.total, imported: vec![], rejected: vec![], unknown: vec![], not_sent: vec![], resume: Resume { rows: vec![], safe_to_resend: self.dedupes, note: String::new() } };
        for (n, chunk) in self.chunks.iter().enumerate() {
            match outcomes.get(n).unwrap_or(&ChunkOutcome::NotSent) {
                ChunkOutcome::Applied { data } => self.applied(chunk, data, &mut r),
                ChunkOutcome::Rejected { code, message, retryable } => r.rejected.extend(chunk.rows.iter().map(|&row| RowRejection { row, code: code.clone(), reason: message.clone(), retryable: *retryable })),
                ChunkOutcome::Unknown { reason } => r.unknown.extend(chunk.rows.iter().map(|&row| RowUnknown { row, reason: reason.clone() })),
                ChunkOutcome::NotSent => r.not_sent.extend(&chunk.rows),
            }
        }
        let mut sent = std::mem::take(&mut r.rejected).into_iter().peekable();
        r.rejected.reserve(self.rejected.len() + sent.len());
        for x in &self.rejected {
            while let Some(y) = sent.next_if(|y| y.row < x.row) {
                r.rejected.push(y);
            }
            r.rejected.push(x.clone());
        }
        r.rejected.extend(sent);
        let mut again = vec![false; self.total];
        for row in r.unknown.iter().map(|u| u.row).chain(r.not_sent.iter().copied()).chain(r.rejected.iter().filter(|x| x.retryable).map(|x| x.row)) {
            if let Some(f) = again.get_mut(row) {
                *f = true;
            }
        }
        let resume: Vec<usize> = again.iter().enumerate().filter(|(_, &f)| f).map(|(i, _)| i).collect();
        r.resume.note = match (resume.is_empty(), self.dedupes, r.unknown.is_empty()) {
            (true, _, _) => "Nothing to resend.".into(),
            (false, _, true) => "Resend these rows: none of them reached the vendor.".into(),
            (false, true, false) => "Resend these rows: the vendor drops phones the task already holds, so rows that did arrive are not imported twice.".into(),
            (false, false, false) => "Some rows may already be in the task: check them (e.g. with listPendingCustomers) before resending, or the vendor may import them twice.".into(),
        };
        r.resume.rows = resume;
        r
    }

    /// A chunk the vendor accepted: imported, except rows the vendor names as failed
    /// (Itniotech's `data` lists them) or counts as failed without naming them (then the
    /// chunk's rows are unknown: the report never guesses which ones).
    fn applied(&self, chunk: &Chunk, data: &Value, r: &mut ImportReport) {
        let counted_failures = ["placeFailNum", "fail", "failNum"].iter().find_map(|k| data.get(k).or_else(|| data.get("data").and_then(|d| d.get(k))).and_then(Value::as_u64)).unwrap_or(0);
        if counted_failures > 0 {
            let reason = format!("the vendor reported {counted_failures} failed row(s) without naming them");
            r.unknown.extend(chunk.rows.iter().map(|&row| RowUnknown { row, reason: reason.clone() }));
            return;
        }
        let named: Vec<String> = match (self.vendor, data) {
            (Vendor::Itniotech, Value::Array(failed)) => failed.iter().filter_map(|f| f.get("phoneNumber").and_then(Value::as_str)).map(phone::normalize).collect(),
            _ => vec![],
        };
        for &row in &chunk.rows {
            if named.contains(&self.phones[row]) {
                r.rejected.push(RowRejection { row, code: "vendor_rejected_row".into(), reason: "the vendor returned the row as failed".into(), retryable: false });
            } else {
                r.imported.push(row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows(n: usize) -> Value {
        Value::Array((0..n).map(|i| json!({"name": format!("c{i}"), "phone": format!("138{i:08}")})).collect())
    }

    #[test]
    fn chunks_at_the_vendor_limit_and_maps_unified_rows() {
        let p = plan(Vendor::Tanyi, &json!(7), rows(250), &ImportOptions::default()).unwrap();
        assert_eq!(p.chunks.iter().map(|c| c.rows.len()).collect::<Vec<_>>(), vec![100, 100, 50]);
        assert_eq!(p.chunks[2].params["customerPersons"][0], json!({"name": "c200", "phoneNumber": "13800000200"}));
        assert_eq!(p.chunks[0].params["robotCallJobId"], json!(7));
        let p = plan(Vendor::Tanyi, &json!(7), rows(250), &ImportOptions { chunk_size: Some(1000), ..Default::default() }).unwrap();
        assert_eq!(p.chunks.len(), 3, "never above the vendor's limit");
        let p = plan(Vendor::Byrobot, &json!(7), rows(250), &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
        assert_eq!(p.chunks.len(), 1);
        assert_eq!(p.chunks[0].params["companyId"], json!(1));
    }

    #[test]
    fn reports_every_invalid_row_by_index_or_skips_them() {
        let mut input = rows(5);
        input[1]["phone"] = json!("nope");
        input[3] = json!({"name": "no phone"});
        let err = plan(Vendor::Tanyi, &json!(7), input.clone(), &ImportOptions::default()).unwrap_err();
        let Error::ValidationError { issues, .. } = err else { panic!() };
        assert_eq!(issues.iter().map(|i| i.path_string()).collect::<Vec<_>>(), vec!["[1].phoneNumber", "[3].phoneNumber"]);
        let p = plan(Vendor::Tanyi, &json!(7), input.clone(), &ImportOptions { skip_invalid: true, ..Default::default() }).unwrap();
        assert_eq!(p.rejected.iter().map(|r| (r.row, r.code.as_str())).collect::<Vec<_>>(), vec![(1, "invalid_phone"), (3, "required")]);
        assert_eq!(p.chunks[0].rows, vec![0, 2, 4]);
    }

    #[test]
    fn duplicates_are_dropped_not_fatal() {
        let mut input = rows(3);
        input[2]["phone"] = json!("138-0000-0000");
        let p = plan(Vendor::Tanyi, &json!(7), input.clone(), &ImportOptions::default()).unwrap();
        assert_eq!(p.rejected, vec![RowRejection { row: 2, code: "duplicate_value".into(), reason: "phoneNumber: Duplicate of item 0".into(), retryable: false }]);
        assert_eq!(p.chunks[0].rows, vec![0, 1]);
    }

    #[test]
    fn the_task_id_and_call_level_fields_always_fail() {
        assert!(plan(Vendor::Tanyi, &Value::Null, rows(2), &ImportOptions { skip_invalid: true, ..Default::default() }).is_err());
        let e = plan(Vendor::Byrobot, &json!(7), rows(2), &ImportOptions::default()).unwrap_err();
        assert!(matches!(e, Error::ValidationError { ref issues, .. } if issues[0].path_string() == "companyId"));
        assert!(plan(Vendor::Tanyi, &json!(7), json!({}), &ImportOptions::default()).is_err());
    }

    #[test]
    fn fold_accounts_for_every_row() {
        let mut input = rows(7);
        input[6] = json!({"name": "no phone"});
        let p = plan(Vendor::Itniotech, &json!(7), input.clone(), &ImportOptions { chunk_size: Some(2), skip_invalid: true, ..Default::default() }).unwrap();
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
        let p = plan(Vendor::Byrobot, &json!(7), rows(3), &ImportOptions { extra: json!({"companyId": 1}).as_object().cloned().unwrap_or_default(), ..Default::default() }).unwrap();
        let r = p.fold(&[ChunkOutcome::Applied { data: json!({"successNum": 2, "repeatNum": 0, "placeFailNum": 1}) }]);
        assert_eq!(r.unknown.len(), 3);
        assert!(r.resume.safe_to_resend);
        let r = p.fold(&[ChunkOutcome::Applied { data: json!({"successNum": 2, "repeatNum": 1, "placeFailNum": 0}) }]);
        assert_eq!(r.imported, vec![0, 1, 2]);
    }
}
