//! One task, four vendors: waihu's vendor-neutral task spec (`spec`), mapped onto each vendor's
//! own `createTask` / `updateTask` params by that vendor's table (`crate::mapping`, one per
//! vendor folder) through one interpreter (`map`); the vendor's own rules run on the mapped
//! params and report at the spec paths the user typed. The capability matrix comes from the
//! same tables, and replies are read into unified records (`crate::records`). No vendor is
//! named here: each is reached through its `Vendor` handle.

mod map;
pub mod spec;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::issue::{put_param, Issue};
use crate::json::Json;
use crate::mapping::{line_of, Mapping};
use crate::options::ValidateOptions;
use crate::params;
use crate::records;
use crate::vendor::{Context, Operation, Vendor};

use map::{entry, Entry};

fn mapping(vendor: Vendor, op: Operation) -> Result<&'static Mapping, Error> {
    vendor.unified().ok_or_else(|| vendor.unsupported(op))
}

/// The vendor's params for `spec` (`op`: `CreateTask`, or `UpdateTask` of the task `id`), and
/// every issue: the spec's own, the fields the vendor cannot express (`unsupported_field`), and
/// the vendor's rules on the mapped params, all at spec paths, with messages in the locale.
pub fn task_params(vendor: Vendor, spec: &Value, op: Operation, id: Option<&Value>, options: &ValidateOptions) -> Result<(Value, Vec<Issue>), Error> {
    let m = mapping(vendor, op)?;
    if !matches!(op, Operation::CreateTask | Operation::UpdateTask) || vendor.endpoint(op).is_none() {
        return Err(vendor.unsupported(op));
    }
    let mut issues = Vec::new();
    spec::check(spec, &mut issues);
    let own = spec.get("vendorOptions").and_then(|o| o.get(vendor.as_str())).filter(|o| o.is_object());
    let update = op == Operation::UpdateTask;
    let key = if update { line_of(m.ops, op.as_str()).unwrap_or_default() } else { "" };
    let cx = map::Ctx { m, vendor: vendor.as_str(), spec, options: own, update, id: key };
    let mut params = map::params(&cx, &mut issues);
    if let Some(own) = own {
        map::merge(&mut params, own);
    }
    if let (false, Some(id)) = (key.is_empty(), id) {
        map::set(&mut params, key, 0, id.clone());
    }
    let front = issues.len();
    let mut c = crate::check::Checker::new();
    let meta = options.meta.as_ref().map(Json::from_value);
    vendor.0.check(op, &Json::from_value(&params), Context { meta: meta.as_ref() }, &mut c);
    for issue in c.into_issues() {
        issues.push(map::to_spec(&cx, issue));
    }
    Ok((params, options.severity.apply(map::dedupe(issues, front), options.locale)))
}

/// The spec of one of the vendor's task details (or list items): every field it expresses.
pub fn task_spec(vendor: Vendor, detail: &Value) -> Result<Value, Error> {
    Ok(map::spec_of(mapping(vendor, Operation::GetTask)?, detail))
}

/// The operation and params of a unified query (`ListTasks`, `GetTask`, `ListCalls`,
/// `GetCall`): the vendor's paging defaults under the caller's params, and the id in its
/// place. A vendor without `getTask` lists its tasks (`task` then finds the one).
pub fn query(vendor: Vendor, op: Operation, id: Option<&Value>, params: &Value) -> Result<(Operation, Value), Error> {
    let m = mapping(vendor, op)?;
    let op = if op == Operation::GetTask && vendor.endpoint(op).is_none() { Operation::ListTasks } else { op };
    if vendor.endpoint(op).is_none() {
        return Err(vendor.unsupported(op));
    }
    let mut out = Value::Object(Map::new());
    match line_of(m.ops, op.as_str()) {
        Some(defaults) if defaults.starts_with('{') => out = crate::json::parse_value(defaults).unwrap_or(out),
        Some(key) => {
            if let Some(id) = id {
                map::set(&mut out, key, 0, id.clone());
            }
        }
        None => {}
    }
    if params.is_object() {
        map::merge(&mut out, params);
    }
    Ok((op, out))
}

/// The items of a reply: a list, the list at the vendor's `items`, or the reply itself.
fn items<'a>(m: &Mapping, data: &'a Value) -> &'a [Value] {
    match (data, records::find(data, m.items)) {
        (Value::Array(items), _) | (_, Some(Value::Array(items))) => items,
        _ => std::slice::from_ref(data),
    }
}

/// The JSON text of the record `members` reads from `item`, or None without its id (the first
/// member). A reply that is a number or a string is a task's id (BYRobot's and Itniotech's
/// `createTask`).
fn record(m: &Mapping, members: &str, item: &Value) -> Option<String> {
    let first = members.split(' ').next().and_then(|f| f.get(f.find(':')? + 3..)).unwrap_or_default();
    let wrapped;
    let item = match item {
        Value::String(_) | Value::Number(_) => {
            let mut o = Map::new();
            o.insert(records::cut(first, b'|').0.into(), item.clone());
            wrapped = Value::Object(o);
            &wrapped
        }
        _ => item,
    };
    records::id(records::find(item, first))?;
    let mut out = String::new();
    records::write(members, item, &m.tables, &mut out);
    Some(["{", out.get(1..).unwrap_or_default(), "}"].concat())
}

/// The members' records in a reply, as the JSON text of a list; `keep` filters the items.
fn list(m: &Mapping, members: &str, data: &Value, keep: impl Fn(&Value) -> bool) -> String {
    let mut out = String::from("[");
    for item in items(m, data).iter().filter(|i| keep(i)) {
        if let Some(r) = record(m, members, item) {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&r);
        }
    }
    out.push(']');
    out
}

/// The JSON text of the tasks (`TaskSummary[]`) of a `listTasks` / `getTask` reply.
pub fn tasks(vendor: Vendor, data: &Value) -> Result<String, Error> {
    let m = mapping(vendor, Operation::ListTasks)?;
    Ok(list(m, m.task, data, |_| true))
}

/// The task `id` of a `getTask` / `listTasks` reply (the JSON text of its `TaskSummary`), with
/// its spec (for editing it).
pub fn task(vendor: Vendor, data: &Value, id: &str) -> Result<Option<(String, Value)>, Error> {
    let m = mapping(vendor, Operation::GetTask)?;
    let path = records::member(m.task, "id").unwrap_or_default();
    for item in items(m, data) {
        if records::id(records::find(item, path)).as_deref() == Some(id) {
            if let Some(t) = record(m, m.task, item) {
                return Ok(Some((t, map::spec_of(m, item))));
            }
        }
    }
    Ok(None)
}

/// The JSON text of the calls (`CallRecord[]`) of a `listCalls` / `getCall` reply; of the task
/// `task` only, when given.
pub fn calls(vendor: Vendor, data: &Value, task: Option<&str>) -> Result<String, Error> {
    let m = mapping(vendor, Operation::ListCalls)?;
    if m.call.is_empty() || vendor.endpoint(Operation::ListCalls).is_none() {
        return Err(vendor.unsupported(Operation::ListCalls));
    }
    let path = records::member(m.call, "taskId").unwrap_or_default();
    Ok(list(m, m.call, data, |item| task.is_none() || records::id(records::find(item, path)).as_deref() == task))
}

/// Per top-level spec field, what the vendor can do with it: `support` is `supported`,
/// `limited` (at most `maximum` items, only the spec `values` listed, `dateOnly`, or a part it
/// cannot express), `vendorOptions` (only through `vendorOptions.<vendor>.<option>`) or
/// `unsupported`; `severity` is that of the `unsupported_field` issue it gives. The matrix
/// depends on the tables only, so the npm package holds it as computed when it is built
/// (`src/package-tables.json`, written and checked by tests/readme.rs), not in the .wasm.
pub fn capabilities(vendor: Vendor) -> Result<Value, Error> {
    let m = mapping(vendor, Operation::CreateTask)?;
    let mut out = Vec::new();
    for name in spec::FIELDS.split(' ').filter(|f| !f.contains('.') && !f.starts_with("vendorOptions")) {
        out.push(capability(m, name.split(['{', '[']).next().unwrap_or_default()));
    }
    Ok(Value::Array(out))
}

fn capability(m: &Mapping, name: &str) -> Value {
    let mut cap = params! {"field": name};
    let (mut mapped, mut limited, mut warning_only) = (false, false, true);
    let mut option = None;
    for line in m.fields.split('\n') {
        let Some(Entry { spec, conv, .. }) = entry(line) else { continue };
        if !(spec == name || spec.strip_prefix(name).is_some_and(|r| r.starts_with('.'))) {
            continue;
        }
        let arg = conv.get(1..).unwrap_or_default();
        match conv.get(..1).unwrap_or_default() {
            tag @ ("!" | "~") => {
                limited = true;
                warning_only &= tag == "~";
            }
            "@" => option = Some(arg),
            "#" => {
                limited = true;
                put_param(&mut cap, "maximum", Value::from(records::index(arg, 0).unwrap_or(0) as u64));
            }
            "D" => {
                (mapped, limited) = (true, true);
                put_param(&mut cap, "dateOnly", Value::Bool(true));
            }
            _ if map::is_map(conv) => {
                mapped = true;
                let mut values = Vec::new();
                for pair in conv.split(',') {
                    values.push(Value::from(pair.split_once('=').map_or(pair, |(k, _)| k)));
                }
                if values.len() < spec::enum_values(spec).len() {
                    limited = true;
                    put_param(&mut cap, "values", Value::Array(values));
                }
            }
            _ => mapped = true,
        }
    }
    let (support, warning) = match (option, mapped, limited) {
        (Some(key), ..) => {
            put_param(&mut cap, "option", Value::from(key));
            ("vendorOptions", false)
        }
        (None, false, _) => ("unsupported", warning_only),
        (None, true, true) => ("limited", false),
        (None, true, false) => ("supported", false),
    };
    put_param(&mut cap, "support", Value::from(support));
    if support != "supported" {
        put_param(&mut cap, "severity", Value::from(if warning { "warning" } else { "error" }));
    }
    Value::Object(cap)
}
