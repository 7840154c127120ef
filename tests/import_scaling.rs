//! Issue 12 item 15: planning an import is linear in its rows and bounded in memory. Counted,
//! not timed (timings are in bench/): this binary's allocator counts allocations and the peak
//! of live bytes while 10 000 and 100 000 rows are planned as a streaming sender plans them
//! (text in pieces, what is planned taken after each piece). Its own binary: the counting
//! allocator sees every thread, and this is its only test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use serde_json::json;
use waihu::import::{Format, ImportOptions, Planner};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Allocations and peak live bytes (above those live before) for planning `n` rows.
fn plan(n: usize) -> (usize, usize, usize) {
    let vendor = waihu::vendors::parse("tanyi").unwrap();
    let options = ImportOptions { skip_invalid: true, ..Default::default() };
    let mut piece = String::with_capacity(70_000);
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let allocs = ALLOCS.load(Relaxed);
    let mut p = Planner::new(vendor, &json!(7), &options, Format::Ndjson).unwrap();
    let mut chunks = 0;
    for i in 0..n {
        // Every 50th row repeats an earlier phone in another spelling.
        let phone = if i % 50 == 49 { format!("+86 139{:08}", i - 7) } else { format!("139{i:08}") };
        piece.push_str(&format!("{{\"name\":\"客户{i}\",\"phone\":\"{phone}\",\"properties\":{{\"amount\":{}}}}}\n", i % 97));
        if piece.len() > 64_000 {
            p.text(&piece).unwrap();
            piece.clear();
            chunks += p.take().0.len();
        }
    }
    p.text(&piece).unwrap();
    p.end().unwrap();
    chunks += p.take().0.len();
    assert_eq!((p.total(), p.rejected_count()), (n, n / 50));
    assert_eq!(chunks, (n - n / 50).div_ceil(100));
    drop(p);
    (ALLOCS.load(Relaxed) - allocs, PEAK.load(Relaxed) - base, chunks)
}

#[test]
fn planning_grows_linearly_in_allocations_and_memory_stays_bounded() {
    plan(1_000);
    let (a10, m10, _) = plan(10_000);
    let (a100, m100, _) = plan(100_000);
    eprintln!("10k rows: {a10} allocations, peak {m10} B; 100k rows: {a100} allocations, peak {m100} B");
    // Linear: ten times the rows, about ten times the allocations (a super-linear planner, or
    // one re-reading what it planned, would be far above).
    let ratio = a100 as f64 / a10 as f64;
    assert!((8.0..=12.0).contains(&ratio), "allocations grew {ratio}×");
    // Bounded: the duplicate keys (12 bytes a slot, at most 4 slots a row, and the old table
    // beside the new one while it doubles: 72 bytes a row at worst) and a window of one chunk;
    // never the rows or the chunks planned.
    assert!(m100 < 72 * 100_000 + 1_000_000, "peak {m100} B for 100k rows");
    assert!(m100 < m10 * 12, "peak grew from {m10} B to {m100} B");
}
