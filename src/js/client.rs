//! `Client`: sends the core's requests with `fetch` (the global one, or one injected in the
//! config) so it runs in browsers, Workers and Node, reads the replies with gloo-net, and
//! retries only where the core's retry policy says it is safe. Per-attempt timeouts, an
//! optional caller signal, and per-call options over the client's.

use std::cell::Cell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{from_json, invalid_argument, operation_of, to_js_error, to_json, vendor_of};
use crate::edge;
use crate::error::{Error, TransportFailure};
use crate::http::HttpRequest;
use crate::import::ChunkOutcome;
use crate::issue::Locale;
use crate::options::{self, SendOptions};
use crate::retry::{self, Outcome};
use crate::vendor::{Operation, Vendor};

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
    /// `TransformStream` (bench/NOTES.md §5). The reply is read with gloo-net.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue>;
}

pub(crate) struct Config {
    pub vendor: Vendor,
    pub credentials: Value,
    pub base_url: Option<String>,
    /// Proxy mode: the proxy's URL and token (src/edge.rs) instead of credentials.
    pub proxy: Option<(String, Option<String>)>,
    pub locale: Locale,
    pub send: SendOptions,
    /// The config's `fetch`, if one was injected.
    pub fetch: Option<js_sys::Function>,
}

/// A configured connection to one vendor.
#[wasm_bindgen]
pub struct Client {
    pub(crate) config: Rc<Config>,
}

#[wasm_bindgen]
impl Client {
    /// `config_json`: JSON text of `RawClientConfig`; `fetch`: the config's `fetch`, if any
    /// (a function does not cross as JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str, #[wasm_bindgen(unchecked_param_type = "typeof globalThis.fetch | undefined")] fetch: JsValue) -> Result<Client, JsValue> {
        let raw = from_json(config_json)?;
        let c = options::client_config(&raw).map_err(|e| invalid_argument(&format!("invalid client config: {e}")))?;
        let fetch = fetch_of(fetch, "client config")?;
        let vendor = vendor_of(&c.vendor)?;
        Ok(Client { config: Rc::new(Config { vendor, credentials: c.credentials, base_url: c.base_url, proxy: c.proxy, locale: c.locale, send: c.send, fetch }) })
    }

    #[wasm_bindgen(getter)]
    pub fn vendor(&self) -> String {
        self.config.vendor.as_str().to_string()
    }

    /// Sends `operation` with params given as JSON text, and resolves to the JSON text of the
    /// envelope's data. `options_json`: JSON text of the call's options (`null` for none).
    /// `chunk`: the params are an import chunk from `ImportPlanner` (its rows were validated
    /// when planned, so only the credentials, base URL and headers are checked), and the call
    /// resolves to the JSON text of its `ChunkOutcome` (`{kind: "applied" | "rejected" |
    /// "unknown" | "notSent", …}`), never rejecting for the chunk's own failure.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn call(&self, operation: &str, params_json: &str, options_json: &str, #[wasm_bindgen(unchecked_param_type = "AbortSignal | undefined")] signal: JsValue, chunk: bool) -> js_sys::Promise {
        let prepared = (|| Ok::<_, JsValue>((operation_of(self.config.vendor, operation)?, from_json(params_json)?, call_options(&self.config, options_json)?)))();
        match prepared {
            Ok((op, params, send)) => spawn(Send { locale: self.config.locale, config: self.config.clone(), op, params, send, signal: signal.dyn_into().ok(), import: chunk }),
            Err(e) => js_sys::Promise::reject(&e),
        }
    }
}

/// One call to send. `import`: an import chunk, whose promise resolves to the JSON text of its
/// `ChunkOutcome` and never rejects for the chunk's own failure.
pub(crate) struct Send {
    pub config: Rc<Config>,
    pub op: Operation,
    pub params: Value,
    pub send: SendOptions,
    /// Of the issues and explanations (a proxy's calls each have their caller's).
    pub locale: Locale,
    pub signal: Option<web_sys::AbortSignal>,
    pub import: bool,
}

/// Sends `s` in the background. One function for calls and import chunks: each
/// `future_to_promise` of a distinct future is its own copy of the executor glue in the .wasm.
pub(crate) fn spawn(s: Send) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        // An import chunk's rows were validated when planned: only credentials, base URL and
        // headers are checked again.
        let result = send_call(&s.config, s.op, &s.params, &s.send, s.locale, s.signal.as_ref(), !s.import).await;
        match (s.import, result) {
            // A proxy's answer, `{ data }` or `{ error }`, is unwrapped by api.js.
            (false, Ok(data)) => Ok(JsValue::from_str(&super::result_json(data))),
            (false, Err(e)) => Err(to_js_error(&e)),
            (true, Ok(answer)) if s.config.proxy.is_some() => Ok(JsValue::from_str(&ChunkOutcome::of_proxy_answer(s.config.vendor, &s.params, &answer).to_json())),
            (true, result) => Ok(JsValue::from_str(&ChunkOutcome::of_result(s.config.vendor, &s.params, &result).to_json())),
        }
    })
}

/// The config's `fetch`: a function, or none (`undefined`, `null`).
pub(crate) fn fetch_of(fetch: JsValue, what: &str) -> Result<Option<js_sys::Function>, JsValue> {
    match fetch {
        f if f.is_undefined() || f.is_null() => Ok(None),
        f => f.dyn_into::<js_sys::Function>().map(Some).map_err(|_| invalid_argument(&format!("invalid {what}: `fetch` must be a function"))),
    }
}

/// The client's send options with a call's on top.
pub(crate) fn call_options(config: &Config, options_json: &str) -> Result<SendOptions, JsValue> {
    match from_json(options_json)? {
        Value::Null => Ok(config.send.clone()),
        v => config.send.with(&v).map_err(|e| invalid_argument(&format!("invalid call options: {e}"))),
    }
}

/// Sends one call, retrying where the policy allows. `check_params`: false for params validated
/// already as a whole (an import plan's chunks), so a million rows are not checked twice. In
/// proxy mode the call goes to the proxy, which checks everything itself, and its answer
/// (`{ data }` or `{ error }`) is the result.
pub(crate) async fn send_call(config: &Config, op: Operation, params: &Value, send: &SendOptions, locale: Locale, signal: Option<&web_sys::AbortSignal>, check_params: bool) -> Result<Value, Error> {
    let vendor = config.vendor;
    let mut attempt = 0;
    loop {
        // Built afresh for each attempt: the vendors' signatures carry the current time.
        let now = js_sys::Date::now();
        let options = send.build_options(config.base_url.clone(), now, locale);
        let req = match &config.proxy {
            Some((url, token)) => edge::proxy_request(url, token.as_deref(), vendor, op, params, locale, &send.headers)?,
            None if check_params => vendor.build_request(op, params, &config.credentials, &options)?,
            None => vendor.build_prevalidated_request(op, params, &config.credentials, &options)?,
        };
        let jitter = js_sys::Math::random();
        let (outcome, result) = match fetch_once(config.fetch.as_ref(), &req, send.timeout_ms, signal).await {
            Ok((status, retry_after, body)) => {
                let retry_after_ms = retry_after.as_deref().and_then(|v| retry::parse_retry_after(v, now));
                let result = match config.proxy {
                    // The proxy's answer is final: it retried the vendor as the policy allows.
                    Some(_) => match edge::read_reply(status, &body, vendor, op) {
                        Some(answer) => return Ok(answer),
                        None => Err(Error::response(vendor, status, "not an answer of waihu's proxy")),
                    },
                    None => vendor.parse_response(op, status, &body, locale),
                };
                (Outcome::Status { status, retry_after_ms }, result)
            }
            Err(failure) => {
                let outcome = match failure {
                    TransportFailure::Timeout => Outcome::Timeout,
                    TransportFailure::Network => Outcome::NetworkError,
                    TransportFailure::Aborted | TransportFailure::AbortedBeforeSending => return Err(Error::transport(failure, vendor, op, target(&req), attempt + 1)),
                };
                (outcome, Err(Error::transport(failure, vendor, op, target(&req), attempt + 1)))
            }
        };
        if result.is_ok() {
            return result;
        }
        match retry::next_delay(&send.policy, attempt, req.safe_to_repeat, outcome, jitter) {
            Some(wait) => {
                sleep(wait).await;
                attempt += 1;
            }
            None => return result,
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
async fn fetch_once(fetch: Option<&js_sys::Function>, req: &HttpRequest, timeout_ms: f64, signal: Option<&web_sys::AbortSignal>) -> Result<(u16, Option<String>, String), TransportFailure> {
    if signal.is_some_and(|s| s.aborted()) {
        return Err(TransportFailure::AbortedBeforeSending);
    }
    // Without a caller's signal, the platform's timeout signal does it all, for less than an
    // `AbortController` with a timer of our own (in Node, bench/NOTES.md §5).
    if signal.is_none() {
        if let Ok(deadline) = abort_signal_timeout(timeout_ms.ceil()) {
            let result = fetch_inner(fetch, req, &deadline).await;
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
    let result = fetch_inner(fetch, req, &controller.signal()).await;
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

async fn fetch_inner(fetch: Option<&js_sys::Function>, req: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<(u16, Option<String>, String), ()> {
    // `{ method, headers, body }` made by one `JSON.parse`, headers as a plain record: a
    // `Headers` object filled by `append` cost Node's fetch ~60 µs more per request (bench §5).
    // (The extra `url` member is ignored: `RequestInit` has no such field.)
    let init: web_sys::RequestInit = js_sys::JSON::parse(&to_json(&super::types::JsHttpRequest::from(req))).map_err(|_| ())?.unchecked_into();
    init.set_signal(Some(signal));
    let pending = match fetch {
        // An injected fetch may return any thenable (or throw).
        Some(f) => js_sys::Promise::resolve(&f.call2(&JsValue::UNDEFINED, &JsValue::from_str(&req.url), &init).map_err(|_| ())?),
        None => global_fetch(&req.url, &init).map_err(|_| ())?,
    };
    let response = JsFuture::from(pending).await.map_err(|_| ())?;
    let response = gloo_net::http::Response::from(response.dyn_into::<web_sys::Response>().map_err(|_| ())?);
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| ())?;
    Ok((response.status(), retry_after, body))
}
