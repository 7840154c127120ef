//! zxycall: not implemented yet (every operation is unsupported).

use serde_json::Value;

use crate::check::{Checker, Path};
use crate::error::Error;
use crate::http::HttpRequest;
use crate::issue::Locale;
use crate::vendors::{BuildCtx, Endpoint, Operation};

pub const DEFAULT_BASE_URL: &str = "";

pub fn endpoint(_op: Operation) -> Option<Endpoint> {
    None
}

pub fn validate(_op: Operation, _params: &Value, _meta: Option<&Value>, _c: &mut Checker) {}

pub fn check_credentials(_creds: &Value, _path: &Path, _c: &mut Checker) {}

pub fn build(_op: Operation, _params: &Value, _creds: &Value, ctx: &BuildCtx) -> HttpRequest {
    crate::vendors::build::request(ctx, ctx.endpoint.path, Default::default())
}

pub fn parse(_op: Operation, _status: u16, _body: &str, _locale: Locale) -> Result<Value, Error> {
    Ok(Value::Null)
}
