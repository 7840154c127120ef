//! Native timing of `validate` on bench section 2's 100-row Tanyi batch, from JSON text (as
//! the wasm boundary gets it): `cargo run --release --example validate_native`.

use std::time::Instant;

use waihu::{Operation, ValidateOptions};

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
    let (vendor, op) = (waihu::vendors::parse("tanyi").unwrap(), Operation::ImportCustomers);
    if std::env::args().nth(1).as_deref() == Some("form-loop") {
        // For a profiler: parsing one Itniotech form only.
        for _ in 0..2_000_000 {
            std::hint::black_box(waihu::json::Json::from_str(std::hint::black_box(ITNIOTECH_FORM)).is_ok());
        }
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("loop") {
        // For a profiler: validate_json only.
        for _ in 0..200_000 {
            std::hint::black_box(vendor.validate_json(op, &text, &opts).unwrap().unwrap().len());
        }
        return;
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    println!("100-row Tanyi batch ({} bytes), µs per call:", text.len());
    println!("  validate_json (text):          {:.1}", time(|| vendor.validate_json(op, &text, &opts).unwrap().unwrap().len()));
    println!("  serde_json Value + validate:   {:.1}", time(|| vendor.validate(op, &serde_json::from_str(&text).unwrap(), &opts).unwrap().len()));
    println!("  Json::from_str alone:          {:.1}", time(|| waihu::json::Json::from_str(&text).is_ok() as usize));
    println!("  serde_json::from_str alone:    {:.1}", time(|| serde_json::from_str::<serde_json::Value>(&text).is_ok() as usize));
    println!("  validate(&Value) (tree made):  {:.1}", time(|| vendor.validate(op, &value, &opts).unwrap().len()));

    // One Itniotech task form as section 2 makes them (valid; `i % 50 == 3` gives a warning).
    let (vendor, op) = (waihu::vendors::parse("itniotech").unwrap(), Operation::CreateTask);
    let sorted = r#"{"dailyEndDateTime":"20:00","dailyStartDateTime":"08:00","daysOfWeek":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"dialogFlowId":8663,"endDateTime":"2027-02-07 10:00:00","inactiveDateList":[{"endDate":"2027-01-03","startDate":"2027-01-01"}],"inactiveTimeList":[{"endTime":"13:00","startTime":"12:00"},{"endTime":"18:00","startTime":"17:00"}],"jobPhoneNumberId":2959,"mode":"AUTO","name":"任务3","redial":true,"redialCondition":["BUSY","NO_ANSWER"],"redialInterval":30,"redialTimes":2,"robotCount":4,"startDateTime":"2026-12-01 09:00:00"}"#;
    for form in [ITNIOTECH_FORM, &ITNIOTECH_FORM.replace("\"08:00\"", "\"09:00\""), sorted] {
        let issues = vendor.validate_json(op, form, &opts).unwrap().unwrap().len();
        println!("Itniotech task form ({} bytes, {issues} issues), µs per call:", form.len());
        println!("  validate_json (text):          {:.2}", time(|| vendor.validate_json(op, form, &opts).unwrap().unwrap().len()));
        println!("  Json::from_str alone:          {:.2}", time(|| waihu::json::Json::from_str(form).is_ok() as usize));
    }
}

const ITNIOTECH_FORM: &str = r#"{"name":"任务3","dialogFlowId":8663,"mode":"AUTO","startDateTime":"2026-12-01 09:00:00","endDateTime":"2027-02-07 10:00:00","dailyStartDateTime":"08:00","dailyEndDateTime":"20:00","robotCount":4,"jobPhoneNumberId":2959,"inactiveTimeList":[{"startTime":"12:00","endTime":"13:00"},{"startTime":"17:00","endTime":"18:00"}],"inactiveDateList":[{"startDate":"2027-01-01","endDate":"2027-01-03"}],"daysOfWeek":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"redial":true,"redialCondition":["BUSY","NO_ANSWER"],"redialInterval":30,"redialTimes":2}"#;
