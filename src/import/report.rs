//! What happened to each chunk, and the report that puts every input row in exactly one of
//! imported, rejected, unknown and not sent. One fold serves `client.importCustomers` (its
//! planner keeps the chunks' row ranges) and the queue's ledger (which stores them).

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::import::write::{ser, write_str, Out};
use crate::issue::Locale;
use crate::json::Json;
use crate::phone;
use crate::vendor::Vendor;

/// What happened to one chunk, as the sender saw it. As JSON (`to_json`, `read`):
/// `{kind: "applied", failed}`, `{kind: "rejected", code, message, retryable}`,
/// `{kind: "unknown", reason}` or `{kind: "notSent"}`, each with `status`: the status the
/// outcome gives the chunk in a queue's ledger (`queue::status_of`).
#[derive(Clone, Debug, PartialEq)]
pub enum ChunkOutcome {
    /// The vendor accepted the call; `failed`: the positions, in the chunk, of rows its reply
    /// names as failed (ascending).
    Applied { failed: Vec<u32> },
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

    /// The outcome of sending the chunk `params` (the vendor's importCustomers params).
    pub fn of_result(vendor: Vendor, params: &Value, result: &Result<Value, Error>) -> ChunkOutcome {
        match result {
            Ok(data) => Self::of_reply(vendor, params, data),
            Err(e) => Self::of_error(e),
        }
    }

    /// An accepted call: the rows the reply names as failed (Itniotech lists them), or unknown
    /// when the reply counts failed rows without naming them (the report never guesses which).
    pub fn of_reply(vendor: Vendor, params: &Value, data: &Value) -> ChunkOutcome {
        let reply = vendor.import_reply(data);
        if reply.failed_count > 0 {
            let mut reason = Out::from("the vendor reported ");
            ser(&mut reason, &reply.failed_count);
            reason.push_str(" failed row(s) without naming them");
            return ChunkOutcome::Unknown { reason };
        }
        let mut failed = Vec::new();
        let (key, list) = vendor.import_shape().map_or(("", ""), |s| (s.phone_key, s.list_key));
        let rows = params.get(list).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        for (i, row) in rows.iter().enumerate().filter(|_| !reply.failed_phones.is_empty()) {
            let Some(p) = row.get(key).and_then(Value::as_str) else { continue };
            if reply.failed_phones.iter().any(|named| phone::dedup_key(named) == phone::dedup_key(p)) {
                failed.push(i as u32);
            }
        }
        ChunkOutcome::Applied { failed }
    }

    /// What a failed call means for its rows: refused when the vendor answered with an error or
    /// a status that proves nothing was applied (429, 503), or when it never left (validation,
    /// a proxy's refusal); unknown when it may have been applied.
    pub fn of_error(e: &Error) -> ChunkOutcome {
        match e {
            Error::VendorError(v) => ChunkOutcome::Rejected { code: v.code.clone(), message: v.vendor_message.clone(), retryable: v.retryable },
            Error::ResponseError { status, may_have_applied: false, .. } => {
                let mut code = Out::from("http_");
                ser(&mut code, &u64::from(*status));
                ChunkOutcome::Rejected { code, message: e.message(), retryable: true }
            }
            Error::AbortError { may_have_applied: false, .. } => ChunkOutcome::NotSent,
            _ if e.may_have_applied() => ChunkOutcome::Unknown { reason: e.name().to_string() + ": " + &e.message() },
            // Refused before anything was sent to the vendor (by the core, or by a proxy).
            _ => ChunkOutcome::Rejected { code: e.code().to_string(), message: e.message(), retryable: matches!(e, Error::RateLimitedError { .. }) },
        }
    }

    /// The outcome of a chunk sent through waihu's proxy, from its answer `{ data }` or
    /// `{ error }` (src/edge.rs): the same rules as `of_result`, the error read as JS sees it
    /// (`{ name, code, message, …its fields }`).
    pub fn of_proxy_answer(vendor: Vendor, params: &Value, answer: &Value) -> ChunkOutcome {
        let Some(e) = answer.get("error") else {
            return Self::of_reply(vendor, params, answer.get("data").unwrap_or(&Value::Null));
        };
        let s = |k| e.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let flag = |k| e.get(k) == Some(&Value::Bool(true));
        let (name, message) = (s("name"), s("message"));
        let applied = flag("mayHaveApplied");
        match name.as_str() {
            "VendorError" => ChunkOutcome::Rejected { code: s("code"), message: s("vendorMessage"), retryable: flag("retryable") },
            "ResponseError" if !applied => {
                let mut code = Out::from("http_");
                ser(&mut code, e.get("status").unwrap_or(&Value::Null));
                ChunkOutcome::Rejected { code, message, retryable: true }
            }
            "AbortError" if !applied => ChunkOutcome::NotSent,
            _ if applied => ChunkOutcome::Unknown { reason: name + ": " + &message },
            _ => ChunkOutcome::Rejected { code: s("code"), message, retryable: name == "RateLimitedError" },
        }
    }

    /// As JSON text (written by hand: a derived Serialize was twice the .wasm).
    pub fn to_json(&self) -> String {
        let mut out = Out::from("{\"kind\":");
        write_str(&mut out, self.kind());
        match self {
            ChunkOutcome::Applied { failed } => {
                out.push_str(",\"failed\":[");
                for (i, f) in failed.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    ser(&mut out, &u64::from(*f));
                }
                out.push(']');
            }
            ChunkOutcome::Rejected { code, message, retryable } => {
                out.push_str(",\"code\":");
                write_str(&mut out, code);
                out.push_str(",\"message\":");
                write_str(&mut out, message);
                out.push_str(if *retryable { ",\"retryable\":true" } else { ",\"retryable\":false" });
            }
            ChunkOutcome::Unknown { reason } => {
                out.push_str(",\"reason\":");
                write_str(&mut out, reason);
            }
            ChunkOutcome::NotSent => {}
        }
        out.push_str(",\"status\":\"");
        out.push_str(crate::import::queue::status_of(self).as_str());
        out.push_str("\"}");
        out
    }

    /// Reads the JSON `to_json` writes; None for anything else.
    pub fn read(v: &Json) -> Option<ChunkOutcome> {
        let text = |key: &str| v.get(key).and_then(Json::as_str).unwrap_or_default().to_string();
        Some(match v.get("kind")?.as_str()? {
            "applied" => {
                let mut failed = Vec::new();
                for i in v.get("failed").and_then(Json::as_array).unwrap_or_default() {
                    failed.push(i.as_u64()? as u32);
                }
                ChunkOutcome::Applied { failed }
            }
            "rejected" => ChunkOutcome::Rejected { code: text("code"), message: text("message"), retryable: v.get("retryable").and_then(Json::as_bool).unwrap_or_default() },
            "unknown" => ChunkOutcome::Unknown { reason: text("reason") },
            "notSent" => ChunkOutcome::NotSent,
            _ => return None,
        })
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
    /// A repeated phone: the row where it first appears (counted from 0, as `row`), for a page
    /// to number as it numbers its rows; the reason says the same in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<usize>,
}

impl RowRejection {
    /// A row refused with `code` and `reason` (no `duplicateOf`).
    pub fn new(row: usize, code: String, reason: String, retryable: bool) -> RowRejection {
        RowRejection { row, code, reason, retryable, duplicate_of: None }
    }

    /// Appends the JSON its Serialize writes (`{row, code, reason, retryable, duplicateOf?}`),
    /// by hand.
    pub fn write(&self, out: &mut Out) {
        out.push_str("{\"row\":");
        ser(out, &(self.row as u64));
        out.push_str(",\"code\":");
        write_str(out, &self.code);
        out.push_str(",\"reason\":");
        write_str(out, &self.reason);
        out.push_str(if self.retryable { ",\"retryable\":true" } else { ",\"retryable\":false" });
        if let Some(first) = self.duplicate_of {
            out.push_str(",\"duplicateOf\":");
            ser(out, &(first as u64));
        }
        out.push('}');
    }

    /// Reads the JSON `write` writes.
    pub fn read(v: &Json) -> Option<RowRejection> {
        let text = |key: &str| v.get(key).and_then(Json::as_str).map(str::to_string);
        let retryable = v.get("retryable").and_then(Json::as_bool).unwrap_or_default();
        let duplicate_of = v.get("duplicateOf").and_then(Json::as_u64).map(|n| n as usize);
        Some(RowRejection { duplicate_of, ..RowRejection::new(v.get("row")?.as_u64()? as usize, text("code")?, text("reason")?, retryable) })
    }
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

/// One chunk as the fold sees it: the input rows `first..end` it covers (its rows are those
/// not rejected before sending) and its outcome, None while it is still to be sent.
pub struct Sent<'a> {
    pub first: usize,
    pub end: usize,
    pub outcome: Option<&'a ChunkOutcome>,
}

/// The report of `total` rows: `rejected` were refused before sending (ascending rows) and
/// `chunks` were planned (in row order). Linear in the rows; every list comes out in row order.
/// The texts waihu writes (the resume note, a row the vendor returned) are in `locale`.
/// (Not generic over the chunks' iterator: each instantiation was a kilobyte of .wasm.)
pub fn report(total: usize, dedupes: bool, rejected: &[RowRejection], chunks: &[Sent], locale: Locale) -> ImportReport {
    let zh = locale == Locale::ZhCn;
    let mut r = ImportReport { total, imported: vec![], rejected: vec![], unknown: vec![], not_sent: vec![], resume: Resume { rows: vec![], safe_to_resend: dedupes, note: String::new() } };
    let mut before = rejected.iter().peekable();
    let refused = |r: &mut ImportReport, x: &RowRejection| {
        if x.retryable {
            r.resume.rows.push(x.row);
        }
        r.rejected.push(x.clone());
    };
    for c in chunks {
        let mut pos = 0u32;
        for row in c.first.min(c.end)..c.end {
            // Rows refused before sending: ahead of the chunk, or between its rows.
            while let Some(x) = before.next_if(|x| x.row < row) {
                refused(&mut r, x);
            }
            if let Some(x) = before.next_if(|x| x.row == row) {
                refused(&mut r, x);
                continue;
            }
            match c.outcome {
                Some(ChunkOutcome::Applied { failed }) if failed.binary_search(&pos).is_ok() => {
                    r.rejected.push(RowRejection::new(row, "vendor_rejected_row".into(), if zh { "供应商返回该行失败" } else { "the vendor returned the row as failed" }.into(), false))
                }
                Some(ChunkOutcome::Applied { .. }) => r.imported.push(row),
                Some(ChunkOutcome::Rejected { code, message, retryable }) => refused(&mut r, &RowRejection::new(row, code.clone(), message.clone(), *retryable)),
                Some(ChunkOutcome::Unknown { reason }) => {
                    r.unknown.push(RowUnknown { row, reason: reason.clone() });
                    r.resume.rows.push(row);
                }
                None | Some(ChunkOutcome::NotSent) => {
                    r.not_sent.push(row);
                    r.resume.rows.push(row);
                }
            }
            pos += 1;
        }
    }
    for x in before {
        refused(&mut r, x);
    }
    let [en, zh_text] = match (r.resume.rows.is_empty(), dedupes, r.unknown.is_empty()) {
        (true, _, _) => ["Nothing to resend.", "无需重发。"],
        (false, _, true) => ["Resend these rows: none of them reached the vendor.", "请重发这些行：它们都未到达供应商。"],
        (false, true, false) => [
            "Resend these rows: the vendor drops phones the task already holds, so rows that did arrive are not imported twice.",
            "请重发这些行：供应商会丢弃任务中已有的号码，已到达的行不会被重复导入。",
        ],
        (false, false, false) => [
            "Some rows may already be in the task: check them (e.g. with listPendingCustomers) before resending, or the vendor may import them twice.",
            "部分行可能已在任务中：重发前请先核对（例如用 listPendingCustomers），否则供应商可能重复导入。",
        ],
    };
    r.resume.note = if zh { zh_text } else { en }.into();
    r
}

/// The report from what a sender keeps, `{total, rejected: [RowRejection…], chunks: [[first,
/// end, outcome | null]…], locale?}` (a null outcome: still to be sent; `locale` `en`, the
/// default, or `zh-CN`). None when the state is not of that shape.
pub fn report_of_state(vendor: Vendor, state: &Json) -> Option<ImportReport> {
    let total = state.get("total")?.as_u64()? as usize;
    let mut rejected = Vec::new();
    for r in state.get("rejected")?.as_array()? {
        rejected.push(RowRejection::read(r)?);
    }
    let mut outcomes = Vec::new();
    for c in state.get("chunks")?.as_array()? {
        let [first, end, outcome] = c.as_array()? else { return None };
        outcomes.push((first.as_u64()? as usize, end.as_u64()? as usize, ChunkOutcome::read(outcome)));
    }
    let mut sent = Vec::with_capacity(outcomes.len());
    for (first, end, outcome) in &outcomes {
        sent.push(Sent { first: *first, end: *end, outcome: outcome.as_ref() });
    }
    let dedupes = vendor.import_shape().is_some_and(|s| s.dedupes);
    let locale = if state.get("locale").and_then(|l| l.as_str()) == Some("zh-CN") { Locale::ZhCn } else { Locale::En };
    Some(report(total, dedupes, &rejected, &sent, locale))
}
