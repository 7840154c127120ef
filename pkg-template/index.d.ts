// The typed public API of waihu. Param and result types are generated from the Rust types
// (tsify) into waihu.d.ts; this file ties them to vendors and operations.
//
// waihu.d.ts declares wasm-bindgen's `Client.[Symbol.dispose]()`, which needs the
// explicit-resource-management lib (not in es2022); without this reference a project with
// `"lib": ["es2022", "dom"]` and `skipLibCheck: false` fails to compile the package's types.
/// <reference lib="esnext.disposable" />
import type {
  Issue, Locale, ValidateOptions, HttpRequest, CallOptions, Vendor, RawImportOptions, ImportReport, RowRejection,
  RawBuildOptions, RawClientConfig, SendOptions, VendorOperations, CredentialsOf, VendorCustomers, Operation,
  CallRecord, TaskSummary, CallOutcome,
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

/**
 * A CSV list's customers, read by the core's CSV reader (RFC 4180 quoting, CRLF, a BOM): the
 * header names the phone column (`phone`, `mobile`, `tel`, `手机`, `电话`, …) and the name
 * column; every other named column is a property, empty cells left out. Throws a TypeError
 * (`code: "invalid_argument"`) when the header names no phone column.
 */
export declare function csvCustomers(text: string): UnifiedCustomer[];

/** What happened to one import chunk; `status`: where it goes in a queue's ledger. */
export type ChunkOutcome = { status: "applied" | "rejected" | "unknown" | "queued" } & (
  | { kind: "applied"; failed: number[] }
  | { kind: "rejected"; code: string; message: string; retryable: boolean }
  | { kind: "unknown"; reason: string }
  | { kind: "notSent" }
);

/** A chunk an import planner cut: input rows `first..end` (`rows` of them sent), `body` its params' JSON text. */
export interface PlannedChunk {
  first: number;
  end: number;
  rows: number;
  body: string;
}

/** What an import planner planned since its last call (the counts are the totals so far). */
export interface Planned {
  chunks: PlannedChunk[];
  rejected: RowRejection[];
  total: number;
  rejectedCount: number;
  concurrency: number;
}

export interface StreamingImportPlanner {
  push(text: string): Planned;
  end(): Planned;
  free(): void;
}

/** A streaming planner: rows in as NDJSON or CSV text, in pieces of any size. */
export declare function createImportPlanner(vendor: Vendor, taskId: number | string, options?: RawImportOptions & { format?: "ndjson" | "csv" }): StreamingImportPlanner;

/** What a sender keeps of an import: its report is `importReport(vendor, state)`. */
export interface ImportState {
  total: number;
  rejected: RowRejection[];
  chunks: [first: number, end: number, outcome: ChunkOutcome | null][];
}

export declare function importReport(vendor: Vendor, state: ImportState | string): ImportReport;

/** The message a queue carries for one chunk. */
export interface ImportMessage {
  importId: string;
  n: number;
  vendor: Vendor;
  account: string;
}

/** What the consumer needs of a ledger (www/worker/ledger.js's ImportLedger stub). */
export interface ImportLedgerStub {
  claim(importId: string, n: number): Promise<string | null>;
  record(importId: string, n: number, outcome: string): Promise<void>;
  deadLetter(importId: string, n: number): Promise<void>;
}

export interface ImportConsumerConfig<Env> {
  ledger(env: Env, message: ImportMessage): ImportLedgerStub;
  client(env: Env, message: ImportMessage): { importChunk(body: string, options?: CallOptions): Promise<ChunkOutcome> };
  /** The dead-letter queue's name, when this handler consumes it too. */
  deadLetterQueue?: string;
  backoff?: { baseSeconds?: number; maxSeconds?: number };
}

/** The subset of a Cloudflare queue message the consumer uses. */
export interface QueueMessageLike {
  readonly body: ImportMessage;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** A Worker `queue(batch, env)` handler for import chunks. It never throws. */
export declare function createImportConsumer<Env>(config: ImportConsumerConfig<Env>): (batch: { readonly queue: string; readonly messages: readonly QueueMessageLike[] }, env: Env) => Promise<void>;

/** The ledger's rules (generated from the core): what each event moves a chunk from and to. */
export declare const LEDGER_RULES: {
  readonly [event in "commit" | "claim" | "record" | "deadLetter" | "expire" | "requeue"]: { readonly from: readonly string[]; readonly to: string | null };
} & {
  readonly final: readonly string[];
  readonly expired: ChunkOutcome;
  readonly deadLettered: ChunkOutcome;
  readonly batch: { readonly messages: number; readonly bytes: number };
};

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
  /** The unified task API: the spec in, unified summaries out. */
  readonly tasks: TaskApi<V>;
  readonly calls: CallApi;
  call<O extends OperationOf<V>>(operation: O, params: ParamsOf<V, O>, options?: CallOptions): Promise<ResultOf<V, O>>;
  /**
   * Imports any number of customers in chunks of the vendor's limit. Throws ValidationError
   * (issue paths start at the row index) before sending anything unless `skipInvalid`. The
   * report always comes back (with `progressError` if `onProgress` threw: no chunk starts after).
   */
  /** Sends one chunk an import planner cut; never rejects for the chunk's own failure. */
  importChunk(body: string, options?: CallOptions): Promise<ChunkOutcome>;
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
  /** Script variables. The vendors take them as text: a number or boolean is sent in its
   * string form (`12` → `"12"`, `true` → `"true"`). */
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

// ---- The unified task spec (README "One task, four vendors") ----

/** Every member optional, all the way down (a vendor's params as `vendorOptions`). */
export type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** The params of an operation every vendor has. */
export type TaskParamsOf<V extends Vendor, O extends "createTask" | "updateTask"> = VendorOperations[V] extends Record<O, { params: infer P }> ? P : never;
type TaskResultOf<V extends Vendor, O extends "createTask" | "updateTask"> = VendorOperations[V] extends Record<O, { result: infer R }> ? R : never;

/** Members merged, as the vendor writes them, into its params: what only that vendor has. */
export type VendorOptionsOf<V extends Vendor> = DeepPartial<TaskParamsOf<V, "createTask">> & Record<string, unknown>;

export type DayOfWeek = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
/** The call outcomes a redial can follow. */
export type RedialOutcome = Exclude<CallOutcome, "answered" | "blocked" | "unknown">;
/** `HH:mm`. */
export type TimeOfDay = string;
export interface TimeWindow {
  start: TimeOfDay;
  end: TimeOfDay;
}

/** One description of a task for every vendor; what a vendor cannot express is `unsupported_field`. */
export interface TaskSpec {
  name?: string;
  /** The dialog flow / robot / script group id. */
  script?: string | number;
  /** Caller line ids (some vendors take one: `capabilities` says). */
  lines?: (string | number)[];
  lineType?: "mobile" | "landline" | "unfixed" | "policyGroup";
  /** AI seats working the task at once. */
  robots?: number;
  /** Calls at once over the lines. */
  concurrency?: number;
  /** `manual` when absent; `auto` starts at `at` (ISO 8601; no offset: China time). */
  start?: { mode?: "manual" | "auto"; at?: string };
  /** ISO 8601. */
  end?: string;
  /** The daily dialling window. */
  hours?: TimeWindow;
  /** Daily windows without dialling. */
  breaks?: TimeWindow[];
  days?: DayOfWeek[];
  /** `yyyy-MM-dd` date ranges without dialling. */
  skipDates?: { start: string; end: string }[];
  /** Up to `times` redials, `interval` minutes apart, after the outcomes in `on`. */
  redial?: { times?: number; interval?: number; on?: RedialOutcome[] };
  note?: string;
  vendorOptions?: { [V in Vendor]?: VendorOptionsOf<V> };
}

export type SpecField = Exclude<keyof TaskSpec, "vendorOptions">;

/** What a vendor can do with one spec field (`capabilities`). */
export interface Capability {
  field: SpecField;
  support: "supported" | "limited" | "vendorOptions" | "unsupported";
  /** Of the `unsupported_field` issue the field (or exceeding its limit) gives. */
  severity?: "error" | "warning";
  /** At most this many items. */
  maximum?: number;
  /** Only these spec values. */
  values?: string[];
  /** A date without a time of day. */
  dateOnly?: boolean;
  /** Only through `vendorOptions.<vendor>.<option>`. */
  option?: string;
}

export interface TaskOptions extends ValidateOptions {
  /** Default `createTask`. */
  operation?: "createTask" | "updateTask";
  /** The task being updated. */
  id?: string | number;
}

/** A task with the spec it reads back as (to edit it in the same form). */
export interface TaskDetail {
  task: TaskSummary;
  spec: TaskSpec;
}

export interface CreatedTask {
  /** The new task's id, as a string; null where the vendor's reply carries none. */
  id: string | null;
  /** The vendor's reply. */
  result: unknown;
}

/** Call options, and the locale of the spec's issues. */
export interface UnifiedCallOptions extends CallOptions {
  locale?: Locale;
}

/** Every issue of the spec for the vendor, at spec paths, in `options.locale`. */
export declare function validateTask(vendor: Vendor, spec: TaskSpec, options?: TaskOptions): Issue[];
/** The vendor's own params for the spec. Throws ValidationError (at spec paths) when any issue is an error. */
export declare function taskParams<V extends Vendor, O extends "createTask" | "updateTask" = "createTask">(vendor: V, spec: TaskSpec, options?: TaskOptions & { operation?: O }): TaskParamsOf<V, O>;
/** Per spec field, what the vendor can do with it. */
export declare function capabilities(vendor: Vendor): Capability[];
/** The spec of one of the vendor's task details (or task list items). */
export declare function taskSpec(vendor: Vendor, detail: unknown): TaskSpec;
/** The tasks of a `listTasks` / `getTask` reply. */
export declare function taskSummaries(vendor: Vendor, reply: unknown): TaskSummary[];
/** The calls of a `listCalls` / `getCall` reply. */
export declare function callRecords(vendor: Vendor, reply: unknown): CallRecord[];

export interface TaskApi<V extends Vendor> {
  /** Validates the spec (ValidationError at spec paths) and creates the task. */
  create(spec: TaskSpec, options?: UnifiedCallOptions): Promise<CreatedTask>;
  /** Replaces the task's fields with the spec's. */
  update(id: string | number, spec: TaskSpec, options?: UnifiedCallOptions): Promise<TaskResultOf<V, "updateTask">>;
  /** `params`: the vendor's own query params (an account id it requires, paging). */
  list(params?: Record<string, unknown>, options?: CallOptions): Promise<TaskSummary[]>;
  /** The task (from the vendor's task detail, or its list), or null. */
  get(id: string | number, params?: Record<string, unknown>, options?: CallOptions): Promise<TaskDetail | null>;
}

export interface CallApi {
  /** The task's calls. `params`: the vendor's own (a time range where its call query takes one). */
  list(taskId: string | number, params?: Record<string, unknown>, options?: CallOptions): Promise<CallRecord[]>;
  get(id: string | number, params?: Record<string, unknown>, options?: CallOptions): Promise<CallRecord | null>;
}
export declare const Client: new <V extends Vendor>(config: ClientConfig<V>) => Client<V>;

// ---- Callbacks (README "Callbacks"; the core reads them: src/callback.rs) ----

interface CallbackEventBase<V extends Vendor> {
  /** `vendor:type:recordId`: the same for every delivery of the same event (a retry, a duplicate). */
  id: string;
  vendor: V;
  /** The payload as sent (JSON.parse of the body; numbers beyond 2^53 are exact only in `id` and the unified records). */
  raw: unknown;
}

/** One event of a callback a vendor pushed, narrowed by `type`. */
export type CallbackEvent<V extends Vendor = Vendor> =
  | (CallbackEventBase<V> & { type: "call.completed" | "inbound_call.completed"; call: CallRecord })
  | (CallbackEventBase<V> & { type: "task.completed" | "task.paused" | "task.suspended" | "task.updated"; task: TaskSummary })
  | (CallbackEventBase<V> & { type: "call.intent_changed"; callId: string; intent: string | null })
  | (CallbackEventBase<V> & { type: "sms.sent"; callId: string });

export type CallbackEventType = CallbackEvent["type"];

/** A pushed request as you have it: its headers (for the content type) and its body. */
export interface CallbackRequest {
  headers?: Headers | Record<string, string>;
  body: string | Uint8Array | ArrayBuffer;
}

/**
 * The typed events of one delivery. Throws CallbackError (`reason`: content_type, malformed,
 * unknown_type), or UnsupportedOperationError for a vendor that documents no callbacks.
 */
export declare function parseCallback<V extends Vendor>(vendor: V, request: CallbackRequest): CallbackEvent<V>[];

/** `claimed`: handle the event now; `done`: handled before; `busy`: another delivery holds it. */
export type ClaimResult = "claimed" | "done" | "busy";

/**
 * Where a webhook remembers event ids. `claim` must be atomic: of two concurrent claims of one
 * id, one gets `claimed`. A claim is held `leaseMs`, then may be claimed again (a crashed
 * handler's event is retried); `done` marks it handled, `release` frees it after a failure.
 */
export interface WebhookStore {
  claim(id: string, leaseMs: number): ClaimResult | Promise<ClaimResult>;
  done(id: string): void | Promise<void>;
  release(id: string): void | Promise<void>;
}

export interface WebhookHandlerOptions<V extends Vendor> {
  vendor: V;
  /** Called once per new event; the vendor gets its acknowledgement only once every event's promise resolved. */
  onEvent: (event: CallbackEvent<V>) => void | Promise<void>;
  /** Default: `memoryStore()` (one isolate or process only). */
  store?: WebhookStore;
  /** Source addresses allowed, or "documented" (the addresses the vendor documents; not every vendor documents any). Default: any. */
  allowIps?: readonly string[] | "documented" | null;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** The request's source address. Default: the `CF-Connecting-IP` header (Cloudflare); elsewhere, pass the socket's. */
  clientIp?: (request: Request) => string | null | undefined;
  /** How long a claim is held while `onEvent` runs; default 120 000 ms. */
  leaseMs?: number;
  /** One line per refused or failed delivery; never a payload unless `logPayloads`. Default `console.warn`. */
  log?: false | ((line: string) => void);
  /** Adds the body (phones, transcripts) to failure lines. Default false. */
  logPayloads?: boolean;
}

/** A `fetch`-style handler (Cloudflare Workers, Node 18+) that answers what the vendor expects. */
export declare function createWebhookHandler<V extends Vendor>(options: WebhookHandlerOptions<V>): (request: Request) => Promise<Response>;

/** Claims in memory: atomic, but per isolate or process and lost on restart. */
export declare function memoryStore(options?: { max?: number }): WebhookStore;

/** A SQLite-backed Durable Object's storage (`ctx.storage`), as `sqliteClaims` uses it. */
export interface SqlStorageLike {
  sql: { exec(query: string, ...bindings: (string | number)[]): { toArray(): unknown[]; one(): Record<string, unknown> } };
}

export interface SqliteClaims {
  claim(id: string, leaseMs: number): ClaimResult;
  done(id: string): void;
  release(id: string): void;
}

/** The claims table inside a Durable Object: expose its three methods as the object's RPC methods. */
export declare function sqliteClaims(storage: SqlStorageLike, options?: { retainMs?: number }): SqliteClaims;

/** A Durable Object namespace binding whose objects expose `sqliteClaims`' methods. */
export interface ClaimsNamespace {
  idFromName(name: string): unknown;
  get(id: never): WebhookStore;
  getByName?(name: string): WebhookStore;
}

/** Atomic claims in one Durable Object (`name`, default "waihu-webhooks"). */
export declare function durableObjectStore(namespace: ClaimsNamespace, options?: { name?: string }): WebhookStore;

export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Workers KV: NOT safe under concurrent duplicates (no atomic claim); prefer durableObjectStore. */
export declare function kvStore(kv: KvNamespaceLike, options?: { prefix?: string; retainSeconds?: number }): WebhookStore;

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
 * The caller that a request's bearer token names among `tokens` (caller → token), compared in
 * constant time, or null: the proxy's default authorization, for a Worker's other routes.
 */
export declare function callerOf(tokens: Record<string, string>, request: Request): string | null;

/**
 * The edge proxy: a handler for `{ vendor, operation, params }` calls from `Client`s in proxy
 * mode, for a Cloudflare Worker, Node 18+ or any runtime with `Request` and `Response`.
 * Throws a TypeError (`invalid_argument`) for a config that would fail every call.
 */
export declare function createProxyHandler(config: ProxyConfig): (request: Request) => Promise<Response>;
