//! Import plans at the boundary: the core plans and folds; JS (pkg-template/api.js) sends the
//! chunks with bounded concurrency, progress and cancel, in between.

use wasm_bindgen::prelude::*;

use super::{config_error, from_json, options_of, to_js_error, to_json, vendor_of};
use crate::import::{self, ChunkOutcome, ImportOptions, Plan};

/// A planned import: its chunks' params, and the fold of their outcomes into a report.
#[wasm_bindgen]
pub struct ImportPlan {
    plan: Plan,
}

/// Validates every row and cuts the chunks. Throws ValidationError (issue paths start at the
/// row index) unless `options.skipInvalid`.
#[wasm_bindgen(js_name = planImport)]
pub fn plan_import(
    vendor: &str,
    task_id_json: &str,
    customers_json: &str,
    // JSON text of `RawImportOptions`, or `null`.
    options_json: &str,
) -> Result<ImportPlan, JsValue> {
    let vendor = vendor_of(vendor)?;
    let options: ImportOptions = options_of(options_json, "import options", crate::options::import_options)?;
    let plan = import::plan(vendor, &from_json(task_id_json)?, from_json(customers_json)?, &options).map_err(|e| to_js_error(&e))?;
    Ok(ImportPlan { plan })
}

impl ImportPlan {
    pub(crate) fn chunk(&self, i: usize) -> Option<&serde_json::Value> {
        self.plan.chunks.get(i).map(|c| &c.params)
    }
}

#[wasm_bindgen]
impl ImportPlan {
    /// Input rows.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> usize {
        self.plan.total
    }

    #[wasm_bindgen(getter, js_name = chunkCount)]
    pub fn chunk_count(&self) -> usize {
        self.plan.chunks.len()
    }

    /// Rows rejected before sending (invalid with skipInvalid, or duplicates).
    #[wasm_bindgen(getter, js_name = rejectedCount)]
    pub fn rejected_count(&self) -> usize {
        self.plan.rejected.len()
    }

    /// How many rows chunk `i` holds.
    #[wasm_bindgen(js_name = chunkRows)]
    pub fn chunk_rows(&self, i: usize) -> usize {
        self.plan.chunks.get(i).map_or(0, |c| c.rows.len())
    }

    /// The report (JSON text of `ImportReport`), from the JSON text of one outcome per chunk
    /// (`{kind: "applied", data}`, `{kind: "rejected", code, message, retryable}`,
    /// `{kind: "unknown", reason}`, `{kind: "notSent"}`).
    pub fn finish(&self, outcomes_json: &str) -> Result<String, JsValue> {
        let outcomes: Vec<ChunkOutcome> = crate::options::chunk_outcomes(&from_json(outcomes_json)?).map_err(|e| config_error(&format!("invalid chunk outcomes: {e}")))?;
        Ok(to_json(&self.plan.fold(&outcomes)))
    }
}
