//! `Client`: sends the core's requests with the global `fetch` (so it runs in browsers, Workers
//! and Node) and reads the replies with gloo-net, with a per-request timeout, an optional
//! caller signal, and retries only where the core's retry policy says it is safe.

use std::cell::Cell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::errors::{transport_error, TransportFailure};
use super::{config_error, from_json, operation_of, to_js_error, to_json, vendor_of};
use crate::http::HttpRequest;
use crate::issue::Locale;
use crate::options;
use crate::retry::{self, Outcome, Policy};
use crate::vendors::{self, BuildOptions, Operation, Vendor};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    /// `AbortSignal.timeout(ms)`, caught: a runtime may lack it.
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = timeout)]
    fn abort_signal_timeout(ms: f64) -> Result<web_sys::AbortSignal, JsValue>;
    /// The global `fetch(url, init)`, as a caller would write it. gloo-net's `Request::send`
    /// passes a `Request` object instead, whose body Node's fetch copies through a
    /// `TransformStream`: ~75 µs more a request (bench §5). The reply is read with gloo-net.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue>;
}

struct Config {
    vendor: Vendor,
    credentials: Value,
    base_url: Option<String>,
    timeout_ms: f64,
    policy: Policy,
    locale: Locale,
    headers: Vec<(String, String)>,
}

/// A configured connection to one vendor.
#[wasm_bindgen]
pub struct Client {
    config: Rc<Config>,
}

/// `{ vendor, credentials?, baseUrl?, timeoutMs?, maxRetries?, locale?, headers? }`, read by
/// hand like the other options (src/options.rs). Returns the vendor's name apart: the caller
/// checks it (with its own error) and sets `vendor`.
fn client_config(raw: &Value) -> Result<(String, Config), options::OptionsError> {
    let f = options::Fields(options::object(raw, "the client config")?);
    let vendor = f.string("vendor")?.ok_or("missing field `vendor`")?;
    let max_retries = f.opt_uint("maxRetries", u32::MAX.into())?.map(|n| n as u32);
    Ok((vendor, Config {
        vendor: Vendor::Tanyi, // replaced by the caller
        credentials: f.any("credentials").unwrap_or(Value::Null),
        base_url: f.opt_string("baseUrl")?,
        timeout_ms: f.opt_f64("timeoutMs")?.filter(|t| t.is_finite() && *t > 0.0).unwrap_or(30_000.0),
        policy: Policy { max_retries: max_retries.unwrap_or(Policy::default().max_retries).min(10), ..Policy::default() },
        locale: f.locale()?,
        headers: f.string_map("headers")?,
    }))
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    /// `config_json`: JSON text of `RawClientConfig`.
    pub fn new(config_json: &str) -> Result<Client, JsValue> {
        let raw = from_json(config_json)?;
        let (vendor, config) = client_config(&raw).map_err(|e| config_error(&format!("invalid client config: {e}")))?;
        Ok(Client { config: Rc::new(Config { vendor: vendor_of(&vendor)?, ..config }) })
    }

    #[wasm_bindgen(getter)]
    pub fn vendor(&self) -> String {
        self.config.vendor.as_str().to_string()
    }

    /// Sends `operation` with params given as JSON text, and resolves to the JSON text of the
    /// envelope's data.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(
        &self,
        operation: &str,
        params_json: &str,
        #[wasm_bindgen(unchecked_param_type = "CallOptions | undefined")] options: JsValue,
    ) -> js_sys::Promise {
        let config = self.config.clone();
        let prepared = operation_of(config.vendor, operation).and_then(|op| Ok((op, from_json(params_json)?, signal_of(&options))));
        wasm_bindgen_futures::future_to_promise(async move {
            let (op, params, signal) = prepared?;
            send(&config, op, &params, signal.as_ref(), vendors::build_request).await
        })
    }
}

#[wasm_bindgen]
impl Client {
    /// Sends chunk `i` of an import plan: the chunk's params go from the plan to the request
    /// without a trip through JS. Resolves to the JSON text of the envelope's data.
    #[wasm_bindgen(js_name = sendChunk, unchecked_return_type = "Promise<string>")]
    pub fn send_chunk(&self, plan: &super::import::ImportPlan, i: usize, #[wasm_bindgen(unchecked_param_type = "CallOptions | undefined")] options: JsValue) -> js_sys::Promise {
        let config = self.config.clone();
        let params = plan.chunk(i).cloned().unwrap_or(Value::Null);
        let signal = signal_of(&options);
        // The plan validated every row: only credentials and base URL are checked per chunk.
        wasm_bindgen_futures::future_to_promise(async move { send(&config, Operation::ImportCustomers, &params, signal.as_ref(), vendors::build_prevalidated_request).await })
    }
}

fn signal_of(options: &JsValue) -> Option<web_sys::AbortSignal> {
    // Checked first: `Reflect.get` on `undefined` throws, and a thrown error costs microseconds.
    if !options.is_object() {
        return None;
    }
    let s = js_sys::Reflect::get(options, &JsValue::from_str("signal")).ok()?;
    s.dyn_into::<web_sys::AbortSignal>().ok()
}

type Build = fn(Vendor, Operation, &Value, &Value, &BuildOptions) -> Result<HttpRequest, crate::Error>;

async fn send(config: &Config, op: Operation, params: &Value, signal: Option<&web_sys::AbortSignal>, build: Build) -> Result<JsValue, JsValue> {
    let mut attempt = 0;
    loop {
        // Built afresh for each attempt: the vendors' signatures carry the current time.
        let options = BuildOptions { base_url: config.base_url.clone(), now: js_sys::Date::now(), locale: config.locale, headers: config.headers.clone(), ..Default::default() };
        let req = build(config.vendor, op, params, &config.credentials, &options).map_err(|e| to_js_error(&e))?;
        let jitter = js_sys::Math::random();
        match fetch_once(&req, config.timeout_ms, signal).await {
            Ok((status, retry_after, body)) => {
                let outcome = Outcome::Status { status, retry_after_ms: retry_after.as_deref().and_then(retry::parse_retry_after) };
                let parsed = vendors::parse_response(config.vendor, op, status, &body, config.locale);
                let failed = parsed.is_err() || !(200..300).contains(&status);
                if failed {
                    if let Some(wait) = retry::next_delay(&config.policy, attempt, req.idempotent, outcome, jitter) {
                        sleep(wait).await;
                        attempt += 1;
                        continue;
                    }
                }
                return match parsed {
                    Ok(data) if !failed => Ok(JsValue::from_str(&to_json(&data))),
                    Ok(_) => Err(to_js_error(&crate::Error::ResponseError {
                        vendor: config.vendor,
                        status,
                        message: "an HTTP error status with a success envelope".into(),
                        retryable: crate::envelope::status_retryable(status),
                    })),
                    Err(e) => Err(to_js_error(&e)),
                };
            }
            Err(failure) => {
                let outcome = if failure == TransportFailure::Timeout { Outcome::Timeout } else { Outcome::NetworkError };
                if failure != TransportFailure::Aborted {
                    if let Some(wait) = retry::next_delay(&config.policy, attempt, req.idempotent, outcome, jitter) {
                        sleep(wait).await;
                        attempt += 1;
                        continue;
                    }
                }
                return Err(transport_error(failure, config.vendor, op, &target(&req), attempt + 1));
            }
        }
    }
}

/// `METHOD scheme://host/path`, without the query: safe to show in an error.
fn target(req: &HttpRequest) -> String {
    let url = req.url.split('?').next().unwrap_or_default();
    format!("{} {url}", req.method.as_str())
}

async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// One fetch: `(status, Retry-After, body)` or why there is none.
async fn fetch_once(req: &HttpRequest, timeout_ms: f64, signal: Option<&web_sys::AbortSignal>) -> Result<(u16, Option<String>, String), TransportFailure> {
    if signal.is_some_and(|s| s.aborted()) {
        return Err(TransportFailure::Aborted);
    }
    // Without a caller's signal, the platform's timeout signal does it all, for less than an
    // `AbortController` with a timer of our own (in Node, bench/NOTES.md §5).
    if signal.is_none() {
        if let Ok(deadline) = abort_signal_timeout(timeout_ms.ceil()) {
            let result = fetch_inner(req, &deadline).await;
            return result.map_err(|()| if deadline.aborted() { TransportFailure::Timeout } else { TransportFailure::Network });
        }
    }
    let controller = web_sys::AbortController::new().map_err(|_| TransportFailure::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    // The caller's signal aborts this attempt too (a listener only when there is a signal).
    let on_abort = signal.map(|s| {
        let controller = controller.clone();
        let on_abort = Closure::<dyn FnMut()>::new(move || controller.abort());
        let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        (s, on_abort)
    });
    let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms);
    let result = fetch_inner(req, &controller.signal()).await;
    clear_timeout(&timer);
    if let Some((s, on_abort)) = &on_abort {
        let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    result.map_err(|()| {
        if timed_out.get() {
            TransportFailure::Timeout
        } else if signal.is_some_and(|s| s.aborted()) {
            TransportFailure::Aborted
        } else {
            TransportFailure::Network
        }
    })
}

async fn fetch_inner(req: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<(u16, Option<String>, String), ()> {
    // `{ method, headers, body }` made by one `JSON.parse`, headers as a plain record: a
    // `Headers` object filled by `append` cost Node's fetch ~60 µs more per request (bench §5).
    // (The extra `url` member is ignored: `RequestInit` has no such field.)
    let init: web_sys::RequestInit = js_sys::JSON::parse(&to_json(&super::types::JsHttpRequest::from(req))).map_err(|_| ())?.unchecked_into();
    init.set_signal(Some(signal));
    let response = JsFuture::from(fetch_with_init(&req.url, &init).map_err(|_| ())?).await.map_err(|_| ())?;
    let response = gloo_net::http::Response::from(response.unchecked_into::<web_sys::Response>());
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| ())?;
    Ok((response.status(), retry_after, body))
}
