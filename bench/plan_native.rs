//! Native timing of the streaming planner on a CSV list (for profiling; the wasm comparison is
//! bench/plan-csv.mjs): `cargo run --release --example plan_native [rows]`.
use waihu::import::{Format, ImportOptions, Planner};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let mut text = String::from("name,phone,amount\r\n");
    for i in 0..n {
        let phone = if i % 50 == 49 { format!("+86 139{:08}", i - 7) } else { format!("139{i:08}") };
        text += &format!("客户{i},{phone},{}\r\n", i % 97);
    }
    let vendor = waihu::vendors::parse("tanyi").unwrap();
    let t0 = std::time::Instant::now();
    let mut p = Planner::new(vendor, &serde_json::json!(1), &ImportOptions { skip_invalid: true, ..Default::default() }, Format::Csv).unwrap();
    let mut chunks = 0;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let mut at = rest.len().min(65_536);
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (piece, tail) = rest.split_at(at);
        p.text(piece).unwrap();
        chunks += p.take().0.len();
        rest = tail;
    }
    p.end().unwrap();
    chunks += p.take().0.len();
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    println!("{n} rows: {chunks} chunks, {} rejected, {ms:.0} ms, {:.0} rows/s", p.rejected_count(), n as f64 / ms * 1000.0);
}
