//! The streaming planner: rows go in as they arrive (NDJSON or CSV text, in pieces of any size)
//! and chunks of the vendor's limit come out as they fill.
//!
//! Each row is written in the vendor's shape into a window, and each full window is validated
//! by the vendor's own importCustomers rules as one call would be (so a row is judged exactly as
//! a single call would judge it). A valid row is then checked against every phone seen in the
//! whole list (`phone::FirstSeen`, one number per phone) and appended to the chunk being filled.
//! Chunks are JSON text, never `serde_json::Value`s. What stays in memory is bounded by the
//! chunk size, plus 16 bytes a row for the duplicate keys: the chunks and the rejected rows are
//! handed out as they are planned (`take`), and the sender keeps what the report needs.

use serde_json::Value;

use crate::error::Error;
use crate::import::csv::{Columns, CsvReader};
use crate::import::report::RowRejection;
use crate::import::write::{ser, write_row, write_str, Out};
use crate::import::ImportOptions;
use crate::issue::{self, path_to_string, Issue, IssueCode, Locale, PathSeg, Severity};
use crate::json::Json;
use crate::options::ValidateOptions;
use crate::params;
use crate::phone::FirstSeen;
use crate::vendor::{ImportShape, Operation, Vendor};

/// How the rows arrive: text in pieces of any size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON row per line (`client.importCustomers` sends its rows this way too).
    Ndjson,
    /// A header row, then a customer per record (see `csv`).
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "ndjson" => Some(Format::Ndjson),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// A planned chunk: input rows `first..end` less those rejected before sending (`rows` of them),
/// and `body`, the JSON text of its importCustomers params.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunk {
    pub n: usize,
    pub first: usize,
    pub end: usize,
    pub rows: usize,
    pub body: String,
}

/// Issues a failed plan keeps (its ValidationError lists these): memory stays bounded whatever
/// the list. With `skipInvalid` every row's rejection is in the report instead.
pub const MAX_ISSUES: usize = 1000;

/// An input row, as it came.
enum Row<'a> {
    Json(&'a Json<'a>),
    Csv(&'a Columns, &'a [String]),
    /// An NDJSON line that is not JSON: written as `null`, which the vendor's rules report as
    /// "expected object" at the row's index.
    NotJson,
}

pub struct Planner {
    vendor: Vendor,
    shape: ImportShape,
    size: usize,
    skip_invalid: bool,
    locale: Locale,
    format: Format,
    /// The text every batch starts with: `{…extra, "<task key>": id, "<list key>": [`.
    head: Out,
    /// `head` and the rows written but not validated yet; each row's input index and span.
    window: Out,
    spans: Vec<(usize, usize, usize)>,
    /// `head` and the rows of the chunk being filled; its first and last input row and count.
    body: Out,
    body_rows: (usize, usize, usize),
    total: usize,
    seen: FirstSeen,
    ready: Vec<Chunk>,
    chunks: usize,
    rejected: Vec<RowRejection>,
    rejected_total: usize,
    /// Chunks in flight at once, for the sender.
    concurrency: usize,
    /// The errors that fail the plan (without `skipInvalid`), re-rooted at the row index.
    issues: Vec<Issue>,
    failed: bool,
    /// NDJSON: the line not ended yet. CSV: the reader, and the header's columns once read.
    line: String,
    csv: CsvReader,
    columns: Option<Columns>,
    no_phone_column: bool,
}

impl Planner {
    /// A planner for importing into `task_id`. Fails with a ValidationError when the call's own
    /// members (the task id, BYRobot's `companyId`, other `extra`) have an error: those are
    /// checked once, here.
    pub fn new(vendor: Vendor, task_id: &Value, options: &ImportOptions, format: Format) -> Result<Planner, Error> {
        let Some(shape) = vendor.import_shape() else { return Err(vendor.unsupported(Operation::ImportCustomers)) };
        // The extra members with the task id; the list last, so it wins over one in `extra`.
        let mut call = options.extra.clone();
        call.insert(shape.task_key.into(), task_id.clone());
        let mut head = Out::new();
        ser(&mut head, &Value::Object(call));
        head.pop();
        if head.len() > 1 {
            head.push(',');
        }
        write_str(&mut head, shape.list_key);
        head.push_str(":[");
        let size = options.chunk_size.unwrap_or(shape.limit).clamp(1, shape.limit);
        let mut p = Planner {
            vendor,
            shape,
            size,
            skip_invalid: options.skip_invalid,
            locale: options.locale,
            format,
            window: head.clone(),
            body: head.clone(),
            head,
            spans: Vec::new(),
            body_rows: (0, 0, 0),
            total: 0,
            seen: FirstSeen::default(),
            ready: Vec::new(),
            chunks: 0,
            rejected: Vec::new(),
            rejected_total: 0,
            concurrency: options.concurrency,
            issues: Vec::new(),
            failed: false,
            line: String::new(),
            csv: CsvReader::default(),
            columns: None,
            no_phone_column: false,
        };
        // The call's members, with an empty list.
        p.check_window();
        if p.failed {
            let issues = std::mem::take(&mut p.issues);
            return Err(p.fail(issues));
        }
        Ok(p)
    }

    /// Input rows so far.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Chunks planned so far.
    pub fn chunk_count(&self) -> usize {
        self.chunks
    }

    /// Rows rejected before sending so far (invalid with `skipInvalid`, or duplicates).
    pub fn rejected_count(&self) -> usize {
        self.rejected_total
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Adds the rows in a piece of text (of any size: a row may span pieces). An NDJSON line
    /// that is not JSON is a row that is not an object. Fails when a CSV header names no phone
    /// column.
    pub fn text(&mut self, piece: &str) -> Result<(), Error> {
        match self.format {
            Format::Ndjson => {
                let mut rest = piece;
                while let Some(nl) = rest.find('\n') {
                    let line = rest.get(..nl).unwrap_or_default();
                    rest = rest.get(nl + 1..).unwrap_or_default();
                    if self.line.is_empty() {
                        self.ndjson_line(line);
                    } else {
                        let mut joined = std::mem::take(&mut self.line);
                        joined.push_str(line);
                        self.ndjson_line(&joined);
                        joined.clear();
                        self.line = joined;
                    }
                }
                self.line.push_str(rest);
            }
            Format::Csv => {
                let mut csv = std::mem::take(&mut self.csv);
                csv.feed(piece, &mut |fields| self.csv_record(fields));
                self.csv = csv;
            }
        }
        self.header_ok()
    }

    /// Ends the input: plans the last rows and the last chunk. Fails with a ValidationError
    /// listing the invalid rows' issues (paths start at the row index; at most `MAX_ISSUES`)
    /// unless `skipInvalid`; the chunks planned are then not to be sent.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.format {
            Format::Ndjson => {
                let line = std::mem::take(&mut self.line);
                self.ndjson_line(&line);
            }
            Format::Csv => {
                let mut csv = std::mem::take(&mut self.csv);
                csv.finish(&mut |fields| self.csv_record(fields));
            }
        }
        self.header_ok()?;
        self.check_window();
        if self.body_rows.2 > 0 {
            self.emit();
        }
        if self.failed {
            let issues = std::mem::take(&mut self.issues);
            return Err(self.fail(issues));
        }
        Ok(())
    }

    /// The chunks planned and the rows rejected since the last call. With what the sender
    /// learns of each chunk, they are what `report::report` needs (the planner keeps neither).
    pub fn take(&mut self) -> (Vec<Chunk>, Vec<RowRejection>) {
        (std::mem::take(&mut self.ready), std::mem::take(&mut self.rejected))
    }

    /// What `take` gives, as text: a line of JSON, `{chunks: [{first, end, rows}], rejected:
    /// RowRejection[], total, rejectedCount, concurrency}` (the counts so far; the chunks to
    /// keep in flight), then each chunk's body on a line of its own, in order. (JSON text has no
    /// raw line break, and bodies are most of the text: escaping them as JSON strings, and
    /// reading them back, was a third of the time spent planning.)
    pub fn take_text(&mut self) -> String {
        let (chunks, rejected) = self.take();
        let mut out = Out::from("{\"chunks\":[");
        for (i, c) in chunks.iter().enumerate() {
            out.push_str(if i > 0 { ",{\"first\":" } else { "{\"first\":" });
            for (k, v) in [("", c.first), (",\"end\":", c.end), (",\"rows\":", c.rows)] {
                out.push_str(k);
                ser(&mut out, &(v as u64));
            }
            out.push('}');
        }
        out.push_str("],\"rejected\":[");
        for (i, r) in rejected.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            r.write(&mut out);
        }
        for (k, v) in [("],\"total\":", self.total), (",\"rejectedCount\":", self.rejected_total), (",\"concurrency\":", self.concurrency)] {
            out.push_str(k);
            ser(&mut out, &(v as u64));
        }
        out.push('}');
        for c in &chunks {
            out.push('\n');
            out.push_str(&c.body);
        }
        out
    }

    fn fail(&self, issues: Vec<Issue>) -> Error {
        Error::ValidationError { vendor: self.vendor, operation: Operation::ImportCustomers, issues }
    }

    fn header_ok(&self) -> Result<(), Error> {
        if !self.no_phone_column {
            return Ok(());
        }
        let mut i = Issue::new(IssueCode::Required, vec!["phone".into()], params! {}, Severity::Error);
        i.localize(self.locale);
        Err(self.fail(vec![i]))
    }

    fn ndjson_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        match Json::from_str(line) {
            Ok(row) => self.add(Row::Json(&row)),
            // Not a row: the vendor's rules say so ("expected object") at the row's index.
            Err(_) => self.add(Row::NotJson),
        }
    }

    fn csv_record(&mut self, fields: &[String]) {
        match self.columns.take() {
            Some(columns) => {
                self.add(Row::Csv(&columns, fields));
                self.columns = Some(columns);
            }
            None if self.no_phone_column => {}
            None => {
                self.columns = Columns::of(fields);
                self.no_phone_column = self.columns.is_none();
            }
        }
    }

    /// Writes the next input row into the window; a full window is validated.
    fn add(&mut self, row: Row) {
        if !self.spans.is_empty() {
            self.window.push(',');
        }
        let start = self.window.len();
        let key = self.shape.phone_key;
        match row {
            Row::Json(row) => write_row(&mut self.window, row, key),
            Row::Csv(columns, fields) => columns.write(&mut self.window, fields, key),
            Row::NotJson => self.window.push_str("null"),
        }
        self.spans.push((self.total, start, self.window.len()));
        self.total += 1;
        if self.spans.len() >= self.size {
            self.check_window();
        }
    }

    /// Validates the window: invalid rows are rejected (or fail the plan), duplicates of an
    /// earlier row are rejected, the rest go into chunks. The first time (from `new`, with no
    /// rows) it checks the call's own members: an error there fails the plan, whatever
    /// `skipInvalid` says.
    fn check_window(&mut self) {
        let first = self.total == 0;
        if self.spans.is_empty() && !first {
            return;
        }
        let mut window = std::mem::take(&mut self.window);
        let spans = std::mem::take(&mut self.spans);
        window.push_str("]}");
        // Always JSON: every piece of the batch was written by this module.
        let tree = Json::from_str(&window).unwrap_or(Json::Null);
        let options = ValidateOptions { locale: self.locale, ..Default::default() };
        let issues = self.vendor.validate_tree(Operation::ImportCustomers, &tree, &options).unwrap_or_default();
        let list = self.shape.list_key;
        // Each invalid row's rejection: its first error. The vendor's own duplicate rule sees
        // only this window; the planner's check below sees the whole list.
        let mut invalid: Vec<Option<RowRejection>> = Vec::with_capacity(spans.len());
        for _ in &spans {
            invalid.push(None);
        }
        for mut issue in issues {
            if !issue.is_error() || issue.code == IssueCode::DuplicateValue {
                continue;
            }
            let i = match issue.path.as_slice() {
                [PathSeg::Key(key), PathSeg::Index(i), ..] if key == list => *i,
                // The list's own size: what chunks are for (an empty list is nothing to do).
                [PathSeg::Key(key), ..] if key == list => continue,
                _ => {
                    if first {
                        self.failed = true;
                        self.issues.push(issue);
                    }
                    continue;
                }
            };
            let (Some(slot), Some(&(row, _, _))) = (invalid.get_mut(i), spans.get(i)) else { continue };
            if !self.skip_invalid {
                self.failed = true;
                if self.issues.len() < MAX_ISSUES {
                    // Re-rooted at the row's index in the whole list: `[12, "phoneNumber"]`.
                    issue.path.remove(0);
                    if let Some(at) = issue.path.first_mut() {
                        *at = PathSeg::Index(row);
                    }
                    self.issues.push(issue);
                }
            } else if slot.is_none() {
                // `phoneNumber: Invalid phone number`, the path after the row's index.
                let at = path_to_string(issue.path.get(2..).unwrap_or_default());
                let reason = if at.is_empty() { issue.message } else { at + ": " + &issue.message };
                *slot = Some(RowRejection::new(row, issue.code.as_str().into(), reason, false));
            }
        }
        // A plan that fails sends nothing: no chunk is needed, nor its rejected rows.
        let rows = tree.get(list).and_then(Json::as_array).unwrap_or_default();
        let live = if self.failed { 0 } else { spans.len() };
        for (i, &(row, start, end)) in spans.iter().take(live).enumerate() {
            if let Some(r) = invalid.get_mut(i).and_then(Option::take) {
                self.reject(r);
                continue;
            }
            // A vendor that drops phones a task already holds (BYRobot) gets its duplicates: it
            // removes them itself, and its rules make them warnings.
            let phone = rows.get(i).and_then(|r| r.get(self.shape.phone_key)).and_then(Json::as_str).filter(|_| !self.shape.dedupes);
            if let Some(phone) = phone {
                let first = self.seen.first(phone, row);
                if first != row {
                    let message = issue::message(IssueCode::DuplicateValue, &params! {"firstIndex": first, "index": row}, self.locale);
                    self.reject(RowRejection { duplicate_of: Some(first), ..RowRejection::new(row, IssueCode::DuplicateValue.as_str().into(), self.shape.phone_key.to_string() + ": " + &message, false) });
                    continue;
                }
            }
            self.append(row, window.get(start..end).unwrap_or("null"));
        }
        drop(tree);
        window.truncate(self.head.len());
        self.window = window;
    }

    fn reject(&mut self, r: RowRejection) {
        self.rejected.push(r);
        self.rejected_total += 1;
    }

    fn append(&mut self, row: usize, text: &str) {
        if self.body_rows.2 > 0 {
            self.body.push(',');
        } else {
            self.body_rows.0 = row;
        }
        self.body.push_str(text);
        self.body_rows.1 = row;
        self.body_rows.2 += 1;
        if self.body_rows.2 >= self.size {
            self.emit();
        }
    }

    fn emit(&mut self) {
        let mut body = std::mem::replace(&mut self.body, self.head.clone());
        body.push_str("]}");
        let (first, last, rows) = std::mem::take(&mut self.body_rows);
        self.ready.push(Chunk { n: self.chunks, first, end: last + 1, rows, body });
        self.chunks += 1;
    }
}
