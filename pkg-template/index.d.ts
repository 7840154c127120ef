// The typed public API of waihu. Param and result types are generated from the Rust types
// (tsify) into waihu.d.ts; this file ties them to vendors and operations.
//
// waihu.d.ts declares wasm-bindgen's `Client.[Symbol.dispose]()`, which needs the
// explicit-resource-management lib (not in es2022); without this reference a project with
// `"lib": ["es2022", "dom"]` and `skipLibCheck: false` fails to compile the package's types.
/// <reference lib="esnext.disposable" />
import type {
  Issue, Locale, ValidateOptions, HttpRequest, CallOptions, Vendor, RawImportOptions, ImportReport,
  RawBuildOptions, RawClientConfig, SendOptions, VendorOperations, CredentialsOf, VendorCustomers,
  TaskSummary, CallRecord, CallOutcome,
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
export interface ClientConfig<V extends Vendor> extends Omit<RawClientConfig, "vendor" | "credentials"> {
  vendor: V;
  credentials: CredentialsOf[V];
}

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
