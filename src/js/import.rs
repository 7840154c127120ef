//! Imports at the boundary: the core's streaming planner, the send of one chunk, and the
//! queue's rules. pkg-template/api.js schedules a client's sends (a bounded number at a time,
//! progress, the caller's signal); pkg-template/queue.js wires the queue, its consumer and the
//! ledger. (The loops are JS: in Rust their futures and closures were ~3 KiB of gzipped .wasm.)

use wasm_bindgen::prelude::*;

use super::{from_json, options_of, to_js_error, to_json, vendor_of};
use crate::import::queue::Backoff;
use crate::import::{self, Format, ImportOptions, Planner};
use crate::json::Json;

/// An import being planned: rows in (`push`), chunks and rejected rows out (`take`).
#[wasm_bindgen]
pub struct ImportPlanner {
    planner: Planner,
}


#[wasm_bindgen]
impl ImportPlanner {
    /// The rows come as text in pieces of any size: CSV with `csv`, else NDJSON (a JSON row a
    /// line). Throws ValidationError for the task id and the other call members (`extra`).
    #[wasm_bindgen(constructor)]
    pub fn new(vendor: &str, task_id_json: &str, options_json: &str, csv: bool) -> Result<ImportPlanner, JsValue> {
        let vendor = vendor_of(vendor)?;
        let options: ImportOptions = options_of(options_json, "import options", crate::options::import_options)?;
        let format = if csv { Format::Csv } else { Format::Ndjson };
        let planner = Planner::new(vendor, &from_json(task_id_json)?, &options, format).map_err(|e| to_js_error(&e))?;
        Ok(ImportPlanner { planner })
    }

    /// Plans the rows in `text` (with `last`, the end of the input), and returns what is
    /// planned since the last call: a line of JSON, `{chunks: [{first, end, rows}], rejected:
    /// RowRejection[], total, rejectedCount, concurrency}` (the counts so far; the chunks to
    /// keep in flight), then each chunk's body (the JSON text of its params) on a line of its
    /// own. Throws ValidationError when a CSV header names no phone column and, at the end, for invalid rows (issue paths start at the row
    /// index) unless `skipInvalid`.
    pub fn push(&mut self, text: &str, last: bool) -> Result<String, JsValue> {
        let mut result = self.planner.text(text);
        if last && result.is_ok() {
            result = self.planner.end();
        }
        result.map_err(|e| to_js_error(&e))?;
        Ok(self.planner.take_text())
    }
}

/// An import's report, as JSON text of `ImportReport`, from what its sender keeps (`{total,
/// rejected: RowRejection[], chunks: [first, end, outcome | null][]}`: the planner's rejected
/// rows and chunks, and each chunk's outcome, null while it is still to be sent; see
/// `import::report::report_of_state`): a client's import and a queue's ledger alike. An empty
/// string for a state not of that shape (the package's own code builds it).
#[wasm_bindgen(js_name = importReport)]
pub fn import_report(vendor: &str, state_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let report = Json::from_str(state_json).ok().and_then(|state| import::report::report_of_state(vendor, &state));
    Ok(report.map(|r| to_json(&r)).unwrap_or_default())
}

/// Seconds a queue's consumer waits before a chunk back in the queue (outcome `status`
/// `"queued"`) is delivered again: `base · 2^(attempt − 1)`, at most `max`, where `attempt` is
/// the message's delivery count (1 the first time).
#[wasm_bindgen(js_name = importBackoff)]
pub fn import_backoff(attempt: u32, base: u32, max: u32) -> u32 {
    Backoff { base, max }.delay(attempt)
}

/// A CSV list's customers (`{name?, phone, properties?}[]`) as JSON text, read by the core's
/// CSV reader (the same one the planner uses); an empty string when the header names no phone
/// column.
#[wasm_bindgen(js_name = csvCustomers)]
pub fn csv_customers(text: &str) -> String {
    import::csv_customers(text).unwrap_or_default()
}
