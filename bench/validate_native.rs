//! Native timing of `validate` on bench section 2's 100-row Tanyi batch, from JSON text (as
//! the wasm boundary gets it): `cargo run --release --example validate_native`.

use std::time::Instant;

use waihu::vendors::{self, Operation, ValidateOptions, Vendor};

fn batch(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let phone = if i % 997 == 5 { "not a phone".to_string() } else { format!("139{i:08}") };
            format!(r#"{{"name":"客户{i}","phoneNumber":"{phone}","properties":{{"金额":"{}","日期":"2026年11月23日"}}}}"#, i % 1000)
        })
        .collect();
    format!(r#"{{"robotCallJobId":1,"customerPersons":[{}]}}"#, rows.join(","))
}

/// Best of 5 rounds, µs per call.
fn time(f: impl Fn() -> usize) -> f64 {
    let n = 20_000;
    for _ in 0..n / 10 {
        std::hint::black_box(f());
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(f());
        }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    best * 1e6
}

fn main() {
    let text = batch(100);
    let opts = ValidateOptions::default();
    let (vendor, op) = (Vendor::Tanyi, Operation::ImportCustomers);
    if std::env::args().nth(1).as_deref() == Some("loop") {
        // For a profiler: validate_json only.
        for _ in 0..200_000 {
            std::hint::black_box(vendors::validate_json(vendor, op, &text, &opts).unwrap().unwrap().len());
        }
        return;
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    println!("100-row Tanyi batch ({} bytes), µs per call:", text.len());
    println!("  validate_json (text):          {:.1}", time(|| vendors::validate_json(vendor, op, &text, &opts).unwrap().unwrap().len()));
    println!("  serde_json Value + validate:   {:.1}", time(|| vendors::validate(vendor, op, &serde_json::from_str(&text).unwrap(), &opts).unwrap().len()));
    println!("  Json::from_str alone:          {:.1}", time(|| waihu::json::Json::from_str(&text).is_ok() as usize));
    println!("  serde_json::from_str alone:    {:.1}", time(|| serde_json::from_str::<serde_json::Value>(&text).is_ok() as usize));
    println!("  validate(&Value) (tree made):  {:.1}", time(|| vendors::validate(vendor, op, &value, &opts).unwrap().len()));
}
