//! The unified task API at the boundary, one export for all of it. A plan is the spec mapped
//! and checked (or a query's operation and params); a read turns a vendor reply into unified
//! records. pkg-template/api.js sends what a plan says with the client and hands the reply back
//! to a read: the mapping, the checks and the reading are the core's (`crate::unified`).

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{from_json, invalid_argument, to_js_error, to_json, vendor_of};
use crate::error::Error;
use crate::issue::Issue;
use crate::options::{self, ValidateOptions};
use crate::records;
use crate::unified;
use crate::vendor::Operation;

/// `kind`, with `arg` and `id` (JSON text) and `options_json`:
/// - `validate` / `params`: the spec `arg`'s issues (`Issue[]`), or the vendor's params (throws
///   ValidationError); options `{locale, severity, meta, operation, id}`, `operation` being
///   `createTask` (the default) or `updateTask` (of the task `id`);
/// - `list`, `get`, `calls`, `call`: the `{operation, params}` of a query (`arg`: the caller's
///   params; `id`: the task's, or the call's);
/// - `spec`: the spec of the vendor's task detail `arg`; `tasks`: the `TaskSummary[]` of a
///   reply; `task`: the task `id` of a reply with its spec, or null; `records`: the
///   `CallRecord[]` of a reply, of the task `id` when given.
///
/// Returns JSON text.
#[wasm_bindgen(js_name = unified)]
pub fn unified(kind: &str, vendor: &str, id_json: &str, arg_json: &str, options_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(vendor)?;
    let (id, arg, raw) = (from_json(id_json)?, from_json(arg_json)?, from_json(options_json)?);
    let text = records::text(Some(&id));
    let id = Some(&id).filter(|v| !v.is_null());
    let op = match kind {
        "validate" | "params" => {
            let options = match &raw {
                Value::Null => ValidateOptions::default(),
                v => options::validate_options(v).map_err(|e| invalid_argument(&["invalid options: ", &e].concat()))?,
            };
            let id = id.or_else(|| raw.get("id").filter(|v| !v.is_null()));
            let op = match raw.get("operation").and_then(Value::as_str) {
                None | Some("createTask") => Operation::CreateTask,
                Some("updateTask") => Operation::UpdateTask,
                Some(name) => return Err(to_js_error(&Error::UnsupportedOperationError { vendor, operation: name.to_string() })),
            };
            let (params, issues) = unified::task_params(vendor, &arg, op, id, &options).map_err(|e| to_js_error(&e))?;
            if kind == "validate" {
                return Ok(to_json(&issues));
            }
            if issues.iter().any(Issue::is_error) {
                return Err(to_js_error(&Error::ValidationError { vendor, operation: op, issues }));
            }
            return Ok(to_json(&params));
        }
        "list" => Operation::ListTasks,
        "get" => Operation::GetTask,
        "calls" => Operation::ListCalls,
        "call" => Operation::GetCall,
        _ => {
            let read = match kind {
                "spec" => unified::task_spec(vendor, &arg).map(|s| to_json(&s)),
                "tasks" => unified::tasks(vendor, &arg),
                "task" => unified::task(vendor, &arg, text.as_deref().unwrap_or_default()).map(|found| match found {
                    Some((task, spec)) => ["{\"task\":", &task, ",\"spec\":", &to_json(&spec), "}"].concat(),
                    None => "null".into(),
                }),
                "records" => unified::calls(vendor, &arg, text.as_deref()),
                _ => return Err(invalid_argument("unknown unified kind")),
            };
            return read.map_err(|e| to_js_error(&e));
        }
    };
    let (op, params) = unified::query(vendor, op, id, &arg).map_err(|e| to_js_error(&e))?;
    Ok(["{\"operation\":\"", op.as_str(), "\",\"params\":", &to_json(&params), "}"].concat())
}
