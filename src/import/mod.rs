//! Customer imports, the pure half. `plan`: the streaming planner (rows in, as they arrive, in
//! any of three formats; validated, de-duplicated, cut into chunks of the vendor's limit). The
//! sender (`client.importCustomers` in one process, or a queue's consumers) sends the chunks;
//! `report` turns each chunk's outcome into a report that accounts for every input row; `queue`
//! holds the rules for sending through a queue with a ledger.

mod csv;
pub mod plan;
pub mod queue;
pub mod report;
mod write;

pub use csv::customers as csv_customers;
pub use csv::CsvReader;
pub use plan::{Chunk, Format, Planner};
pub use report::{report, ChunkOutcome, ImportReport, Resume, RowRejection, RowUnknown, Sent};

use serde_json::{Map, Value};

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
