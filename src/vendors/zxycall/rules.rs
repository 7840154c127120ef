//! ZXY's rules, from the create table of [Z-page] and README.md, plus checks
//! against the create-options meta (`GET /v1/task/create`) when the caller passes it.
//! Where the page contradicts itself (README.md, Contradictions) the choice is noted.

use crate::json::{Json, Object};

use crate::check::{item_path, set_index, Checker, FirstSeen, Obj, Path, Req};
use crate::issue::IssueCode;
use crate::params;
use crate::phone;
use crate::vendor::Operation;

use super::{IMPORT_LIMIT, TASK_ID};

/// The create table's fields (update: 参数同创建任务).
pub const TASK_KEYS: &[&str] = &[
    "caller_line_id", "customer_service_id", "destination_extension", "disable_dial_timegroup", "maximumcall", "name",
    "random_assignment_number", "recycle_limit", "remark", "_originate_timeout", "call_pause_second", "auto_recycle_rule_id",
];

pub fn validate(op: Operation, params: &Json, meta: Option<&Json>, c: &mut Checker) {
    let root: Path = Vec::new();
    let Some(o) = c.root(params, &root) else { return };
    use Operation::*;
    match op {
        CreateTask => {
            c.unknown_keys(&o, TASK_KEYS);
            task(c, &o, meta);
        }
        UpdateTask => {
            task_id(c, &o);
            let known: Vec<&str> = TASK_KEYS.iter().copied().chain([TASK_ID]).collect();
            c.unknown_keys(&o, &known);
            task(c, &o, meta);
        }
        StartTask | PauseTask | DeleteTask => {
            task_id(c, &o);
            c.unknown_keys(&o, &[TASK_ID]);
        }
        ImportCustomers => import(c, &o),
        // The page documents no params for either. The create options take none; the list
        // may well take paging or filters the page does not show, so its params pass as sent
        // (object check only), as the query string.
        GetCreateOptions => c.unknown_keys(&o, &[]),
        _ => {}
    }
}

/// The task's `uuid`, which goes into the path: a non-empty string.
fn task_id(c: &mut Checker, o: &Obj) {
    c.str_id(o, TASK_ID, Req::Required);
}

/// A field the page fixes to one value.
fn literal(c: &mut Checker, o: &Obj, key: &str, expected: i64) {
    if c.int(o, key, Req::Required, None, None).is_some_and(|n| n != expected) {
        c.error(IssueCode::InvalidLiteral, o.path_of(key), params! {"expected": expected});
    }
}

/// createTask / updateTask: the create table, then the meta checks.
fn task(c: &mut Checker, o: &Obj, meta: Option<&Json>) {
    let line = c.str_id(o, "caller_line_id", Req::Required);
    let service = c.id(o, "customer_service_id", Req::Optional);
    let group = c.id(o, "destination_extension", Req::Required);
    let timegroup = c.str_id(o, "disable_dial_timegroup", Req::Required);
    let maximumcall = c.int(o, "maximumcall", Req::Required, Some(1), None);
    c.str(o, "name", Req::Required);
    // 固定为0.
    literal(c, o, "random_assignment_number", 0);
    // 弃用,有且只能为0. The table's example value 1 contradicts this (README.md contradiction
    // 16); the explicit rule wins, so the page's own example fails here with exactly this issue.
    literal(c, o, "recycle_limit", 0);
    c.str(o, "remark", Req::Optional);
    c.int(o, "_originate_timeout", Req::Required, Some(1), None);
    // 单并发的建议间隔10秒,多并发可选择0秒: 0 is allowed.
    c.int(o, "call_pause_second", Req::Required, Some(0), None);
    let rule = c.id(o, "auto_recycle_rule_id", Req::Required);

    let Some(meta) = meta else { return };
    let Some(m) = meta_object(c, meta) else { return };
    if let Some(line) = line {
        caller_line(c, o, m, line, maximumcall);
    }
    if let Some(id) = service {
        customer_service(c, o, m, id);
    }
    if let Some(uuid) = timegroup {
        if let Some(items) = meta_list(c, m, "enum_disable_dial_timegroup") {
            if find(items, "uuid", |v| v.as_str() == Some(uuid)).is_none() {
                unknown(c, o, "disable_dial_timegroup", "enum_disable_dial_timegroup");
            }
        }
    }
    if let Some(id) = group {
        if let Some(items) = meta_list(c, m, "outbound_group") {
            if find(items, "id", |v| as_int(v) == Some(id)).is_none() {
                unknown(c, o, "destination_extension", "outbound_group");
            }
        }
    }
    if let Some(id) = rule {
        recycle_rule(c, o, m, id);
    }
}

/// The meta object: the whole reply `{meta: {...}}` or its `meta`. Anything else is not
/// read (a warning at `meta`): a malformed meta never blocks a request by itself.
fn meta_object<'m>(c: &mut Checker, meta: &'m Json<'m>) -> Option<&'m Object<'m>> {
    let inner = meta.get("meta").filter(|v| v.is_object()).unwrap_or(meta);
    let map = inner.as_object();
    if map.is_none() {
        c.warning(IssueCode::InvalidType, meta_path(None), params! {"expected": "object"});
    }
    map
}

/// Where a meta warning points: `meta` or `meta.<list>` (the option, not the params).
fn meta_path(list: Option<&str>) -> Path {
    let mut p: Path = vec!["meta".into()];
    if let Some(l) = list {
        p.push(l.into());
    }
    p
}

/// A list of the meta, when it is needed for a check: missing or not an array is a warning
/// and the check is skipped.
fn meta_list<'m>(c: &mut Checker, m: &'m Object<'m>, list: &str) -> Option<&'m [Json<'m>]> {
    let items = m.get(list).and_then(Json::as_array);
    if items.is_none() {
        c.warning(IssueCode::InvalidType, meta_path(Some(list)), params! {"expected": "array"});
    }
    items
}

/// The first object in `items` whose `key` matches. Items that are not objects are skipped.
fn find<'m>(items: &'m [Json<'m>], key: &str, matches: impl Fn(&Json) -> bool) -> Option<&'m Object<'m>> {
    items.iter().filter_map(Json::as_object).find(|item| item.get(key).is_some_and(&matches))
}

/// A whole number given as a number or a digit string (the meta's `max_recycle_limit` is "50").
fn as_int(v: &Json) -> Option<i64> {
    match v {
        Json::Number(_) => v.as_i64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn unknown(c: &mut Checker, o: &Obj, key: &str, list: &str) {
    c.error(IssueCode::UnknownReference, o.path_of(key), params! {"list": list});
}

/// `reason` is the offending meta field and value (`status != 1`), readable in any locale.
fn unusable(c: &mut Checker, o: &Obj, key: &str, reason: &str) {
    c.error(IssueCode::UnusableReference, o.path_of(key), params! {"reason": reason});
}

/// `caller_line_id` must be a `caller_line_list[].value`, and the line's `residue` (剩余并发)
/// must cover `maximumcall` (并发数不得超过选用线路的residue).
///
/// CHOICE (README.md, Contradictions): the page also says to pick only lines whose residue
/// is "大于1", yet its example line has `residue: 1` and its create example `maximumcall: 1`.
/// Read literally, the page's own example could never be used; the precise rule is the
/// table's "不得超过 residue". So a line needs residue ≥ maximumcall, and a line with residue
/// 0 (or less) is unusable whatever the concurrency.
fn caller_line(c: &mut Checker, o: &Obj, m: &Object, line: &str, maximumcall: Option<i64>) {
    let Some(items) = meta_list(c, m, "caller_line_list") else { return };
    let Some(item) = find(items, "value", |v| v.as_str() == Some(line)) else {
        return unknown(c, o, "caller_line_id", "caller_line_list");
    };
    // An unreadable residue is not checked.
    let Some(residue) = item.get("residue").and_then(as_int) else { return };
    if residue < 1 {
        unusable(c, o, "caller_line_id", &format!("residue = {residue}"));
    } else if maximumcall.is_some_and(|n| n > residue) {
        c.error(IssueCode::ExceedsCapacity, o.path_of("maximumcall"), params! {"maximum": residue});
    }
}

/// `customer_service_id` must be a `customer_service[].id` with `status` 1 (必须选为1的) and a
/// transfer line (`caller_line_id` 只能不为null的).
fn customer_service(c: &mut Checker, o: &Obj, m: &Object, id: i64) {
    let key = "customer_service_id";
    let Some(items) = meta_list(c, m, "customer_service") else { return };
    let Some(item) = find(items, "id", |v| as_int(v) == Some(id)) else {
        return unknown(c, o, key, "customer_service");
    };
    // A missing or unreadable field is not checked (a meta without it says nothing).
    if let Some(s) = item.get("status").and_then(as_int).filter(|s| *s != 1) {
        unusable(c, o, key, &format!("status = {s}"));
    }
    if item.get("caller_line_id").is_some_and(|v| v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty())) {
        unusable(c, o, key, "caller_line_id = null");
    }
}

/// `auto_recycle_rule_id` must be an `auto_recycle_rules[].id` whose `status` (重呼规则状态) is
/// not off. `status` is a boolean in the example; `0` is read as off too.
fn recycle_rule(c: &mut Checker, o: &Obj, m: &Object, id: i64) {
    let key = "auto_recycle_rule_id";
    let Some(items) = meta_list(c, m, "auto_recycle_rules") else { return };
    let Some(item) = find(items, "id", |v| as_int(v) == Some(id)) else {
        return unknown(c, o, key, "auto_recycle_rules");
    };
    let off = match item.get("status") {
        Some(Json::Bool(b)) => !b,
        Some(v) => as_int(v) == Some(0),
        None => false,
    };
    if off {
        unusable(c, o, key, "status = false");
    }
}

/// importCustomers. The body is NOT documented (the page gives only the path). CHOICE,
/// modelled on the look-alike docs.longlonglong.cn's synchronous number import (resemblance
/// only, README.md): `{data: [{phone, name?, ...}], ...flags}`, at most 100 rows a call.
/// Since none of this is the vendor's word:
/// - with `data`, each row needs a `phone` string (numbers may be encrypted ids there, so
///   any non-empty string passes; an implausible one is a warning), a repeated phone is a
///   warning (the look-alike rejects duplicates unless it adds suffixes), and more than 100
///   rows is a warning;
/// - without `data`, any other body the caller sends (their deployment's own format) passes
///   as sent; only an empty body is an error, since it cannot import anything.
fn import(c: &mut Checker, o: &Obj) {
    task_id(c, o);
    let Some(data) = o.get("data") else {
        if o.map.written().all(|(k, _)| k == TASK_ID) {
            c.error(IssueCode::Required, o.path_of("data"), params! {});
        }
        return;
    };
    let base = o.path_of("data");
    let Some(rows) = data.as_array() else {
        return c.error(IssueCode::InvalidType, base, params! {"expected": "array"});
    };
    if rows.is_empty() {
        c.error(IssueCode::TooSmall, base.clone(), params! {"minimum": 1, "type": "array"});
    }
    if rows.len() > IMPORT_LIMIT {
        c.warning(IssueCode::TooBig, base.clone(), params! {"maximum": IMPORT_LIMIT, "type": "array"});
    }
    let mut seen = FirstSeen::default();
    let mut path = item_path(o, "data");
    for (i, row) in rows.iter().enumerate() {
        set_index(&mut path, i);
        let Some(r) = c.root(row, &path) else { continue };
        c.str(&r, "name", Req::Optional);
        let Some(p) = c.str(&r, "phone", Req::Required) else { continue };
        if !phone::is_plausible(p) {
            c.warning(IssueCode::InvalidPhone, r.path_of("phone"), params! {});
        }
        let first = seen.first(p, i);
        if first != i {
            c.warning(IssueCode::DuplicateValue, r.path_of("phone"), params! {"firstIndex": first, "index": i});
        }
    }
}
