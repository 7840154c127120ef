//! Customer imports, the pure half: plan (map rows to the vendor's shape, validate them all,
//! drop duplicates, cut chunks of the vendor's per-call limit) and fold (turn each chunk's
//! outcome into a report that accounts for every input row). The boundary only sends the
//! chunks (with bounded concurrency, progress and cancel) between the two.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::issue::{Issue, IssueCode, PathSeg, Severity};
use crate::json;
use crate::options::ValidateOptions;
use crate::phone;
use crate::vendor::{ImportShape, Operation, Vendor};

/// Read from JSON by `options::import_options`.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Rows per call, at most the vendor's limit (which is the default).
    pub chunk_size: Option<usize>,
    /// Chunks in flight at once.
    pub concurrency: usize,
    /// Import the valid rows and report the invalid ones as rejected, instead of failing.
    pub skip_invalid: bool,
    /// Extra members for every batch: BYRobot's `companyId`, Itniotech's `callRecordDup`, ….
    pub extra: Map<String, Value>,
    pub locale: crate::issue::Locale,
}

impl ImportOptions {
    pub const DEFAULT_CONCURRENCY: usize = 4;
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { chunk_size: None, concurrency: Self::DEFAULT_CONCURRENCY, skip_invalid: false, extra: Map::new(), locale: Default::default() }
    }
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
    /// Chunks in flight at once, for the sender.
    pub concurrency: usize,
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

impl ChunkOutcome {
    /// `"applied"`, `"rejected"`, `"unknown"` or `"notSent"`.
    pub fn kind(&self) -> &'static str {
        match self {
            ChunkOutcome::Applied { .. } => "applied",
            ChunkOutcome::Rejected { .. } => "rejected",
            ChunkOutcome::Unknown { .. } => "unknown",
            ChunkOutcome::NotSent => "notSent",
        }
    }

    /// What a failed call means for its rows: refused when the vendor answered with an error or
    /// a status that proves nothing was applied (429, 503), or when it never left (validation,
    /// a proxy's refusal); unknown when it may have been applied.
    pub fn of_error(e: &Error) -> ChunkOutcome {
        match e {
            Error::VendorError(v) => ChunkOutcome::Rejected { code: v.code.clone(), message: v.vendor_message.clone(), retryable: v.retryable },
            Error::ResponseError { status, may_have_applied: false, .. } => ChunkOutcome::Rejected { code: format!("http_{status}"), message: e.message(), retryable: true },
            Error::AbortError { may_have_applied: false, .. } => ChunkOutcome::NotSent,
            _ if e.may_have_applied() => ChunkOutcome::Unknown { reason: format!("{}: {}", e.name(), e.message()) },
            // Refused before anything was sent to the vendor (by the core, or by a proxy).
            _ => ChunkOutcome::Rejected { code: e.code().to_string(), message: e.message(), retryable: matches!(e, Error::RateLimitedError { .. }) },
        }
    }

    /// `of_error` for an error as JS sees it, `{ name, code, message, …its fields }` (how a
    /// proxy sends it, src/edge.rs): the same rules, in the same order.
    pub fn of_error_json(e: &Value) -> ChunkOutcome {
        let s = |k| e.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let flag = |k| e.get(k) == Some(&Value::Bool(true));
        let (name, message) = (s("name"), s("message"));
        let applied = flag("mayHaveApplied");
        match name.as_str() {
            "VendorError" => ChunkOutcome::Rejected { code: s("code"), message: s("vendorMessage"), retryable: flag("retryable") },
            "ResponseError" if !applied => ChunkOutcome::Rejected { code: String::from("http_") + &json::to_text(e.get("status").unwrap_or(&Value::Null)), message, retryable: true },
            "AbortError" if !applied => ChunkOutcome::NotSent,
            _ if applied => ChunkOutcome::Unknown { reason: name + ": " + &message },
            _ => ChunkOutcome::Rejected { code: s("code"), message, retryable: name == "RateLimitedError" },
        }
    }
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
fn vendor_row(s: &ImportShape, row: Value) -> Value {
    match row {
        Value::Object(obj) if !obj.contains_key(s.phone_key) && obj.contains_key("phone") => {
            Value::Object(json::map_of(obj.into_iter().map(|(k, v)| (if k == "phone" { s.phone_key.to_string() } else { k }, v))))
        }
        row => row,
    }
}

fn batch(s: &ImportShape, task_id: &Value, rows: Vec<Value>, extra: &Map<String, Value>) -> Value {
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
    let Some(s) = vendor.import_shape() else { return Err(vendor.unsupported(Operation::ImportCustomers)) };
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
    let issues = vendor.validate(Operation::ImportCustomers, &all, &v_opts)?;
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
    Ok(Plan { vendor, total: rows.len(), chunks, rejected, phones, dedupes: s.dedupes, concurrency: options.concurrency })
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
        let reply = self.vendor.import_reply(data);
        if reply.failed_count > 0 {
            let reason = format!("the vendor reported {} failed row(s) without naming them", reply.failed_count);
            r.unknown.extend(chunk.rows.iter().map(|&row| RowUnknown { row, reason: reason.clone() }));
            return;
        }
        let named: Vec<String> = reply.failed_phones.iter().map(|p| phone::normalize(p)).collect();
        for &row in &chunk.rows {
            if named.contains(&self.phones[row]) {
                r.rejected.push(RowRejection { row, code: "vendor_rejected_row".into(), reason: "the vendor returned the row as failed".into(), retryable: false });
            } else {
                r.imported.push(row);
            }
        }
    }
}
