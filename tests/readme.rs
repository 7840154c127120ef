//! What is written about the code must match it: the README's capability matrix and issue-code
//! table, and the core's tables the package build reads (`src/package-tables.json`), all
//! generated here (`WAIHU_BLESS=1 cargo test --test readme` rewrites them); and each vendor's
//! TypeScript operation map (the npm package's types) against its endpoint table.

use waihu::issue::{message, IssueCode, Locale};
use waihu::Operation;

fn matrix() -> String {
    let mut s = String::from("| operation | tanyi | byrobot | itniotech | zxycall |\n|---|---|---|---|---|\n");
    for op in Operation::ALL {
        let cells: Vec<String> = waihu::vendors::ALL
            .iter()
            .map(|v| match v.endpoint(*op) {
                Some(e) => format!("{} `{}`", e.method.as_str(), e.path),
                None => "—".into(),
            })
            .collect();
        if cells.iter().all(|c| c == "—") {
            continue;
        }
        s.push_str(&format!("| `{}` | {} |\n", op.as_str(), cells.join(" | ")));
    }
    s
}

/// The unified task spec's capability matrix, from `capabilities` (one row per spec field).
fn spec_matrix() -> String {
    let mut s = String::from("| spec field | tanyi | byrobot | itniotech | zxycall |\n|---|---|---|---|---|\n");
    let caps: Vec<serde_json::Value> = waihu::vendors::ALL.iter().map(|v| waihu::unified::capabilities(*v).unwrap()).collect();
    for (row, first) in caps[0].as_array().unwrap().iter().enumerate() {
        let field = first["field"].as_str().unwrap();
        let cells: Vec<String> = caps.iter().map(|c| cell(field, &c[row])).collect();
        s.push_str(&format!("| `{field}` | {} |\n", cells.join(" | ")));
    }
    s
}

fn cell(field: &str, c: &serde_json::Value) -> String {
    let severity = c["severity"].as_str().unwrap_or_default();
    match c["support"].as_str().unwrap() {
        "supported" => "✓".into(),
        "unsupported" => format!("— ({severity})"),
        "vendorOptions" => format!("only `vendorOptions.{}` ({severity} without it, else warning)", c["option"].as_str().unwrap()),
        _ => {
            let mut parts = Vec::new();
            if let Some(n) = c["maximum"].as_u64() {
                parts.push(format!("at most {n}"));
            }
            if c["dateOnly"] == true {
                parts.push("a date, no time of day".to_string());
            }
            if let Some(values) = c["values"].as_array() {
                let all = waihu::unified::spec::ENUMS.iter().find(|(p, _)| p.split('.').next() == Some(field)).unwrap().1;
                let missing: Vec<String> = all.iter().filter(|v| !values.contains(&serde_json::json!(v))).map(|v| format!("`{v}`")).collect();
                parts.push(format!("not {}", missing.join(", ")));
            }
            if parts.is_empty() {
                parts.push("in part".into());
            }
            parts.join("; ")
        }
    }
}

fn codes() -> String {
    let mut s = String::from("| code | English | 中文 |\n|---|---|---|\n");
    let p = waihu::params! {"minimum": "{minimum}", "maximum": "{maximum}", "min": "{min}", "max": "{max}", "start": "{start}", "end": "{end}", "other": "{other}", "firstIndex": "{firstIndex}", "list": "{list}", "reason": "{reason}", "expected": "{expected}", "format": "{format}", "options": "{options}", "vendor": "{vendor}"};
    for code in IssueCode::ALL {
        s.push_str(&format!("| `{}` | {} | {} |\n", code.as_str(), message(code, &p, Locale::En), message(code, &p, Locale::ZhCn)));
    }
    s
}

fn section(readme: &str, name: &str) -> Option<(usize, usize)> {
    let start = readme.find(&format!("<!-- {name}:start -->"))? + format!("<!-- {name}:start -->\n").len();
    let end = readme.find(&format!("<!-- {name}:end -->"))?;
    Some((start, end))
}

#[test]
fn readme_tables_match_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let mut readme = std::fs::read_to_string(path).unwrap();
    for (name, table) in [("matrix", matrix()), ("codes", codes()), ("spec", spec_matrix())] {
        let (a, b) = section(&readme, name).unwrap_or_else(|| panic!("README lacks the {name} markers"));
        if std::env::var("WAIHU_BLESS").is_ok() {
            readme.replace_range(a..b, &table);
        } else {
            assert_eq!(readme[a..b], table, "README {name} table is stale: run WAIHU_BLESS=1 cargo test --test readme");
        }
    }
    if std::env::var("WAIHU_BLESS").is_ok() {
        std::fs::write(path, readme).unwrap();
    }
}

/// What pkg-template/codegen.mjs generates the package's error classes, their guards and proxy
/// statuses, `VENDORS` and `capabilities()` from: written from the core's tables here, so the
/// package build needs no second compile and the .wasm carries none of it.
fn package_tables() -> String {
    let kinds: Vec<serde_json::Value> = waihu::Error::KINDS.iter().map(|(name, code)| serde_json::json!([name, code])).collect();
    let mut caps = serde_json::Map::new();
    for v in waihu::vendors::ALL.iter() {
        caps.insert(v.as_str().into(), waihu::unified::capabilities(*v).unwrap());
    }
    let vendors: Vec<&str> = waihu::vendors::ALL.iter().map(|v| v.as_str()).collect();
    let tables = serde_json::json!({ "errorKinds": kinds, "statuses": waihu::edge::STATUS, "vendors": vendors, "capabilities": caps });
    serde_json::to_string_pretty(&tables).unwrap() + "\n"
}

#[test]
fn package_tables_match_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/package-tables.json");
    let tables = package_tables();
    if std::env::var("WAIHU_BLESS").is_ok() {
        std::fs::write(path, &tables).unwrap();
    } else {
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert!(written == tables, "src/package-tables.json is stale: run WAIHU_BLESS=1 cargo test --test readme");
    }
}

#[test]
fn typescript_operation_maps_match_the_endpoint_tables() {
    for v in waihu::vendors::ALL {
        let mut ts: Vec<&str> = v.ts_operations().iter().map(|(op, _, _)| *op).collect();
        let mut ops: Vec<&str> = v.operations().iter().map(|o| o.as_str()).collect();
        ts.sort_unstable();
        ops.sort_unstable();
        assert_eq!(ts, ops, "{}", v.as_str());
    }
}
