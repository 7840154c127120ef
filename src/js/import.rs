//! Imports at the boundary: the core plans, sorts each chunk's result into an outcome, and
//! folds the outcomes into a report; pkg-template/api.js only schedules the sends (a bounded
//! number at a time, progress, the caller's signal) in between. (The loop is JS: in Rust its
//! futures and closures were ~3 KiB of gzipped .wasm.)

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::client::{call_options, spawn, Client, Send, Sink};
use super::{from_json, options_of, to_js_error, to_json, vendor_of};
use crate::import::{self, ChunkOutcome, ImportOptions, Plan};
use crate::vendor::Operation;

/// A planned import: its chunks' params, their outcomes so far, and the fold into a report.
#[wasm_bindgen]
pub struct ImportPlan {
    plan: std::rc::Rc<Plan>,
    outcomes: std::rc::Rc<RefCell<Vec<ChunkOutcome>>>,
}

/// Validates every row and cuts the chunks. Throws ValidationError (issue paths start at the
/// row index) unless `options.skipInvalid`.
#[wasm_bindgen(js_name = planImport)]
pub fn plan_import(
    #[wasm_bindgen(unchecked_param_type = "unknown")] vendor: JsValue,
    task_id_json: &str,
    customers_json: &str,
    // JSON text of `RawImportOptions`, or `null`.
    options_json: &str,
) -> Result<ImportPlan, JsValue> {
    let vendor = vendor_of(&vendor)?;
    let options: ImportOptions = options_of(options_json, "import options", crate::options::import_options)?;
    let plan = import::plan(vendor, &from_json(task_id_json)?, from_json(customers_json)?, &options).map_err(|e| to_js_error(&e))?;
    let outcomes = vec![ChunkOutcome::NotSent; plan.chunks.len()];
    Ok(ImportPlan { plan: plan.into(), outcomes: RefCell::new(outcomes).into() })
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

    /// Chunks to keep in flight at once.
    #[wasm_bindgen(getter)]
    pub fn concurrency(&self) -> usize {
        self.plan.concurrency
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

    /// The report, as JSON text of `ImportReport`, from the outcomes recorded so far (a chunk
    /// never sent counts as not sent).
    pub fn finish(&self) -> String {
        to_json(&self.plan.fold(&self.outcomes.borrow()))
    }
}

#[wasm_bindgen]
impl Client {
    /// Sends chunk `i` of `plan` (its rows were validated when planned, so only the credentials,
    /// base URL and headers are checked), records its outcome in the plan, and resolves to the
    /// outcome's kind: `"applied"`, `"rejected"`, `"unknown"` or `"notSent"`. Never rejects for
    /// the chunk's own failure: that is its outcome.
    #[wasm_bindgen(js_name = sendChunk, unchecked_return_type = "Promise<\"applied\" | \"rejected\" | \"unknown\" | \"notSent\">")]
    pub fn send_chunk(&self, plan: &ImportPlan, i: usize, options_json: &str, #[wasm_bindgen(unchecked_param_type = "AbortSignal | undefined")] signal: JsValue) -> js_sys::Promise {
        let chunk = plan.plan.chunks.get(i).filter(|_| plan.plan.vendor == self.config.vendor);
        let prepared = match chunk {
            Some(chunk) => call_options(&self.config, options_json).map(|send| (chunk.params.clone(), send)),
            None => Err(super::invalid_argument("no such chunk in a plan for this client's vendor")),
        };
        match prepared {
            Ok((params, send)) => spawn(Send {
                locale: self.config.locale,
                config: self.config.clone(),
                op: Operation::ImportCustomers,
                params,
                send,
                signal: signal.dyn_into().ok(),
                sink: Sink::Chunk(plan.outcomes.clone(), i),
            }),
            Err(e) => js_sys::Promise::reject(&e),
        }
    }
}
