// Mistakes a user could make with waihu, each of which the package's types must reject.
// Every mistake is one line preceded by `// @ts-expect-error TSxxxx why`: tsc fails if a
// marked line is NOT an error. tests/types/check.sh also compiles a copy of this file with
// the markers removed and asserts that each formerly marked line reports one of the listed
// error codes, so a marker cannot pass by catching some unrelated error.

import {
  validateTask, Client, VENDORS, buildRequest, isResponseError, isTimeoutError, isValidationError, isVendorError, operations, parseResponse, validate } from "waihu";
import type { CredentialsOf, Issue, OperationOf, TanyiCreateTaskParams } from "waihu";

declare const tanyiTask: TanyiCreateTaskParams;
declare const e: unknown;
declare const issue: Issue;
const tanyiCredentials: CredentialsOf["tanyi"] = { appKey: "k", appSecret: "s", tenantSign: "t" };

// ---- params ----

export function params(): void {
  // @ts-expect-error TS2561/TS2353 a typo in a nested field name: dailyStarTime for dailyStartTime
  validate("tanyi", "createTask", { jobPhoneNumberIdList: [1], robotCallJob: { name: "n", mode: "MANUAL", dailyStarTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 1, phoneType: "MOBILE", robotCount: 1 } });
  // @ts-expect-error TS2561/TS2353 the same typo next to the right fields (an excess property)
  validate("tanyi", "createTask", { ...tanyiTask, robotCallJob: { ...tanyiTask.robotCallJob, dailyStarTime: "09:00" } });
  // @ts-expect-error TS2322 a mode the enum lacks
  validate("tanyi", "createTask", { ...tanyiTask, robotCallJob: { ...tanyiTask.robotCallJob, mode: "AUTOMATIC" } });
  // @ts-expect-error TS2322 Tanyi's customer properties are strings
  validate("tanyi", "importCustomers", { robotCallJobId: 1, customerPersons: [{ phoneNumber: "13800000000", properties: { age: 30 } }] });
  // @ts-expect-error TS2322 an id is a number or a string, not a boolean
  validate("byrobot", "startTask", { taskId: true });
  // @ts-expect-error TS2353/TS2561 another vendor's param name (Tanyi's robotCallJobId on BYRobot)
  validate("byrobot", "startTask", { robotCallJobId: 1 });
  // @ts-expect-error TS2322 createTask takes a list of caller lines (only update accepts one id)
  validate("byrobot", "createTask", { companyId: 1, taskName: "t", taskType: 2, userPhoneIds: 1, robotDefId: 1, callType: 0 });
  // @ts-expect-error TS2353/TS2561 executeJobs takes `executable`, not an invented `robotCallJobIds`
  validate("tanyi", "batchTaskAction", { operation: "PAUSE", robotCallJobIds: [1] });
  // @ts-expect-error TS2322/TS2345 getJobStatsInfoList takes ids, not objects
  validate("tanyi", "listTaskStats", [{ id: 1 }]);
  // @ts-expect-error TS2322 a list of ids, or ids joined by commas, not a boolean
  validate("tanyi", "deleteCustomers", { robotCallJobId: 1, robotCallTaskIds: true });
  // @ts-expect-error TS2322 a weekday the enum lacks
  validate("itniotech", "createTask", { name: "t", dialogFlowId: 1, mode: "MANUAL", dailyStartDateTime: "09:00", dailyEndDateTime: "20:00", robotCount: 1, jobPhoneNumberId: 1, redial: false, daysOfWeek: ["MON"] });
  // @ts-expect-error TS2345 Itniotech's updateTask needs the jobId
  validate("itniotech", "updateTask", { name: "t", dialogFlowId: 1, mode: "MANUAL", dailyStartDateTime: "09:00", dailyEndDateTime: "20:00", robotCount: 1, jobPhoneNumberId: 1, redial: false });
  // @ts-expect-error TS2741 the paged query's filter goes in `params`, which is required here
  validate("itniotech", "listPendingCustomers", { current: 1, size: 10 });
  // @ts-expect-error TS2322 ZXY's task id is the uuid string
  validate("zxycall", "startTask", { task_id: 42 });
  // @ts-expect-error TS2345 params are an object
  validate("zxycall", "listTasks", "page=2");
}

// ---- vendors, operations, options ----

export function names(): void {
  // @ts-expect-error TS2345 a misspelt vendor
  validate("tanyl", "createTask", {});
  // @ts-expect-error TS2345 an operation this vendor lacks
  validate("zxycall", "listCalls", {});
  // @ts-expect-error TS2345 an operation no vendor has
  parseResponse("tanyi", "createTasks", 200, "{}");
  // @ts-expect-error TS2345 the status is a number
  parseResponse("tanyi", "createTask", "200", "{}");
  // @ts-expect-error TS2345 a locale waihu lacks
  parseResponse("tanyi", "createTask", 200, "{}", "zh");
  // @ts-expect-error TS2322 a severity override must be error, warning or off
  validate("tanyi", "startTask", { robotCallJobId: 1 }, { severity: { invalid_phone: "warn" } });
  // @ts-expect-error TS2561/TS2353 an issue code waihu lacks
  validate("tanyi", "startTask", { robotCallJobId: 1 }, { severity: { invalid_phonenumber: "off" } });
  // @ts-expect-error TS2322 another vendor's operation names
  const ops: OperationOf<"zxycall">[] = operations("tanyi");
  // @ts-expect-error TS2339 VENDORS is read-only
  VENDORS.push("acme");
  // @ts-expect-error TS2322 issue paths hold indices too
  const path: string[] = issue.path;
  console.log(ops, path);
}

// ---- credentials ----

export function credentials(): void {
  // @ts-expect-error TS2561/TS2353 BYRobot's key is appKey, not Itniotech's apiKey
  buildRequest("byrobot", "startTask", { taskId: 1 }, { credentials: { apiKey: "k", appSecret: "s" } });
  // @ts-expect-error TS2741 Tanyi needs the tenantSign
  buildRequest("tanyi", "startTask", { robotCallJobId: 1 }, { credentials: { appKey: "k", appSecret: "s" } });
  // @ts-expect-error TS2741 buildRequest needs the credentials
  buildRequest("tanyi", "startTask", { robotCallJobId: 1 }, { baseUrl: "https://example.com" });
  // @ts-expect-error TS2741 a client's credentials follow its vendor
  new Client({ vendor: "zxycall", credentials: tanyiCredentials });
  // @ts-expect-error TS2322 a vendor the client does not know
  new Client({ vendor: "acme", credentials: { token: "t" } });
}

// ---- the client's methods and results ----

export async function client(): Promise<void> {
  const itniotech = new Client({ vendor: "itniotech", credentials: { apiKey: "k", apiSecret: "s", appId: "a" } });
  const tanyi = new Client({ vendor: "tanyi", credentials: tanyiCredentials });
  const zxycall = new Client({ vendor: "zxycall", credentials: { token: "t" }, baseUrl: "https://zxy.example.com" });
  // @ts-expect-error TS2339 Itniotech has no stopTask (taskStop is its pause)
  await itniotech.stopTask({ jobId: 1 });
  // @ts-expect-error TS2339 Tanyi has no getCreateOptions (ZXY's)
  await tanyi.getCreateOptions({});
  // @ts-expect-error TS2345 call() checks the operation name too
  await tanyi.call("getCreateOptions", {});
  // @ts-expect-error TS2353/TS2561 call() checks the params against the operation
  await tanyi.call("startTask", { jobId: 1 });
  // @ts-expect-error TS2322 a signal is an AbortSignal
  await tanyi.startTask({ robotCallJobId: 1 }, { signal: "stop" });
  // @ts-expect-error TS2322 the vendor is read from the config: this one is zxycall
  const vendor: "tanyi" = zxycall.vendor;
  // @ts-expect-error TS2322 Tanyi's createTask result is an object with robotCallJobId
  const id: number = await tanyi.createTask(tanyiTask);
  // @ts-expect-error TS2571/TS18046 an undocumented result is unknown, not any
  console.log((await zxycall.startTask({ task_id: "u" })).uuid, vendor, id);
  // @ts-expect-error TS2531/TS18047 a start replies with data null
  console.log((await tanyi.startTask({ robotCallJobId: 1 })).robotCallJobId);
  // @ts-expect-error TS2322 the robotCallJobId is a number
  const text: string = parseResponse("tanyi", "createTask", 200, "{}").robotCallJobId;
  console.log(text);
}

// ---- errors: the guards narrow to exactly their own fields ----

export function errors(): void {
  if (isValidationError(e)) {
    // @ts-expect-error TS2339 a ValidationError has issues, no requestId
    console.log(e.requestId);
  }
  if (isVendorError(e)) {
    // @ts-expect-error TS2339 a VendorError has no issues
    console.log(e.issues);
    // @ts-expect-error TS2322 requestId may be null
    const requestId: string = e.requestId;
    console.log(requestId);
  }
  if (isResponseError(e)) {
    // @ts-expect-error TS2339 a ResponseError carries no vendor message (the reply was unreadable)
    console.log(e.vendorMessage);
  }
  // @ts-expect-error TS2367 a TimeoutError's code is "timeout"
  if (isTimeoutError(e) && e.code === "network_error") console.log(e);
  // @ts-expect-error TS18046/TS2571 without a guard, an unknown has no fields
  console.log(e.issues);
}

export async function importMistakes(client: Client<"tanyi">) {
  // @ts-expect-error TS2322 a phone is a string
  await client.importCustomers(1, [{ phone: 13800138000 }]);
  // @ts-expect-error TS2561 the option is chunkSize
  await client.importCustomers(1, [{ phone: "13800138000" }], { chunksize: 10 });
  const report = await client.importCustomers(1, [{ phone: "13800138000" }]);
  // @ts-expect-error TS2339 the report says notSent
  console.log(report.skipped);
}

export async function unifiedMistakes(client: Client<"tanyi">) {
  // @ts-expect-error TS2322/TS2820 the spec's line types are mobile, landline, unfixed, policyGroup
  validateTask("tanyi", { lineType: "LANDLINE" });
  // @ts-expect-error TS2322/TS2820 days are English names in lower case
  validateTask("tanyi", { days: ["MONDAY"] });
  // @ts-expect-error TS2322 a redial follows call outcomes, not "answered"
  validateTask("tanyi", { redial: { on: ["answered"] } });
  // @ts-expect-error TS2353 vendorOptions are per vendor id
  validateTask("tanyi", { vendorOptions: { yiwise: {} } });
  // @ts-expect-error TS2322 hours are a window, not a string
  await client.tasks.create({ hours: "09:00-20:00" });
  const { id } = await client.tasks.create({ name: "n" });
  // @ts-expect-error TS2345 the id may be null (the reply may carry none)
  await client.tasks.update(id, {});
  const tasks = await client.tasks.list();
  // @ts-expect-error TS2367 "IN_PROCESS" is the vendor's raw status; the unified one is "running"
  if (tasks[0].status === "IN_PROCESS") console.log(tasks);
}

// ---- callbacks ----

import { createWebhookHandler, parseCallback } from "waihu";

export function callbackMistakes(body: string): void {
  const [e] = parseCallback("tanyi", { body });
  // @ts-expect-error TS2339 a call is there only once `type` says so
  console.log(e.call.phone);
  // @ts-expect-error TS2322 the allow-list preset is "documented"
  createWebhookHandler({ vendor: "byrobot", allowIps: "byrobot", onEvent() {} });
  // @ts-expect-error TS2741 onEvent is required
  createWebhookHandler({ vendor: "tanyi" });
  // @ts-expect-error TS2322/TS2353 the body is text or bytes
  parseCallback("tanyi", { body: { dataType: "ROBOT_CALL_RECORD" } });
  // @ts-expect-error TS2367 no such event type
  if (e.type === "call.ended") console.log(e);
}
