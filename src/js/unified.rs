//! The unified task API at the boundary. A plan is the spec mapped and validated (or a query's
//! operation and params); a read turns a vendor reply into unified records. pkg-template/api.js
//! sends what a plan says with the client and hands the reply back to a read: the mapping, the
//! checks and the reading are the core's (`crate::unified`).

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{from_json, invalid_argument, to_js_error, to_json, vendor_of};
use crate::error::Error;
use crate::issue::Issue;
use crate::options::{self, ValidateOptions};
use crate::records;
use crate::unified;
use crate::vendor::Operation;

/// `kind`: `validate` (the spec's issues, JSON text of `Issue[]`), `params` (the vendor's
/// params; throws ValidationError), `create` / `update` (`{operation, params}`; throws
/// ValidationError), or a query: `list`, `get`, `calls`, `call` (`{operation, params}`).
/// `options_json`: `{locale, severity, meta, operation, id}` (the last two for `validate` and
/// `params`).
#[wasm_bindgen(js_name = unifiedPlan)]
pub fn unified_plan(kind: &str, #[wasm_bindgen(unchecked_param_type = "unknown")] vendor: JsValue, id_json: &str, arg_json: &str, options_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(&vendor)?;
    let (id, arg, raw) = (from_json(id_json)?, from_json(arg_json)?, from_json(options_json)?);
    let options = match &raw {
        Value::Null => ValidateOptions::default(),
        v => options::validate_options(v).map_err(|e| invalid_argument(&["invalid options: ", &e].concat()))?,
    };
    let id = Some(&id).filter(|v| !v.is_null()).or_else(|| raw.get("id").filter(|v| !v.is_null()));
    let op = match kind {
        "create" => Operation::CreateTask,
        "update" => Operation::UpdateTask,
        "validate" | "params" => match raw.get("operation").and_then(Value::as_str) {
            None | Some("createTask") => Operation::CreateTask,
            Some("updateTask") => Operation::UpdateTask,
            Some(name) => return Err(to_js_error(&Error::UnsupportedOperationError { vendor, operation: name.to_string() })),
        },
        "list" => Operation::ListTasks,
        "get" => Operation::GetTask,
        "calls" => Operation::ListCalls,
        "call" => Operation::GetCall,
        _ => return Err(invalid_argument("unknown plan")),
    };
    if matches!(kind, "list" | "get" | "calls" | "call") {
        let (op, params) = unified::query(vendor, op, id, &arg).map_err(|e| to_js_error(&e))?;
        return Ok(plan(op, &params));
    }
    let (params, issues) = unified::task_params(vendor, &arg, op, id, &options).map_err(|e| to_js_error(&e))?;
    if kind == "validate" {
        return Ok(to_json(&issues));
    }
    if issues.iter().any(Issue::is_error) {
        return Err(to_js_error(&Error::ValidationError { vendor, operation: op, issues }));
    }
    Ok(if kind == "params" { to_json(&params) } else { plan(op, &params) })
}

fn plan(op: Operation, params: &Value) -> String {
    ["{\"operation\":\"", op.as_str(), "\",\"params\":", &to_json(params), "}"].concat()
}

/// `kind`: `spec` (a task detail's spec), `tasks` (of a listTasks / getTask
/// reply, or the task a createTask reply holds or names), `task` (the task `id` with its spec,
/// or null), `calls` (of the task `id` when given). Returns JSON text.
#[wasm_bindgen(js_name = unifiedRead)]
pub fn unified_read(kind: &str, #[wasm_bindgen(unchecked_param_type = "unknown")] vendor: JsValue, data_json: &str, id_json: &str) -> Result<String, JsValue> {
    let vendor = vendor_of(&vendor)?;
    let (data, id) = (from_json(data_json)?, from_json(id_json)?);
    let id = records::text(Some(&id));
    let text = match kind {
        "spec" => unified::task_spec(vendor, &data).map(|s| to_json(&s)),
        "tasks" => unified::tasks(vendor, &data),
        "task" => unified::task(vendor, &data, id.as_deref().unwrap_or_default()).map(|found| match found {
            Some((task, spec)) => ["{\"task\":", &task, ",\"spec\":", &to_json(&spec), "}"].concat(),
            None => "null".into(),
        }),
        "calls" => unified::calls(vendor, &data, id.as_deref()),
        _ => return Err(invalid_argument("unknown read")),
    };
    text.map_err(|e| to_js_error(&e))
}
