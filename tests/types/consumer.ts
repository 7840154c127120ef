// A TypeScript consumer of the built package, type-checked only (tests/types/check.sh runs
// `tsc --noEmit` under strict settings). It imports "waihu" the way a user's project does
// (node_modules/waihu -> pkg/, resolved through the package's "exports") and uses every
// exported function and class of index.d.ts for all four vendors. Where a type matters, it
// is pinned with `expectType<Equal<…>>()`, so a change that widens or loses a type (to
// `any`, to `unknown`, to a wrong param type) fails here.

import {
  AbortError,
  Client,
  NetworkError,
  ResponseError,
  TimeoutError,
  UnsupportedOperationError,
  VENDORS,
  ValidationError,
  VendorError,
  WaihuError,
  isWaihuError,
  buildRequest,
  csvCustomers,
  createImportConsumer,
  createImportPlanner,
  importReport,
  LEDGER_RULES,
  isAbortError,
  isNetworkError,
  isResponseError,
  isTimeoutError,
  isUnsupportedOperationError,
  isValidationError,
  isVendorError,
  operations,
  parseResponse,
  validate,
  validateTask,
  taskParams,
  capabilities,
  taskSpec,
  taskSummaries,
  callRecords,
} from "waihu";
import type {
  BuildOptions,
  ByrobotCallPage,
  ByrobotCreateTaskParams,
  ByrobotImportResult,
  ImportReport,
  ChunkOutcome,
  ImportLedgerStub,
  UnifiedCustomer,
  ByrobotTaskPage,
  ByrobotTaskSummary,
  ByrobotUpdateTaskParams,
  CallOptions,
  ClientConfig,
  CredentialsOf,
  HttpRequest,
  Id,
  Issue,
  IssueCode,
  ItniotechLine,
  ItniotechScript,
  ItniotechTaskPage,
  ItniotechTaskParams,
  Locale,
  OperationOf,
  ParamsOf,
  ResultOf,
  TanyiCreateTaskParams,
  TanyiCreateTaskResult,
  TanyiJobPage,
  ValidateOptions,
  Vendor,
  VendorOperations,
  ZxyCreateOptions,
  ZxyCreateTaskParams,
  ZxyTask,
  ZxyTaskList,
  ZxyUpdateTaskParams,
  TaskSpec,
  TaskSummary,
  CallRecord,
  TaskStatus,
  CallOutcome,
  Capability,
  TaskDetail,
  CreatedTask,
} from "waihu";

// ---- type-level helpers ----

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
declare function expectType<T extends true>(): void;
/** Pins the type of a value: `exact<T>()(value)` fails unless the value's type is exactly T. */
const exact =
  <T>() =>
  <U>(value: U & (Equal<T, U> extends true ? unknown : never)): U =>
    value;

// No operation of any vendor has `any` params or an `any` result.
type AnyLeaks = {
  [V in Vendor]: {
    [O in OperationOf<V>]: IsAny<ParamsOf<V, O>> extends true ? `${V}.${O} params` : IsAny<ResultOf<V, O>> extends true ? `${V}.${O} result` : never;
  }[OperationOf<V>];
}[Vendor];
expectType<Equal<AnyLeaks, never>>();

// Each vendor's operation names, exactly (the Rust test checks the same list against the
// endpoint tables; this checks that it reached TypeScript).
expectType<
  Equal<
    OperationOf<"tanyi">,
    | "createTask" | "updateTask" | "startTask" | "pauseTask" | "stopTask" | "deleteTask" | "setConcurrency" | "batchTaskAction"
    | "importCustomers" | "deleteCustomers" | "deletePendingCustomer" | "requeueCustomers" | "listPendingCustomers" | "listTasks"
    | "getTask" | "getTaskStats" | "listTaskStats" | "checkAllTasks" | "getTaskVariables" | "listCalls" | "getCall" | "getAccount"
    | "listCallerLines" | "listScripts" | "getScriptInfo" | "listPolicyGroups" | "listPolicyGroupNames"
  >
>();
expectType<
  Equal<
    OperationOf<"byrobot">,
    | "createTask" | "updateTask" | "startTask" | "pauseTask" | "stopTask" | "deleteTask" | "importCustomers" | "listPendingCustomers"
    | "listTasks" | "getTask" | "getTaskVariables" | "listCalls" | "getCall" | "listFailedCallbacks" | "listCompanies" | "listCallerLines"
    | "listRobots" | "getSeatStats" | "listSmsTemplates" | "addBlacklist" | "addBlacklistBatch" | "listBlacklist"
    | "deleteBlacklistEntries" | "listBlacklistGroups" | "createBlacklistGroup" | "updateBlacklistGroup" | "deleteBlacklistGroup"
  >
>();
expectType<
  Equal<
    OperationOf<"itniotech">,
    | "createTask" | "updateTask" | "startTask" | "pauseTask" | "deleteTask" | "importCustomers" | "deleteCustomers"
    | "listPendingCustomers" | "listTasks" | "getTaskVariables" | "listCalls" | "listCallerLines" | "listScripts"
  >
>();
expectType<
  Equal<OperationOf<"zxycall">, "getCreateOptions" | "createTask" | "updateTask" | "listTasks" | "deleteTask" | "startTask" | "pauseTask" | "importCustomers">
>();

// The map's entries are the generated types.
expectType<Equal<VendorOperations["tanyi"]["createTask"], { params: TanyiCreateTaskParams; result: TanyiCreateTaskResult }>>();
expectType<Equal<ParamsOf<"byrobot", "updateTask">, ByrobotUpdateTaskParams>>();
expectType<Equal<ResultOf<"byrobot", "startTask">, null>>();
expectType<Equal<ParamsOf<"itniotech", "updateTask">, ItniotechTaskParams & { jobId: Id }>>();
expectType<Equal<ParamsOf<"zxycall", "listTasks">, Record<string, unknown>>>();
expectType<Equal<ResultOf<"zxycall", "getCreateOptions">, ZxyCreateOptions>>();

// The core types the functions use.
expectType<Equal<Vendor, "tanyi" | "byrobot" | "itniotech" | "zxycall">>();
expectType<Equal<Locale, "en" | "zh-CN">>();
expectType<Equal<Issue["severity"], "error" | "warning">>();
expectType<Equal<HttpRequest["method"], "GET" | "POST" | "PUT" | "PATCH" | "DELETE">>();
expectType<Equal<CallOptions["signal"], AbortSignal | undefined>>();
expectType<Equal<CallOptions["timeoutMs"], number | undefined>>();
expectType<Equal<CallOptions["maxRetries"], number | undefined>>();
expectType<Equal<CallOptions["headers"], Record<string, string> | undefined>>();
expectType<Equal<ClientConfig<"tanyi">["fetch"], typeof globalThis.fetch | undefined>>();

// ---- credentials ----

const tanyiCredentials: CredentialsOf["tanyi"] = { appKey: "demoAppKey", appSecret: "demoAppSecret", tenantSign: "demoTenant" };
const byrobotCredentials: CredentialsOf["byrobot"] = { appKey: "demoAppKey", appSecret: "demoAppSecret" };
const itniotechCredentials: CredentialsOf["itniotech"] = { apiKey: "demoApiKey", apiSecret: "demoApiSecret", appId: "LILIN888" };
const zxycallCredentials: CredentialsOf["zxycall"] = { token: "t0k3n", authHeader: "X-Token", authScheme: "" };

// ---- params, with every kind of field: ids as numbers or strings, enums, nested lists, maps ----

const tanyiTask: TanyiCreateTaskParams = {
  concurrencyQuota: 2,
  jobPhoneNumberIdList: [348, "369"],
  robotCallJob: {
    name: "测试名称",
    mode: "AUTO",
    startTime: "2030-11-21 04:32:00",
    dailyStartTime: "09:00",
    dailyEndTime: "20:00",
    inactiveTimeList: [{ startTime: "12:00", endTime: "13:00" }],
    dialogFlowId: 2,
    phoneType: "LANDLINE",
    robotCount: 10,
    smsAlertLevel: ["A", "B"],
    wechatSendMethod: "SENDTOALL",
    redialCondition: ["BUSY", "NO_ANSWER"],
    redialInterval: 30,
    redialTimes: 2,
  },
};

const byrobotTask: ByrobotCreateTaskParams = {
  companyId: 1,
  taskName: "测试任务",
  taskType: 2,
  userPhoneIds: [1, "2"],
  robotDefId: 1,
  callType: 0,
  workingStartTime: "09:00",
  workingEndTime: "20:00",
  repeatCall: true,
  repeatCallRule: [{ phoneStatus: 6, times: 2, interval: 10 }],
  smsSendLevel: ["A级(有明确意向)"],
};

const itniotechTask: ItniotechTaskParams = {
  name: "task",
  dialogFlowId: 8663,
  mode: "MANUAL",
  dailyStartDateTime: "09:00",
  dailyEndDateTime: "20:00",
  robotCount: 1,
  jobPhoneNumberId: 2959,
  daysOfWeek: ["MONDAY", "FRIDAY"],
  redial: true,
  redialCondition: ["CALL_LOSS", "VACANT_NUMBER"],
  redialInterval: 60,
  redialTimes: 1,
};

const zxycallTask: ZxyCreateTaskParams = {
  caller_line_id: "line-1",
  destination_extension: 3,
  disable_dial_timegroup: "6b8c…",
  maximumcall: 1,
  name: "测试任务",
  random_assignment_number: 0,
  recycle_limit: 0,
  _originate_timeout: 60,
  call_pause_second: 10,
  auto_recycle_rule_id: 1,
};

// ---- validate ----

function validateAll(): Issue[] {
  const options: ValidateOptions = { locale: "zh-CN", severity: { invalid_phone: "warning", outside_allowed_hours: "off" } };
  const issues = [
    ...validate("tanyi", "createTask", tanyiTask, options),
    ...validate("tanyi", "importCustomers", { robotCallJobId: 1, customerPersons: [{ phoneNumber: "13800000000", properties: { 姓名: "张三" } }] }),
    ...validate("tanyi", "batchTaskAction", { operation: "PAUSE", executable: [{ robotCallJobId: 33, status: "NOT_STARTED" }] }),
    ...validate("tanyi", "checkAllTasks", { operation: "START", robotCallJobIdSet: [11445, "44564"], statusSet: ["IN_PROCESS"] }),
    ...validate("tanyi", "listTaskStats", ["1017", 1014]),
    ...validate("tanyi", "listTaskStats", { robotCallJobId: ["1017"] }),
    ...validate("tanyi", "deleteCustomers", { robotCallJobId: 1, robotCallTaskIds: "3033729,3033719" }),
    ...validate("tanyi", "startTask", { robotCallJobId: "1734567890123456789" }),
    ...validate("tanyi", "listPolicyGroups", {}),
    ...validate("byrobot", "createTask", byrobotTask),
    ...validate("byrobot", "updateTask", { ...byrobotTask, taskId: 67, userPhoneIds: 1, concurrencyQuota: 1 }),
    ...validate("byrobot", "updateTask", { ...byrobotTask, taskId: 67, userPhoneIds: "255", concurrencyQuota: 1 }),
    ...validate("byrobot", "addBlacklist", { anything: "passes through" }),
    ...validate("itniotech", "createTask", itniotechTask, { locale: "en" }),
    ...validate("itniotech", "importCustomers", {
      jobId: 1,
      customerPersons: [{ phoneNumber: "+15550100", gender: "FEMALE", properties: { age: 30, vip: true, city: "Lyon" } }],
    }),
    ...validate("itniotech", "listPendingCustomers", { current: 1, size: 10, params: { jobId: "12", taskStatus: "CAN_START" } }),
    ...validate("zxycall", "createTask", zxycallTask, { meta: { meta: {} } }),
    ...validate("zxycall", "importCustomers", { task_id: "uuid", data: [{ phone: "13012121211", name: "联系人1" }] }),
  ];
  for (const issue of issues) {
    const code: IssueCode = issue.code;
    const path: (string | number)[] = issue.path;
    const params: Record<string, unknown> = issue.params;
    if (issue.severity === "error") console.error(code, path.join("."), issue.message, params);
  }
  return issues;
}

// ---- buildRequest ----

async function send(req: HttpRequest): Promise<Response> {
  // The request is exactly what fetch takes.
  return fetch(req.url, { method: req.method, headers: req.headers, ...(req.body === undefined ? {} : { body: req.body }) });
}

function buildAll(): HttpRequest[] {
  const tanyiOptions: BuildOptions<"tanyi"> = { credentials: tanyiCredentials, now: 1_557_747_252_783, locale: "en" };
  return [
    buildRequest("tanyi", "createTask", tanyiTask, tanyiOptions),
    buildRequest("tanyi", "listTasks", { status: "IN_PROCESS", pageNum: 1 }, { credentials: { ...tanyiCredentials, version: "v1" } }),
    buildRequest("byrobot", "listCalls", { callJobId: 62, resultQueryList: [{ name: "催缴结果", value: "成功" }] }, { credentials: byrobotCredentials }),
    buildRequest("itniotech", "listCalls", { current: 1, size: 50, params: { startTime: "2030-01-01 00:00:00", endTime: "2030-01-02 00:00:00" } }, {
      credentials: itniotechCredentials,
      headers: { origin: "java-sdk" },
    }),
    buildRequest("zxycall", "updateTask", { ...zxycallTask, task_id: "dfc36b34" } satisfies ZxyUpdateTaskParams, {
      credentials: zxycallCredentials,
      baseUrl: "https://zxy.example.com",
      severity: { unknown_reference: "warning" },
    }),
  ];
}

// ---- parseResponse: typed by vendor and operation ----

function parseAll(body: string): void {
  const created = parseResponse("tanyi", "createTask", 200, body);
  expectType<Equal<typeof created, TanyiCreateTaskResult>>();
  // An id beyond 2^53 comes as a string: a JS number would round it.
  const jobId: Id = created.robotCallJobId;
  exact<TanyiCreateTaskResult>()(parseResponse("tanyi", "updateTask", 200, body));

  const jobs = exact<TanyiJobPage>()(parseResponse("tanyi", "listTasks", 200, body, "zh-CN"));
  const firstStatus: string | undefined = jobs.content[0]?.status;

  exact<null>()(parseResponse("tanyi", "startTask", 200, body));
  exact<unknown>()(parseResponse("tanyi", "getTask", 200, body));

  exact<Id>()(parseResponse("byrobot", "createTask", 200, body));
  const imported = exact<ByrobotImportResult>()(parseResponse("byrobot", "importCustomers", 200, body));
  const taskPage = exact<ByrobotTaskPage>()(parseResponse("byrobot", "listTasks", 200, body));
  exact<ByrobotTaskSummary>()(parseResponse("byrobot", "getTask", 200, body));
  const callPage = exact<ByrobotCallPage>()(parseResponse("byrobot", "listCalls", 200, body));
  const duration: number | string | undefined = callPage.list[0]?.duration;

  exact<Id | null>()(parseResponse("itniotech", "updateTask", 200, body));
  exact<number>()(parseResponse("itniotech", "deleteCustomers", 200, body));
  exact<ItniotechScript[]>()(parseResponse("itniotech", "listScripts", 200, body));
  exact<ItniotechLine[]>()(parseResponse("itniotech", "listCallerLines", 200, body));
  const itTasks = exact<ItniotechTaskPage>()(parseResponse("itniotech", "listTasks", 200, body));

  const options = exact<ZxyCreateOptions>()(parseResponse("zxycall", "getCreateOptions", 200, body));
  const residue: number | undefined = options.meta.caller_line_list[0]?.residue;
  exact<ZxyTask>()(parseResponse("zxycall", "createTask", 201, body));
  const zxyTasks = exact<ZxyTaskList>()(parseResponse("zxycall", "listTasks", 200, body));
  const description: unknown = zxyTasks.data[0]?.caller_line?.description;

  console.log(jobId, firstStatus, imported.successNum, taskPage.total, duration, itTasks.records, residue, description);
}

// ---- operations and VENDORS ----

function listOperations(): void {
  const tanyiOps = operations("tanyi");
  expectType<Equal<typeof tanyiOps, OperationOf<"tanyi">[]>>();
  const vendors: readonly Vendor[] = VENDORS;
  for (const vendor of vendors) {
    // With a vendor known only at run time, every vendor's operation names are possible.
    const ops = operations(vendor);
    expectType<Equal<(typeof ops)[number], OperationOf<"tanyi"> | OperationOf<"byrobot"> | OperationOf<"itniotech"> | OperationOf<"zxycall">>>();
    if (ops.includes("setConcurrency")) console.log(vendor, "can change a task's concurrency");
  }
}

// ---- Client: call() and one method per operation ----

async function useClients(signal: AbortSignal): Promise<void> {
  const options: CallOptions = { signal };

  const tanyiConfig: ClientConfig<"tanyi"> = { vendor: "tanyi", credentials: tanyiCredentials, timeoutMs: 10_000, maxRetries: 1, locale: "zh-CN" };
  const tanyi = new Client(tanyiConfig);
  exact<"tanyi">()(tanyi.vendor);
  exact<TanyiCreateTaskResult>()(await tanyi.createTask(tanyiTask));
  exact<TanyiCreateTaskResult>()(await tanyi.call("createTask", tanyiTask, options));
  exact<TanyiCreateTaskResult>()(await tanyi.updateTask({ ...tanyiTask, robotCallJob: { ...tanyiTask.robotCallJob, robotCallJobId: 139 } }));
  exact<null>()(await tanyi.setConcurrency({ robotCallJobId: 1, robotCount: 5 }, options));
  exact<null>()(await tanyi.stopTask({ robotCallJobId: "1" }));
  exact<TanyiJobPage>()(await tanyi.listTasks({}));
  exact<unknown>()(await tanyi.listCalls({ robotCallJobId: 1, resultStatuses: ["ANSWERED"], intentLevels: ["A"], lastCallRecord: true }));
  await tanyi.requeueCustomers({ robotCallJobId: 1, anything: ["else"] });
  await tanyi.getAccount({});

  const byrobot = new Client({ vendor: "byrobot", credentials: byrobotCredentials, baseUrl: "https://api.byrobot.cn" });
  exact<"byrobot">()(byrobot.vendor);
  exact<Id>()(await byrobot.createTask(byrobotTask));
  exact<null>()(await byrobot.pauseTask({ taskId: 67 }));
  exact<ByrobotImportResult>()(
    await byrobot.call("importCustomers", { companyId: 1, taskId: 67, customerInfoList: [{ phone: "13333333333", properties: { 姓名: "张三" } }] }),
  );
  // The whole-import method: unified or vendor rows, progress, cancel, a report of every row.
  const report = exact<ImportReport & { progressError?: unknown }>()(
    await byrobot.importCustomers(67, [{ phone: "13333333333" }, { name: "李四", phone: "15555555555", properties: { 姓名: "李四" } }], {
      chunkSize: 500, concurrency: 2, skipInvalid: true, extra: { companyId: 1 }, signal: new AbortController().signal,
      onProgress: (p) => console.log(p.done, p.total, p.failed),
    }),
  );
  // A CSV list read by the core's reader, imported as is.
  const fromCsv = exact<UnifiedCustomer[]>()(csvCustomers("name,phone,amount\n李四,15555555555,12\n"));
  await byrobot.importCustomers(67, fromCsv, { extra: { companyId: 1 } });
  // Streaming: plan text as it arrives, send each chunk, fold the outcomes into the report.
  const planner = createImportPlanner("byrobot", 67, { format: "csv", extra: { companyId: 1 } });
  const planned = [planner.push("name,phone\n李四,"), planner.push("15555555555\n"), planner.end()];
  planner.free();
  const chunks: [number, number, ChunkOutcome | null][] = [];
  for (const p of planned) for (const c of p.chunks) chunks.push([c.first, c.end, exact<ChunkOutcome>()(await byrobot.importChunk(c.body))]);
  exact<ImportReport>()(importReport("byrobot", { total: planned.at(-1)?.total ?? 0, rejected: planned.flatMap((p) => p.rejected), chunks }));
  const consumer = createImportConsumer<{ LEDGER: ImportLedgerStub }>({ ledger: (env) => env.LEDGER, client: () => byrobot, deadLetterQueue: "dlq" });
  exact<Promise<void>>()(consumer({ queue: "q", messages: [] }, { LEDGER: { claim: async () => null, record: async () => {}, deadLetter: async () => {} } }));
  exact<number>()(LEDGER_RULES.batch.messages);
  console.log(report.imported.length, report.rejected[0]?.code, report.unknown[0]?.reason, report.notSent.length, report.resume.safeToResend, report.resume.rows);
  exact<ByrobotCallPage>()(await byrobot.call("listCalls", { callJobId: 62, finishStatus: 0, pageSize: 50 }));
  await byrobot.listRobots({ companyId: 1, robotStatus: 2 });
  await byrobot.listFailedCallbacks({ companyId: 1, dataType: 0, startDate: "2030-01-01", endDate: "2030-01-31" });
  await byrobot.listCompanies({});
  await byrobot.createBlacklistGroup({ name: "vip" });

  const itniotech = new Client({ vendor: "itniotech", credentials: itniotechCredentials, headers: { origin: "java-sdk" } });
  exact<"itniotech">()(itniotech.vendor);
  exact<unknown>()(await itniotech.createTask(itniotechTask));
  exact<Id | null>()(await itniotech.updateTask({ ...itniotechTask, jobId: 123 }));
  exact<null>()(await itniotech.startTask({ jobId: 1 }, options));
  await itniotech.pauseTask({ appId: "other-app", jobId: "1" });
  exact<number>()(await itniotech.deleteCustomers({ jobId: 1, jobPhoneNumberList: [{ phoneNumber: "1" }] }));
  exact<ItniotechTaskPage>()(await itniotech.listTasks({ current: 1, size: 10, params: { name: "x" } }));
  exact<ItniotechScript[]>()(await itniotech.listScripts({}));

  const zxycall = new Client({ vendor: "zxycall", credentials: zxycallCredentials, baseUrl: "https://zxy.example.com" });
  exact<"zxycall">()(zxycall.vendor);
  const createOptions = exact<ZxyCreateOptions>()(await zxycall.getCreateOptions({}));
  const task = exact<ZxyTask>()(await zxycall.createTask(zxycallTask));
  await zxycall.startTask({ task_id: task.uuid });
  await zxycall.call("importCustomers", { task_id: task.uuid, data: [{ phone: "13012121211" }] });
  await zxycall.importCustomers(task.uuid, [{ phone: "13012121211" }]);
  exact<ZxyTaskList>()(await zxycall.listTasks({ page: 2 }));
  console.log(validate("zxycall", "createTask", zxycallTask, { meta: createOptions }));

  // A client typed for any vendor: only the operations all four share are methods.
  const someVendor = VENDORS[0] ?? "tanyi";
  const anyClient = new Client<Vendor>({ vendor: someVendor, credentials: tanyiCredentials });
  exact<Vendor>()(anyClient.vendor);
  await anyClient.call("startTask", { robotCallJobId: 1 } as ParamsOf<Vendor, "startTask">);
}

// ---- errors: the guards narrow `unknown` to the documented fields ----

function describe(e: unknown): string {
  if (isValidationError(e)) {
    exact<ValidationError>()(e);
    const issues: Issue[] = e.issues;
    exact<"validation_failed">()(e.code);
    exact<"ValidationError">()(e.name);
    return `${e.vendor} ${e.operation}: ${issues.length} issue(s): ${e.message}`;
  }
  if (isVendorError(e)) {
    exact<VendorError>()(e);
    const requestId: string | null = e.requestId;
    const retry: boolean = e.retryable;
    return `${e.vendor} said ${e.code} (${e.status}) ${e.vendorMessage} — ${e.explanation} [${requestId ?? "no id"}] retry=${retry}`;
  }
  if (isResponseError(e)) {
    exact<ResponseError>()(e);
    exact<boolean>()(e.mayHaveApplied);
    exact<"invalid_response">()(e.code);
    return `unreadable reply (${e.status}), retryable=${e.retryable}`;
  }
  if (isNetworkError(e)) {
    exact<NetworkError>()(e);
    return `${e.operation} failed after ${e.attempts} attempt(s); may have applied: ${e.mayHaveApplied}`;
  }
  if (isTimeoutError(e)) {
    exact<TimeoutError>()(e);
    exact<"timeout">()(e.code);
    return `${e.operation} timed out after ${e.attempts} attempt(s)`;
  }
  if (isAbortError(e)) {
    exact<AbortError>()(e);
    return `${e.operation} aborted after ${e.attempts} attempt(s)`;
  }
  if (isUnsupportedOperationError(e)) {
    exact<UnsupportedOperationError>()(e);
    exact<"unsupported_operation">()(e.code);
    return `${e.vendor} has no ${e.operation}`;
  }
  return String(e);
}

// Every error is an Error and a WaihuError, and each is an instance of its class.
const errors: WaihuError[] = [] as (ValidationError | VendorError | ResponseError | NetworkError | TimeoutError | AbortError | UnsupportedOperationError)[];
const plainErrors: Error[] = errors;
console.log(plainErrors.length, isWaihuError(plainErrors[0]));

/** The same as describe(), with `instanceof` instead of the guards. */
export function describeByClass(e: unknown): string {
  if (e instanceof ValidationError) {
    exact<"validation_failed">()(e.code);
    return e.issues.map((i) => i.path.join(".")).join(", ");
  }
  if (e instanceof VendorError) return `${e.vendor} ${e.code}: ${e.vendorMessage}`;
  if (e instanceof ResponseError) return `HTTP ${e.status}, may have applied: ${e.mayHaveApplied}`;
  if (e instanceof NetworkError || e instanceof TimeoutError) return `${e.name} after ${e.attempts}`;
  if (e instanceof AbortError) return `aborted, may have applied: ${e.mayHaveApplied}`;
  if (e instanceof UnsupportedOperationError) return e.operation;
  if (e instanceof WaihuError) return e.code;
  return String(e);
}

// ---- the unified task spec ----

const SPEC: TaskSpec = {
  name: "Spring", script: 139, lines: [348], lineType: "landline", robots: 2, concurrency: 4,
  start: { mode: "auto", at: "2024-05-01T09:30:00+08:00" }, end: "2024-05-31", hours: { start: "09:00", end: "20:00" },
  breaks: [{ start: "12:00", end: "13:00" }], days: ["monday"], skipDates: [{ start: "2024-05-01", end: "2024-05-03" }],
  redial: { times: 2, interval: 30, on: ["noAnswer", "busy"] }, note: "n",
  vendorOptions: { tanyi: { robotCallJob: { csStaffGroupId: 7 } }, byrobot: { companyId: 1 }, zxycall: { disable_dial_timegroup: "g", auto_recycle_rule_id: 1 } },
};

export function unifiedPure(): void {
  const issues = validateTask("byrobot", SPEC, { locale: "zh-CN", severity: { unsupported_field: "warning" } });
  exact<Issue[]>()(issues);
  exact<TanyiCreateTaskParams>()(taskParams("tanyi", SPEC));
  exact<ZxyUpdateTaskParams>()(taskParams("zxycall", SPEC, { operation: "updateTask", id: "u1" }));
  exact<ItniotechTaskParams>()(taskParams("itniotech", SPEC, { operation: "createTask" }));
  const caps = capabilities("zxycall");
  exact<Capability[]>()(caps);
  for (const c of caps) {
    exact<"supported" | "limited" | "vendorOptions" | "unsupported">()(c.support);
    exact<"name" | "script" | "lines" | "lineType" | "robots" | "concurrency" | "start" | "end" | "hours" | "breaks" | "days" | "skipDates" | "redial" | "note">()(c.field);
    exact<"error" | "warning" | undefined>()(c.severity);
  }
  exact<TaskSpec>()(taskSpec("tanyi", {}));
  const tasks = taskSummaries("byrobot", {});
  exact<TaskSummary[]>()(tasks);
  for (const t of tasks) {
    exact<TaskStatus>()(t.status);
    exact<"notStarted" | "queued" | "running" | "paused" | "suspended" | "completed" | "stopped" | "unknown">()(t.status);
    exact<string | null>()(t.createdAt);
    exact<number | null>()(t.counts.answered);
  }
  const calls = callRecords("tanyi", {});
  exact<CallRecord[]>()(calls);
  for (const c of calls) {
    exact<CallOutcome>()(c.outcome);
    for (const line of c.transcript) exact<"ai" | "customer">()(line.speaker);
    exact<number | null>()(c.durationSeconds);
    exact<string | number | null>()(c.rawOutcome);
  }
}

export async function unifiedClient(): Promise<void> {
  const client = new Client({ vendor: "byrobot", credentials: { appKey: "k", appSecret: "s" } });
  const created = await client.tasks.create(SPEC, { locale: "zh-CN", timeoutMs: 5_000 });
  exact<CreatedTask>()(created);
  exact<string | null>()(created.id);
  await client.tasks.update(created.id ?? 1, SPEC);
  exact<TaskSummary[]>()(await client.tasks.list({ companyId: 1 }));
  exact<TaskDetail | null>()(await client.tasks.get(1, { companyId: 1 }));
  exact<CallRecord[]>()(await client.calls.list(1));
  exact<CallRecord | null>()(await client.calls.get(1));
}

export async function main(): Promise<void> {
  try {
    validateAll();
    for (const req of buildAll()) await send(req);
    parseAll("{}");
    listOperations();
    await useClients(new AbortController().signal);
    unifiedPure();
    await unifiedClient();
  } catch (e) {
    console.error(describe(e), errors);
  }
}

// ---- callbacks: parseCallback, createWebhookHandler, the stores ----

import {
  CallbackError,
  createWebhookHandler,
  durableObjectStore,
  isCallbackError,
  kvStore,
  memoryStore,
  parseCallback,
  sqliteClaims,
} from "waihu";
import type { CallbackEvent, CallbackEventType, CallbackReason, ClaimResult, WebhookStore } from "waihu";

expectType<
  Equal<CallbackEventType, "call.completed" | "inbound_call.completed" | "task.completed" | "task.paused" | "task.suspended" | "task.updated" | "call.intent_changed" | "sms.sent">
>();
expectType<Equal<CallbackReason, "content_type" | "malformed" | "unknown_type">>();

/** Narrowing by `type`: each event's own fields, exactly. */
export function onEvent(e: CallbackEvent<"byrobot">): string {
  exact<"byrobot">()(e.vendor);
  exact<string>()(e.id);
  exact<unknown>()(e.raw);
  switch (e.type) {
    case "call.completed":
    case "inbound_call.completed":
      exact<CallRecord>()(e.call);
      return `${e.call.phone} ${e.call.outcome} ${e.call.intent ?? "-"} ${e.call.transcript.map((l) => `${l.speaker}: ${l.text}`).join("\n")}`;
    case "task.completed":
    case "task.paused":
    case "task.suspended":
    case "task.updated":
      exact<TaskSummary>()(e.task);
      return `${e.task.id} ${e.task.status}`;
    case "call.intent_changed":
      exact<string | null>()(e.intent);
      return e.callId;
    case "sms.sent":
      return e.callId;
    default: {
      const never: never = e;
      return never;
    }
  }
}

export function callbacks(body: string, headers: Headers): void {
  const events = parseCallback("tanyi", { headers, body });
  exact<CallbackEvent<"tanyi">[]>()(events);
  parseCallback("byrobot", { headers: { "Content-Type": "text/plain;charset=utf-8" }, body: new TextEncoder().encode(body) });
  try {
    parseCallback("itniotech", { body });
  } catch (e) {
    if (isCallbackError(e)) exact<CallbackReason>()(e.reason);
    if (e instanceof CallbackError) exact<"invalid_callback">()(e.code);
  }
}

declare const env: {
  CLAIMS: { idFromName(name: string): { toString(): string }; get(id: { toString(): string }): { claim(id: string, leaseMs: number): Promise<ClaimResult>; done(id: string): Promise<void>; release(id: string): Promise<void> } };
  KV: { get(key: string): Promise<string | null>; put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>; delete(key: string): Promise<void> };
};
declare const storage: { sql: { exec(query: string, ...bindings: (string | number)[]): { toArray(): unknown[]; one(): Record<string, unknown> } } };

export const worker = {
  fetch(request: Request): Promise<Response> {
    const handler = createWebhookHandler({
      vendor: "byrobot",
      allowIps: "documented",
      maxBodyBytes: 1 << 20,
      store: durableObjectStore(env.CLAIMS),
      onEvent: async (e) => void onEvent(e),
    });
    exact<(request: Request) => Promise<Response>>()(handler);
    return handler(request);
  },
};

export const stores: WebhookStore[] = [memoryStore(), memoryStore({ max: 10 }), kvStore(env.KV, { retainSeconds: 86_400 }), durableObjectStore(env.CLAIMS, { name: "hooks" })];
const claims = sqliteClaims(storage, { retainMs: 1000 });
exact<ClaimResult>()(claims.claim("id", 1000));
createWebhookHandler({ vendor: "tanyi", allowIps: ["203.0.113.7"], clientIp: (r) => r.headers.get("x-real-ip"), log: false, logPayloads: false, leaseMs: 60_000, store: memoryStore(), onEvent: (e) => console.log(e.id) });
