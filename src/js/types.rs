//! Shapes that exist only at the JS boundary, and the TypeScript declarations of the shared
//! core types that the npm package's entry files refer to.

use serde::{Serialize, Serializer};

use crate::http::HttpRequest;

/// `HttpRequest` as JS sees it: headers as a plain record, as `fetch` takes them.
#[derive(Serialize)]
pub struct JsHttpRequest<'r> {
    pub method: &'static str,
    pub url: &'r str,
    #[serde(serialize_with = "record")]
    pub headers: &'r [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'r str>,
}

/// Name-value pairs as a JSON object, in order (`set_header` keeps names unique).
fn record<S: Serializer>(pairs: &&[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

impl<'r> From<&'r HttpRequest> for JsHttpRequest<'r> {
    fn from(r: &'r HttpRequest) -> Self {
        JsHttpRequest { method: r.method.as_str(), url: &r.url, headers: &r.headers, body: r.body.as_deref() }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_CORE: &'static str = r#"
/** A validation issue, shaped like zod's. */
export interface Issue {
  code: IssueCode;
  /** Keys and indices into the params, e.g. ["robotCallJob", "dailyEndTime"]. */
  path: (string | number)[];
  message: string;
  params: Record<string, unknown>;
  /** Errors stop buildRequest; warnings do not. */
  severity: "error" | "warning";
}
export interface ValidateOptions {
  locale?: Locale;
  /** ZXY: the reply of getCreateOptions, to check ids against. */
  meta?: unknown;
  /** Per-code severity overrides, e.g. { invalid_phone: "warning" }. */
  severity?: Partial<Record<IssueCode, "error" | "warning" | "off">>;
}
/** The raw options of buildRequest; the package's typed BuildOptions<V> narrows credentials. */
export interface RawBuildOptions {
  credentials: unknown;
  /** Scheme, host and optional prefix. Required for zxycall (no documented host). */
  baseUrl?: string;
  /** The clock in epoch milliseconds (default: now). */
  now?: number;
  locale?: Locale;
  meta?: unknown;
  severity?: Partial<Record<IssueCode, "error" | "warning" | "off">>;
  /** Headers set last, replacing any of the same name. */
  headers?: Record<string, string>;
}
/** How a client sends; set per client, and overridable per call. */
export interface SendOptions {
  /** Per attempt, 1 to 2 147 483 647 ms; default 30 000. */
  timeoutMs?: number;
  /** Retries where safe (reads; 429/503 for any method), 0 to 10; default 2. */
  maxRetries?: number;
  /** Headers set last, replacing any of the same name (a call's over the client's). */
  headers?: Record<string, string>;
  /** Per-code severity overrides for the validation before sending. */
  severity?: Partial<Record<IssueCode, "error" | "warning" | "off">>;
  /** ZXY: the reply of getCreateOptions, to check ids against. */
  meta?: unknown;
}
export interface RawClientConfig extends SendOptions {
  vendor: Vendor;
  credentials?: unknown;
  /** Proxy mode (without credentials): the URL of waihu's edge proxy. */
  proxyUrl?: string;
  /** Proxy mode: the caller's bearer token for the proxy. */
  token?: string;
  baseUrl?: string;
  locale?: Locale;
  /** The `fetch` to send with (default: the global one), for tests, proxies, instrumentation. */
  fetch?: typeof globalThis.fetch;
}
export interface RawImportOptions {
  /** Rows per call, at least 1 and at most (and by default) the vendor's limit. */
  chunkSize?: number;
  /** Chunks in flight at once, 1 to 64; default 4. */
  concurrency?: number;
  /** Import the valid rows and report the invalid ones as rejected, instead of throwing. */
  skipInvalid?: boolean;
  /** Members added to every batch (BYRobot's companyId, Itniotech's callRecordDup). */
  extra?: Record<string, unknown>;
  locale?: Locale;
}
export type ChunkOutcome =
  | { kind: "applied"; data: unknown }
  | { kind: "rejected"; code: string; message: string; retryable?: boolean }
  | { kind: "unknown"; reason: string }
  | { kind: "notSent" };
/** Per-call options: the client's send options for this call, and a signal. */
export interface CallOptions extends SendOptions {
  signal?: AbortSignal;
}
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
}
"#;
