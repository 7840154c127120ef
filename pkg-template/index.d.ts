// The typed public API of waihu. Param and result types are generated from the Rust types
// (tsify) into waihu.d.ts; this file ties them to vendors and operations.
//
// waihu.d.ts declares wasm-bindgen's `Client.[Symbol.dispose]()`, which needs the
// explicit-resource-management lib (not in es2022); without this reference a project with
// `"lib": ["es2022", "dom"]` and `skipLibCheck: false` fails to compile the package's types.
/// <reference lib="esnext.disposable" />
import type {
  Issue, Locale, ValidateOptions, HttpRequest, CallOptions, Vendor, RawImportOptions, ImportReport,
  RawBuildOptions, RawClientConfig, SendOptions, VendorOperations, CredentialsOf, VendorCustomers, Operation,
} from "./waihu.js";

export type * from "./waihu.js";
export * from "./errors.js";
export * from "./generated.js";

export type OperationOf<V extends Vendor> = keyof VendorOperations[V] & string;
export type ParamsOf<V extends Vendor, O extends OperationOf<V>> = VendorOperations[V][O] extends { params: infer P } ? P : never;
export type ResultOf<V extends Vendor, O extends OperationOf<V>> = VendorOperations[V][O] extends { result: infer R } ? R : never;

/** `RawBuildOptions` with the vendor's credentials type. */
export interface BuildOptions<V extends Vendor> extends Omit<RawBuildOptions, "credentials"> {
  credentials: CredentialsOf[V];
}

/** Every issue, errors and warnings, with messages in `options.locale`. */
export declare function validate<V extends Vendor, O extends OperationOf<V>>(vendor: V, operation: O, params: ParamsOf<V, O>, options?: ValidateOptions): Issue[];

/** The exact signed request. Throws ValidationError when any issue is an error. */
export declare function buildRequest<V extends Vendor, O extends OperationOf<V>>(vendor: V, operation: O, params: ParamsOf<V, O>, options: BuildOptions<V>): HttpRequest;

/** Reads a vendor reply: the envelope's data, or throws VendorError / ResponseError. */
export declare function parseResponse<V extends Vendor, O extends OperationOf<V>>(vendor: V, operation: O, status: number, body: string, locale?: Locale): ResultOf<V, O>;

/**
 * The operations a vendor supports. For a vendor known only at run time (`V` a union), any of
 * those vendors' operations may be listed, so the names distribute over `V`.
 */
export declare function operations<V extends Vendor>(vendor: V): (V extends Vendor ? OperationOf<V> : never)[];

/** `RawClientConfig` for one vendor, with its credentials type. */
export interface DirectClientConfig<V extends Vendor> extends Omit<RawClientConfig, "vendor" | "credentials"> {
  vendor: V;
  credentials: CredentialsOf[V];
  proxyUrl?: never;
  token?: never;
}

/**
 * A client of waihu's edge proxy (`createProxyHandler`), for pages that must not hold the
 * vendor's secrets: the same methods, errors and imports, sent through the proxy, which holds
 * the credentials and the base URL.
 */
export interface ProxyClientConfig<V extends Vendor> extends Omit<RawClientConfig, "vendor" | "credentials" | "baseUrl"> {
  vendor: V;
  /** The proxy's URL (e.g. the Worker's `https://edge.example.com/api`). */
  proxyUrl: string;
  /** The caller's bearer token for the proxy (`Authorization: Bearer <token>`). */
  token?: string;
  credentials?: never;
  baseUrl?: never;
}

export type ClientConfig<V extends Vendor> = DirectClientConfig<V> | ProxyClientConfig<V>;

export interface ClientBase<V extends Vendor> {
  readonly vendor: V;
  call<O extends OperationOf<V>>(operation: O, params: ParamsOf<V, O>, options?: CallOptions): Promise<ResultOf<V, O>>;
  /**
   * Imports any number of customers in chunks of the vendor's limit. Throws ValidationError
   * (issue paths start at the row index) before sending anything unless `skipInvalid`. The
   * report always comes back (with `progressError` if `onProgress` threw: no chunk starts after).
   */
  importCustomers(taskId: number | string, customers: readonly (UnifiedCustomer | VendorCustomerOf<V>)[], options?: ImportOptions): Promise<ImportReport & { progressError?: unknown }>;
}

/** One method per operation: `client.createTask(params)` (imports: `importCustomers` below). */
export type OperationMethods<V extends Vendor> = {
  [O in Exclude<OperationOf<V>, "importCustomers">]: (params: ParamsOf<V, O>, options?: CallOptions) => Promise<ResultOf<V, O>>;
};

/** A customer in waihu's unified shape, mapped to each vendor's row. */
export interface UnifiedCustomer {
  name?: string;
  phone: string;
  properties?: Record<string, string | number | boolean>;
}

/** One row of the vendor's own `importCustomers` batch. */
export type VendorCustomerOf<V extends Vendor> = VendorCustomers[V];

export interface ImportProgress {
  /** Rows whose outcome is known so far (sent, or rejected before sending). */
  done: number;
  total: number;
  /** Rows rejected or of unknown outcome so far. */
  failed: number;
}

export interface ImportOptions extends RawImportOptions, SendOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Stops sending further chunks; a chunk in flight ends as unknown. */
  signal?: AbortSignal;
}

export type Client<V extends Vendor> = ClientBase<V> & OperationMethods<V>;
export declare const Client: new <V extends Vendor>(config: ClientConfig<V>) => Client<V>;

/** What the proxy serves of one vendor: its credentials (from the Worker's secrets), the
 *  operations callers may use, and its base URL (required for a vendor that documents none). */
export interface ProxyVendorConfig<V extends Vendor> {
  credentials: CredentialsOf[V];
  operations: readonly OperationOf<V>[];
  baseUrl?: string;
}

/** One call's record for the `onCall` audit hook: never a credential, a token or a phone. */
export interface ProxyCallRecord {
  /** The caller the token (or `authorize`) named; null when refused before that. */
  caller: string | null;
  vendor: Vendor | null;
  operation: Operation | null;
  /** The task the call is about, when its params name one. */
  taskId: string | null;
  /** `"ok"`, the error's name, or `"method_not_allowed"` / `"bad_request"` for what is no call. */
  outcome: string;
  /** The HTTP status the proxy answered with. */
  status: number;
  durationMs: number;
}

export interface ProxyConfig extends SendOptions {
  /** The vendors the proxy serves. */
  vendors: { [V in Vendor]?: ProxyVendorConfig<V> };
  /** Callers and their bearer tokens (each at least 16 characters), e.g. from a secret. */
  tokens?: Record<string, string>;
  /** Instead of `tokens`: the caller's name, or null/undefined (or a throw) to refuse with 401. */
  authorize?: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /** Exact origins whose pages may call (CORS); a request without `Origin` is from no page. */
  origins?: readonly string[];
  /** The largest request body accepted, in bytes (default 1 MiB); larger is 413. */
  maxBodyBytes?: number;
  /** Per caller: at most `limit` calls per `windowMs`, for all writes (`writes`) or one operation. */
  rateLimits?: { [K in "writes" | Operation]?: { limit: number; windowMs: number } };
  /** Called once per call answered (not for preflights). */
  onCall?: (record: ProxyCallRecord) => void | Promise<void>;
  /** The `fetch` to reach the vendors with (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/**
 * The edge proxy: a handler for `{ vendor, operation, params }` calls from `Client`s in proxy
 * mode, for a Cloudflare Worker, Node 18+ or any runtime with `Request` and `Response`.
 * Throws a TypeError (`invalid_argument`) for a config that would fail every call.
 */
export declare function createProxyHandler(config: ProxyConfig): (request: Request) => Promise<Response>;
