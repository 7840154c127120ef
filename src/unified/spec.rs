//! The unified task spec: its fields and the checks that need no vendor. Which vendor field
//! each one becomes is each vendor's table (`src/vendors/<vendor>/unified.rs`); the vendor's
//! own rules check the values it takes.

use serde_json::Value;

use crate::check::Path;
use crate::issue::{Issue, IssueCode, PathSeg, Severity};
use crate::params;

/// Every field, by path (`*`: each item of a list), `{}` after an object and `[]` after a
/// list. The ones without a dot are the top-level fields, in the capability matrix's order.
pub const FIELDS: &str = "name script lines[] lines.* lineType robots concurrency start{} start.mode start.at end hours{} hours.start \
    hours.end breaks[] breaks.*{} breaks.*.start breaks.*.end days[] days.* skipDates[] skipDates.*{} skipDates.*.start skipDates.*.end \
    redial{} redial.times redial.interval redial.on[] redial.on.* note vendorOptions{}";

/// The values of the spec's enums.
pub const ENUMS: &[(&str, &[&str])] = &[
    ("lineType", &["mobile", "landline", "unfixed", "policyGroup"]),
    ("start.mode", &["manual", "auto"]),
    ("days.*", &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
    // `CallOutcome` names, without `answered` and `blocked`.
    ("redial.on.*", &["noAnswer", "busy", "rejected", "unreachable", "poweredOff", "outOfService", "vacant", "callerLineError", "dropped", "failed"]),
];

/// What an absent `start.mode` means: a task starts by hand unless told otherwise.
pub const DEFAULT_START: &str = "manual";

pub fn enum_values(pattern: &str) -> &'static [&'static str] {
    ENUMS.iter().find(|(p, _)| *p == pattern).map_or(&[], |(_, v)| v)
}

/// The kind of a field: `Some(b'{')` an object, `Some(b'[')` a list, `Some(0)` a value, None:
/// not a spec field.
fn kind(pattern: &str) -> Option<u8> {
    FIELDS.split(' ').find_map(|f| {
        let rest = f.strip_prefix(pattern)?;
        match rest {
            "" => Some(0),
            "{}" | "[]" => rest.bytes().next(),
            _ => None,
        }
    })
}

/// The spec's own issues, at spec paths: unknown keys (warnings: a likely typo), and an object
/// or a list where the spec has one. Each vendor's options are left to that vendor's rules.
pub fn check(spec: &Value, out: &mut Vec<Issue>) {
    walk(spec, "", b'{', &mut Path::new(), out);
}

fn walk(v: &Value, pattern: &str, kind_: u8, path: &mut Path, out: &mut Vec<Issue>) {
    let expected = match (kind_, v) {
        (_, Value::Null) | (0, _) => return,
        (b'{', Value::Object(m)) => {
            if pattern == "vendorOptions" {
                return;
            }
            for (k, child) in m {
                let p = if pattern.is_empty() { k.clone() } else { [pattern, ".", k].concat() };
                path.push(PathSeg::Key(k.clone()));
                match kind(&p) {
                    Some(c) => walk(child, &p, c, path, out),
                    None => out.push(Issue::new(IssueCode::UnrecognizedKey, path.clone(), params! {}, Severity::Warning)),
                }
                path.pop();
            }
            return;
        }
        (b'[', Value::Array(items)) => {
            let p = [pattern, ".*"].concat();
            let c = kind(&p).unwrap_or(0);
            for (i, item) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                walk(item, &p, c, path, out);
                path.pop();
            }
            return;
        }
        (b'[', _) => "array",
        _ => "object",
    };
    out.push(Issue::new(IssueCode::InvalidType, path.clone(), params! {"expected": expected}, Severity::Error));
}
