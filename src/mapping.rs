//! The format of a vendor's unified table: how the fields of waihu's vendor-neutral task spec
//! (`src/unified/`) map onto the vendor's own `createTask` / `updateTask` params and back from
//! its task detail, and where its replies hold tasks and calls. Each vendor folder declares one
//! `Mapping` (its `unified.rs`); one interpreter reads them all. The tables are text, one entry
//! a line, because text is what the .wasm stores most compactly.
//!
//! `fields`: one line per entry, `<spec path> <vendor path> [<conversion>]`.
//! - Paths are dot-separated keys (`robotCallJob.dailyStartTime`); a digit step is an array
//!   index (`breaks.0.start`); `*` is every item of a list, the same index on both sides
//!   (`breaks.*.start` ↔ `robotCallJob.inactiveTimeList.*.startTime`), or, in a vendor path
//!   only, every item the vendor's list already has (`repeatCallRule.*.times`: one value into
//!   each rule). `-` is no path. A vendor path may add, after `|`, where the vendor's task
//!   detail holds the value when that differs from the params (`taskName|jobName`).
//! - A spec path starting with `+` applies to `createTask` only, with `^` to `updateTask` only.
//! - Conversions: none (the value as it is), `T` (`HH:mm`; read back from `HH:mm:ss`), `L` (a
//!   spec datetime as China time `yyyy-MM-dd HH:mm:ss`), `D` (as its China date `yyyy-MM-dd`; a
//!   time of day is `unsupported_field`), `a=A,b=B` (spec enum value → the vendor's; digits are
//!   sent as a number; a value not listed is `unsupported_field`), `?` (whether the spec gives
//!   the field, as a boolean), `=0` (always this value), `#3` (at most 3 items of the spec list),
//!   `!` / `~` (the vendor cannot express it: `unsupported_field`, an error / a warning),
//!   `@key` (only through `vendorOptions.<vendor>.<key>`: an error without it, a warning with
//!   it, since it then decides).
//!
//! Entries are read in order: a list is written before the values copied into its items, and
//! the first entry covering a vendor issue's path names its spec path.

use crate::records::Tables;

#[derive(Debug)]
pub struct Mapping {
    pub fields: &'static str,
    /// One line per operation: `<operation> <path>`, where it takes the task's (for `getCall`,
    /// the call's) id (`updateTask`'s is inside the params), or `<operation> {…}`, JSON merged
    /// under the caller's params (the paging a query requires). An operation not listed takes
    /// no id (Itniotech's `listCalls`: its records are filtered by task).
    pub ops: &'static str,
    /// Where a list reply holds its items (a path; a reply that is no list is one item).
    pub items: &'static str,
    /// A task's and a call's members in a reply's item (`crate::records::Tables`: the first
    /// member is the record's id, without which the item is no record). `call` is "" where the
    /// vendor documents no call records.
    pub task: &'static str,
    pub call: &'static str,
    pub tables: Tables,
}

/// The rest of the line of `table` that starts with `key` and a space.
pub fn line_of<'t>(table: &'t str, key: &str) -> Option<&'t str> {
    table.split('\n').find_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
}
