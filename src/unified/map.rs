//! The one interpreter of the vendors' tables (`crate::mapping`): spec → vendor params, the
//! vendor's task detail → spec, and a vendor issue's path → the spec path the user typed.
//! (Written with plain loops over the table's text: it is all in the .wasm, once.)

use serde_json::{Map, Value};

use crate::check::Path;
use crate::issue::{path_to_string, Issue, IssueCode, PathSeg, Severity};
use crate::mapping::Mapping;
use crate::params;
use crate::records::{find_at as get, index, iso, text};
use crate::time;

use super::spec;

/// One mapping at work: the vendor's table, its id, the spec and its `vendorOptions.<vendor>`.
pub struct Ctx<'a> {
    pub m: &'static Mapping,
    pub vendor: &'static str,
    pub spec: &'a Value,
    pub options: Option<&'a Value>,
    pub update: bool,
    /// Where the params hold the id of the task being updated (`""` on create).
    pub id: &'static str,
}

/// One line of a table.
pub struct Entry<'t> {
    /// The spec path, without its `+` / `^`; `""` for none.
    pub spec: &'t str,
    /// The vendor's params path; `""` for none.
    pub params: &'t str,
    /// Where the vendor's task detail holds it (the params path unless the line says).
    pub detail: &'t str,
    pub conv: &'t str,
    pub create: bool,
    pub update: bool,
}

pub fn entry(line: &str) -> Option<Entry<'_>> {
    let mut parts = line.split(' ');
    let (mut spec, vendor, conv) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
    let (create, update) = (!spec.starts_with('^'), !spec.starts_with('+'));
    if !(create && update) {
        spec = spec.get(1..)?;
    }
    let vendor = if vendor == "-" { "" } else { vendor };
    let (params, detail) = vendor.split_once('|').unwrap_or((vendor, vendor));
    Some(Entry { spec: if spec == "-" { "" } else { spec }, params, detail, conv, create, update })
}

/// Whether a conversion is an enum map (`a=A,b=B`).
pub fn is_map(conv: &str) -> bool {
    conv.contains('=') && !conv.starts_with('=')
}

/// `pattern` as a path, `*` standing for `i`.
fn concrete(pattern: &str, i: usize) -> Path {
    let mut out = Path::new();
    for step in pattern.split('.') {
        out.push(match index(step, i) {
            Some(n) => PathSeg::Index(n),
            None => PathSeg::Key(step.to_string()),
        });
    }
    out
}

/// The list before a pattern's `*` (`breaks` of `breaks.*.start`).
fn list_of(pattern: &str) -> Option<&str> {
    pattern.split_once('*').map(|(list, _)| list.trim_end_matches('.'))
}

fn len(v: Option<&Value>) -> usize {
    v.and_then(Value::as_array).map_or(0, Vec::len)
}

/// Sets `pattern` (`*` = item `i`), making the objects and lists on the way.
pub fn set(target: &mut Value, pattern: &str, i: usize, value: Value) {
    let mut cur = target;
    for step in pattern.split('.') {
        cur = match index(step, i) {
            Some(n) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(items) = cur else { return };
                if items.len() <= n {
                    items.resize(n + 1, Value::Null);
                }
                match items.get_mut(n) {
                    Some(item) => item,
                    None => return,
                }
            }
            None => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                let Value::Object(m) = cur else { return };
                if !m.contains_key(step) {
                    m.insert(step.to_string(), Value::Null);
                }
                match m.get_mut(step) {
                    Some(v) => v,
                    None => return,
                }
            }
        };
    }
    *cur = value;
}

/// `from` merged into `into`: objects member by member, anything else replaced.
pub fn merge(into: &mut Value, from: &Value) {
    if let (Value::Object(a), Value::Object(b)) = (&mut *into, from) {
        for (k, v) in b {
            match a.get_mut(k) {
                Some(slot) => merge(slot, v),
                None => {
                    a.insert(k.clone(), v.clone());
                }
            }
        }
    } else {
        *into = from.clone();
    }
}

/// A vendor enum value: digits as a number.
fn literal(s: &str) -> Value {
    match index(s, 0) {
        Some(n) => Value::from(n as u64),
        None => Value::from(s),
    }
}

fn report(out: &mut Vec<Issue>, code: IssueCode, path: Path, params: Map<String, Value>, severity: Severity) {
    out.push(Issue::new(code, path, params, severity));
}

fn unsupported(cx: &Ctx, out: &mut Vec<Issue>, severity: Severity, path: Path, reason: &str, extra: Option<(&str, Value)>) {
    let mut p = params! {"vendor": cx.vendor, "reason": reason};
    if let Some((k, v)) = extra {
        crate::issue::put_param(&mut p, k, v);
    }
    report(out, IssueCode::UnsupportedField, path, p, severity);
}

/// The vendor's value for one spec value, or None (with the issue, if it has one).
fn convert(cx: &Ctx, conv: &str, v: &Value, pattern: &str, i: usize, out: &mut Vec<Issue>) -> Option<Value> {
    if is_map(conv) {
        let s = v.as_str().unwrap_or_default();
        for pair in conv.split(',') {
            if let Some((_, to)) = pair.split_once('=').filter(|(from, _)| *from == s) {
                // `manual=`: accepted, and nothing sent.
                return (!to.is_empty()).then(|| literal(to));
            }
        }
        let options = spec::enum_values(pattern);
        if options.contains(&s) {
            unsupported(cx, out, Severity::Error, concrete(pattern, i), "no_value", None);
        } else {
            report(out, IssueCode::InvalidEnum, concrete(pattern, i), params! {"options": options}, Severity::Error);
        }
        return None;
    }
    if conv != "L" && conv != "D" {
        return Some(v.clone());
    }
    let Some(t) = v.as_str().and_then(time::parse_iso) else {
        report(out, IssueCode::InvalidFormat, concrete(pattern, i), params! {"format": "ISO 8601"}, Severity::Error);
        return None;
    };
    if conv == "L" {
        return Some(time::format_china(t, b' ').into());
    }
    if t % 86_400 != 0 {
        unsupported(cx, out, Severity::Error, concrete(pattern, i), "date_only", None);
        return None;
    }
    Some(time::format_china(t, 0).into())
}

/// The most items the vendor takes in the spec list `list` (its `#` entry).
fn max_items(m: &Mapping, list: &str) -> usize {
    for line in m.fields.split('\n') {
        if let Some(e) = entry(line).filter(|e| e.spec == list) {
            if let Some(n) = e.conv.strip_prefix('#').and_then(|n| index(n, 0)) {
                return n;
            }
        }
    }
    usize::MAX
}

/// The vendor's params for the spec, with what the vendor cannot take in `out`.
pub fn params(cx: &Ctx, out: &mut Vec<Issue>) -> Value {
    let default_start = Value::from(spec::DEFAULT_START);
    let mut params = Value::Object(Map::new());
    for line in cx.m.fields.split('\n') {
        let Some(e) = entry(line).filter(|e| if cx.update { e.update } else { e.create }) else { continue };
        let given = get(cx.spec, e.spec, 0);
        let arg = e.conv.get(1..).unwrap_or_default();
        match e.conv.bytes().next() {
            Some(b'?') => set(&mut params, e.params, 0, Value::Bool(given.is_some())),
            Some(b'=') => set(&mut params, e.params, 0, literal(arg)),
            Some(tag @ (b'!' | b'~' | b'@')) => {
                if given.is_none() {
                    continue;
                }
                let named = cx.options.and_then(|o| o.get(arg)).is_some_and(|v| !v.is_null());
                let severity = if tag == b'~' || (tag == b'@' && named) { Severity::Warning } else { Severity::Error };
                let (reason, extra) = if tag == b'@' { ("vendor_option", Some(("option", Value::from(arg)))) } else { ("no_field", None) };
                unsupported(cx, out, severity, concrete(e.spec, 0), reason, extra);
            }
            Some(b'#') => {
                let max = index(arg, 0).unwrap_or(0);
                for i in max..len(given) {
                    let mut path = concrete(e.spec, 0);
                    path.push(PathSeg::Index(i));
                    unsupported(cx, out, Severity::Error, path, "too_many", Some(("maximum", Value::from(max as u64))));
                }
            }
            _ => {
                // Item by item, up to the vendor's most; or one value, into every item the
                // vendor's list already has when its path has a `*`.
                let items = list_of(e.spec).map(|list| len(get(cx.spec, list, 0)).min(max_items(cx.m, list)));
                let copies = list_of(e.params).map_or(1, |list| len(get(&params, list, 0)));
                for i in 0..items.unwrap_or(1) {
                    let v = get(cx.spec, e.spec, i).or((e.spec == "start.mode").then_some(&default_start));
                    let Some(v) = v.and_then(|v| convert(cx, e.conv, v, e.spec, i, out)) else { continue };
                    if items.is_some() {
                        set(&mut params, e.params, i, v);
                    } else {
                        for k in 0..copies {
                            set(&mut params, e.params, k, v.clone());
                        }
                    }
                }
            }
        }
    }
    params
}

/// The spec of a vendor's task detail (or its params): every field the vendor expresses.
pub fn spec_of(m: &Mapping, detail: &Value) -> Value {
    let mut spec = Value::Object(Map::new());
    for line in m.fields.split('\n') {
        let Some(e) = entry(line) else { continue };
        let value = e.conv.is_empty() || is_map(e.conv) || matches!(e.conv, "T" | "L" | "D");
        if !value || e.spec.is_empty() || e.params.is_empty() || get(&spec, e.spec, 0).is_some() {
            continue;
        }
        // The detail's own path first, then the params'. A spec path without `*` takes the
        // first item of a vendor list (one value copied into each).
        for path in [e.detail, e.params] {
            let n = match (list_of(path), list_of(e.spec)) {
                (Some(list), Some(_)) => len(get(detail, list, 0)),
                _ => 1,
            };
            let mut found = false;
            for i in 0..n {
                if let Some(v) = get(detail, path, i).and_then(|v| back(e.conv, v)) {
                    set(&mut spec, e.spec, i, v);
                    found = true;
                }
            }
            if found {
                break;
            }
        }
    }
    spec
}

/// A vendor value as the spec's.
fn back(conv: &str, v: &Value) -> Option<Value> {
    if is_map(conv) {
        let t = text(Some(v))?;
        for pair in conv.split(',') {
            if let Some((from, _)) = pair.split_once('=').filter(|(_, to)| *to == t) {
                return Some(Value::from(from));
            }
        }
        return None;
    }
    match conv {
        "L" => iso(v).map(Value::from),
        // Replies give `HH:mm:ss` where the params take `HH:mm`.
        "T" => v.as_str()?.get(..5).map(Value::from),
        _ => Some(v.clone()),
    }
}

/// Whether `options` holds something at `path` (or above it: a value the path reaches into).
fn holds(options: &Value, path: &[PathSeg]) -> bool {
    let mut cur = options;
    for seg in path {
        let next = match (cur, seg) {
            (Value::Object(m), PathSeg::Key(k)) => m.get(k),
            (Value::Array(a), PathSeg::Index(i)) => a.get(*i),
            (Value::Object(_) | Value::Array(_), _) => None,
            _ => return true,
        };
        match next {
            Some(v) => cur = v,
            None => return false,
        }
    }
    !cur.is_null()
}

/// The spec path of `path` under the entry `spec` ↔ `vendor`, if the entry covers it: all of
/// the vendor path (and more), or its list, or an item of its list.
fn align(spec: &str, vendor: &str, path: &[PathSeg]) -> Option<Path> {
    let mut item = 0;
    let mut steps = 0;
    for (j, step) in vendor.split('.').enumerate() {
        steps = j + 1;
        let Some(seg) = path.get(j) else {
            // The path ends at the vendor's list (`j` is its `*`), or at an item of it.
            let star = vendor.split('.').position(|s| s == "*")?;
            let mut out = concrete(list_of(spec)?, 0);
            if j == star + 1 {
                out.push(PathSeg::Index(item));
            }
            return (j == star || j == star + 1).then_some(out);
        };
        match seg {
            PathSeg::Index(i) if step == "*" => item = *i,
            PathSeg::Index(i) if index(step, 0) == Some(*i) => {}
            PathSeg::Key(k) if k == step => {}
            _ => return None,
        }
    }
    let mut out = concrete(spec, item);
    out.extend_from_slice(path.get(steps..).unwrap_or_default());
    Some(out)
}

/// The spec path of a vendor params path, and whether a table entry names it: otherwise it is
/// under `vendorOptions.<vendor>`, where the user gives what the spec cannot express.
fn spec_path(cx: &Ctx, path: &[PathSeg]) -> (Path, bool) {
    // The id of `update(id, spec)` is not in the spec.
    if !cx.id.is_empty() && concrete(cx.id, 0) == path {
        return (vec![PathSeg::Key("id".into())], false);
    }
    if !cx.options.is_some_and(|o| holds(o, path)) {
        for line in cx.m.fields.split('\n') {
            let Some(e) = entry(line).filter(|e| !e.params.is_empty() && !e.spec.is_empty()) else { continue };
            if let Some(p) = align(e.spec, e.params, path) {
                return (p, true);
            }
        }
    }
    let mut p = vec![PathSeg::Key("vendorOptions".into()), PathSeg::Key(cx.vendor.into())];
    p.extend_from_slice(path);
    (p, false)
}

/// A vendor issue at its spec path; the fields a `range_inverted` names become spec paths too.
pub fn to_spec(cx: &Ctx, mut issue: Issue) -> Issue {
    let (path, named) = spec_path(cx, &issue.path);
    if named && issue.code == IssueCode::RangeInverted {
        for key in ["start", "end"] {
            let Some(Value::String(name)) = issue.params.get(key) else { continue };
            let mut sibling = issue.path.clone();
            if let Some(last) = sibling.last_mut() {
                *last = PathSeg::Key(name.clone());
            }
            if let (p, true) = spec_path(cx, &sibling) {
                issue.params.insert(key.to_string(), Value::String(path_to_string(&p)));
            }
        }
    }
    issue.path = path;
    issue
}

/// Drops what repeats: an issue at (or under) the path of an error of the spec's own (the
/// first `front` issues), an issue at the path of an earlier error, and the same issue twice
/// (one value copied into several vendor fields reports once).
pub fn dedupe(issues: Vec<Issue>, front: usize) -> Vec<Issue> {
    let mut kept: Vec<Issue> = Vec::with_capacity(issues.len());
    let mut own = 0;
    for (n, issue) in issues.into_iter().enumerate() {
        let mut covered = false;
        for (k, e) in kept.iter().enumerate() {
            let under = k < own && n >= front && e.is_error() && issue.path.starts_with(&e.path);
            covered |= under || (e.path == issue.path && (e.is_error() || e.code == issue.code));
        }
        if !covered {
            kept.push(issue);
            if n < front {
                own += 1;
            }
        }
    }
    kept
}
