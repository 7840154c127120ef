// Itniotech AI Voice, from src/vendors/itniotech/README.md [I-edit] and
// src/vendors/itniotech/README.md. All endpoints POST /aivoice/<name> with a JSON body; envelope
// {status: "0" (string), reason, data}; negative status codes from the taskEdit
// page's table and src/vendors/itniotech/README.md "Error codes not on the given page".
import { fail, isObj, isStr, isBool, asId, asInt, paramInt, slicePage, json } from '../lib/common.mjs';
import { itniotechSignature, safeEqual, header } from '../lib/auth.mjs';
import { rngFor } from '../lib/prng.mjs';
import { createLedger, ledgerTask, noteCall } from '../lib/ledger.mjs';
import { startDialing, stopDialing, advance, pendingCount, liveCustomers, hasPending, hasLive } from '../lib/dialer.mjs';
import { fmtDateTime, parseDateTime, parseClock } from '../lib/time.mjs';
import { pushCallRecordPayload } from './itniotech-push.mjs';

const P = '/aivoice/';

// Status codes (taskEdit page table + src/vendors/itniotech/README.md).
const REASONS = {
  0: 'success', '-1': '账号认证异常', '-3': '余额不足', '-4': '时间戳过期', '-5': '系统异常', '-6': 'ip限制',
  '-27': '参数校验异常', '-28': '自动模式,任务启动时间不能为空', '-29': '重播规则参数异常', '-30': '重播间隔参数异常',
  '-31': '重播次数参数异常', '-32': '外呼任务不存在', '-33': '外呼任务名称已存在', '-37': '应用不存在',
  '-38': '当前任务状态不可暂停', '-39': '当前任务状态不可启动', '-41': '话术ID参数异常', '-45': '未导入客户,不能启动',
  '-46': '网络异常或参数错误', '-48': '创建任务每日拨号时间段需在9:00-20:00之间', '-49': '账号未认证',
  '-51': '该客户自定义属性不完整', '-52': '并发数超出账户最大值', '-57': '签名不能为空', '-58': '时间戳不能为空',
  '-59': 'apikey不能为空', '-60': '意向标签组不存在',
};

// ---- seeded catalogue (README "Seeded ids"); ids from the page's examples ----
const DIALOG_FLOWS = [
  { dialogFlowId: 8663, name: 'lilin script', status: 'APPROVED', createTime: '2024-01-02 10:00:00', variables: [] },
  { dialogFlowId: 8553, name: 'your script', status: 'APPROVED', createTime: '2024-01-03 10:00:00', variables: [] },
  { dialogFlowId: 8700, name: 'script with variables', status: 'APPROVED', createTime: '2024-01-04 10:00:00', variables: ['amount'] },
];
const CHANNELS = [
  { tenantPhoneNumberId: 2959, phoneNumber: 'Line-2959 (simulated)' },
  { tenantPhoneNumberId: 3126, phoneNumber: 'Line-3126 (simulated)' },
];
const MAX_ROBOTS = 10; // account max concurrency for -52 (CHOICE)

const MODES = ['MANUAL', 'AUTO'];
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const REDIAL_CONDITIONS = ['CALL_LOSS', 'NO_ANSWER', 'BUSY', 'REFUSED', 'POWER_OFF', 'OUT_OF_SERVICE', 'CAN_NOT_CONNECT', 'FROM_PHONE_ERROR', 'SYSTEM_ERROR', 'VACANT_NUMBER'];
const NO_CALL_STATUS = ['CAN_NOT_START', 'CAN_START', 'IN_PROCESS'];
const GENDERS = ['MALE', 'FEMALE'];
// CHOICE (src/vendors/itniotech/README.md: taskList.status values UNVERIFIED): Yiwise-style names.
const LIFECYCLE = { NOT_STARTED: 'created', IN_PROCESS: 'running', USER_PAUSE: 'paused', COMPLETED: 'completed' };

export const ITNIOTECH_CATALOGUE = { DIALOG_FLOWS, CHANNELS, MAX_ROBOTS };

export function createItniotech(ctx) {
  const cred = ctx.credentials;
  let st;
  function reset() { st = { tasks: new Map(), nextJobId: 3001, nextPersonId: 80001, nextCallId: 90001, ledger: createLedger() }; }
  reset();

  const reply = (code, data = null, reason) => json(200, { status: String(code), reason: reason ?? REASONS[code] ?? 'error', data });
  // CHOICE: HTTP 200 for every answer; the SDK's 999 is for non-200 (src/vendors/itniotech/README.md).
  const ok = (data = null) => reply(0, data, 'success');
  const errorResponse = (e) => reply(e.code, null, `${REASONS[e.code] ?? ''}${e.message ? `: ${e.message}` : ''}`);

  // ---- auth (taskEdit page sample + src/vendors/itniotech/README.md "Auth") -----------------------------
  function authenticate(headers, now) {
    const sign = header(headers, 'Sign');
    const ts = header(headers, 'Timestamp');
    const apiKey = header(headers, 'Api-Key');
    // CHOICE: when several are missing, report in code order −57, −58, −59.
    if (!sign) return errorResponse(fail(-57));
    if (!ts) return errorResponse(fail(-58));
    if (!apiKey) return errorResponse(fail(-59));
    if (apiKey !== cred.apiKey) return errorResponse(fail(-1, 'Api-Key 无效'));
    // CHOICE: a non-numeric Timestamp is treated as expired (−4).
    if (!/^\d{1,12}$/.test(ts)) return errorResponse(fail(-4, 'Timestamp 须为秒级时间戳'));
    if (!safeEqual(sign, itniotechSignature({ apiKey, apiSecret: cred.apiSecret, timestamp: ts }))) return errorResponse(fail(-1, 'Sign 校验失败'));
    // CHOICE (window UNVERIFIED): ±itniotechWindowSeconds (default 300 s).
    if (Math.abs(now / 1000 - Number(ts)) > ctx.itniotechWindowSeconds) return errorResponse(fail(-4));
    return null;
  }

  // ---- dialling ------------------------------------------------------------------
  function dial(task, c, t) {
    const rng = rngFor(ctx.seed, 'itniotech', task.id, c.phone, c.attempt);
    const resultStatus = rng.weighted([['ANSWERED', 60], ['NO_ANSWER', 12], ['BUSY', 8], ['POWER_OFF', 5], ['REFUSED', 5], ['VACANT_NUMBER', 4], ['OUT_OF_SERVICE', 3], ['CAN_NOT_CONNECT', 3]]);
    const answered = resultStatus === 'ANSWERED';
    const chatDuration = answered ? rng.int(8, 180) : 0;
    const ring = rng.int(3, 25);
    const id = st.nextCallId++;
    c.record = {
      callId: id, callJobId: task.id, jobName: task.name, customerPersonId: c.customerPersonId, customerPersonName: c.name,
      calledPhoneNumber: c.phone, resultStatus, hangupBy: answered ? rng.pick(['ROBOT', 'PERSON']) : null,
      startTime: fmtDateTime(t), endTime: fmtDateTime(t + (ring + chatDuration) * 1000), at: t,
      chatDuration, chargedDuration: answered ? Math.ceil(chatDuration / 60) * 60 : 0, properties: c.properties ?? {},
      intentLevelDetailName: answered ? rng.pick(['A', 'B', 'C', 'D', 'E', 'F']) : 'F',
      fullAudioUrl: answered ? `https://sim.invalid/itniotech/audio/${id}.wav` : null, redialTimes: 0,
    };
    // callRecordDup:false drops phones already called: kept as a set, not rescanned per import.
    (task.calledPhones ??= new Set()).add(c.phone);
    noteCall(task, c, id);
  }

  /** Dial what is due (advance, or stopDialing on pause/delete); returns the customers dialled. */
  function dialDue(task, now, step = advance) {
    const calls = [];
    step(task, now, ctx.dialMs, (c, t) => { dial(task, c, t); calls.push(c); });
    return calls;
  }

  // ---- callbacks (src/vendors/itniotech/README.md Callbacks: pushCallRecord) ---------------------------
  // One push per dialled call. No task-level callback is documented.
  const cb = ctx.callbacks;
  function push(task, calls) {
    if (!calls.length || !cb.wants('itniotech', 'pushCallRecord')) return;
    for (const c of calls) {
      cb.emit({
        vendor: 'itniotech', dataType: 'pushCallRecord', id: c.record.callId, recordId: c.record.callId, taskId: task.id, phone: c.phone,
        body: pushCallRecordPayload({ task, customer: c, appId: cred.appId, seed: ctx.seed }),
      });
    }
  }

  function refresh(now) {
    for (const task of st.tasks.values()) {
      if (task.deleted || task.status !== 'IN_PROCESS') continue;
      const calls = dialDue(task, now);
      if (!hasPending(task) && hasLive(task)) { task.status = 'COMPLETED'; task.run = null; }
      push(task, calls);
    }
  }
  const busy = () => [...st.tasks.values()].some((t) => !t.deleted && t.status === 'IN_PROCESS' && hasPending(t));

  // ---- helpers -------------------------------------------------------------------
  /** Every body carries appId (src/vendors/itniotech/README.md); in paged queries inside `params`. */
  function app(obj) {
    if (!isObj(obj)) throw fail(-27, '请求体须为 JSON 对象');
    if (!isStr(obj.appId)) throw fail(-27, 'appId 不能为空');
    if (obj.appId !== cred.appId) throw fail(-37);
    return obj;
  }
  function taskOf(v) {
    if (v === undefined || v === null || v === '') throw fail(-27, 'jobId 不能为空');
    const id = asId(v);
    if (id === null) throw fail(-27, 'jobId 须为正整数');
    const t = st.tasks.get(id);
    if (!t || t.deleted) throw fail(-32);
    return t;
  }
  function paged(body) {
    if (!isObj(body)) throw fail(-27, '请求体须为 JSON 对象');
    if (!isObj(body.params)) throw fail(-27, 'params 不能为空');
    app(body.params);
    const current = paramInt(body.current, 1, { min: 1 });
    const size = paramInt(body.size, 10, { min: 1, max: 100 }); // size 1–100 (taskList page)
    if (current === null) throw fail(-27, 'current 须为正整数');
    if (size === null) throw fail(-27, 'size 须在 1-100 之间');
    return { current, size, params: body.params };
  }
  const page = (list, current, size) => {
    const { total, pages, items } = slicePage(list, current, size);
    return { total, size, current, pages, records: items };
  };

  /** taskAdd / taskEdit fields (taskEdit page). */
  function parseTask(body) {
    const s = {};
    s.name = body.name;
    if (!isStr(s.name)) throw fail(-27, 'name 不能为空');
    const flowId = asId(body.dialogFlowId);
    const flow = DIALOG_FLOWS.find((f) => f.dialogFlowId === flowId);
    if (!flow) throw fail(-41); // CHOICE: missing or unknown → −41
    s.dialogFlowId = flowId;
    s.mode = body.mode;
    if (!MODES.includes(s.mode)) throw fail(-27, `mode 须为 ${MODES.join('/')}`);
    s.startDateTime = body.startDateTime ?? null;
    // The page says "startTime" but the field is startDateTime (contradiction #11).
    if (s.mode === 'AUTO' && !isStr(s.startDateTime)) throw fail(-28);
    if (s.startDateTime !== null && Number.isNaN(parseDateTime(s.startDateTime))) throw fail(-27, 'startDateTime 格式须为 yyyy-MM-dd HH:mm:ss');
    s.endDateTime = body.endDateTime ?? null;
    if (s.endDateTime !== null && Number.isNaN(parseDateTime(s.endDateTime))) throw fail(-27, 'endDateTime 格式须为 yyyy-MM-dd HH:mm:ss');
    s.dailyStartDateTime = body.dailyStartDateTime;
    s.dailyEndDateTime = body.dailyEndDateTime;
    const a = parseClock(s.dailyStartDateTime), b = parseClock(s.dailyEndDateTime);
    if (a === null || b === null) throw fail(-27, 'dailyStartDateTime/dailyEndDateTime 须为 HH:mm');
    if (a < 9 * 60 || b > 20 * 60 || a >= b) throw fail(-48);
    s.robotCount = asInt(body.robotCount, { min: 1 });
    if (s.robotCount === null) throw fail(-27, 'robotCount 须为正整数');
    if (s.robotCount > MAX_ROBOTS) throw fail(-52);
    s.jobPhoneNumberId = asId(body.jobPhoneNumberId);
    if (!CHANNELS.some((c) => c.tenantPhoneNumberId === s.jobPhoneNumberId)) throw fail(-27, 'jobPhoneNumberId 线路不存在');
    s.redial = body.redial;
    if (!isBool(s.redial)) throw fail(-27, 'redial 须为布尔值');
    if (s.redial) {
      const rc = body.redialCondition;
      if (!Array.isArray(rc) || rc.length === 0 || rc.some((x) => !REDIAL_CONDITIONS.includes(x))) throw fail(-29);
      // CHOICE: interval 1–1440 (the page gives only the max).
      if (asInt(body.redialInterval, { min: 1, max: 1440 }) === null) throw fail(-30);
      if (asInt(body.redialTimes, { min: 1, max: 3 }) === null) throw fail(-31);
      Object.assign(s, { redialCondition: rc, redialInterval: body.redialInterval, redialTimes: body.redialTimes });
    }
    for (const [k, keys, parse] of [['inactiveTimeList', ['startTime', 'endTime'], parseClock], ['inactiveDateList', ['startDate', 'endDate'], (v) => { const x = parseDateTime(v, { allowDateOnly: true }); return Number.isNaN(x) ? null : x; }]]) {
      const v = body[k] ?? [];
      // "最多可以设置三个" (taskEdit page; src/vendors/itniotech/README.md contradiction #14: not a contradiction).
      if (!Array.isArray(v) || v.length > 3) throw fail(-27, `${k} 最多三个`);
      for (const w of v) {
        const x = parse(w?.[keys[0]]), y = parse(w?.[keys[1]]);
        if (x === null || y === null || x > y) throw fail(-27, `${k} 格式错误`);
      }
      s[k] = v;
    }
    s.daysOfWeek = body.daysOfWeek ?? null;
    if (s.daysOfWeek !== null && (!Array.isArray(s.daysOfWeek) || s.daysOfWeek.some((d) => !WEEKDAYS.includes(d)))) throw fail(-27, `daysOfWeek 须为 ${WEEKDAYS.join('/')}`);
    return s;
  }
  function uniqueName(name, selfId) {
    for (const t of st.tasks.values()) if (!t.deleted && t.id !== selfId && t.name === name) throw fail(-33);
  }

  const taskView = (t) => {
    const flow = DIALOG_FLOWS.find((f) => f.dialogFlowId === t.spec.dialogFlowId);
    const live = liveCustomers(t);
    return {
      jobId: t.id, name: t.name, dialogFlowId: t.spec.dialogFlowId, dialogFlowName: flow.name, robotCount: t.spec.robotCount, mode: t.spec.mode,
      taskTotal: live.length, taskCompleted: live.filter((c) => c.dialed).length, status: t.status, createTime: fmtDateTime(t.createTime),
      jobPhoneNumberId: t.spec.jobPhoneNumberId, dailyStartDateTime: t.spec.dailyStartDateTime, dailyEndDateTime: t.spec.dailyEndDateTime,
    };
  };

  // ---- handlers ------------------------------------------------------------------
  function taskAdd({ body, now }) {
    app(body);
    const spec = parseTask(body);
    uniqueName(spec.name);
    const task = { id: st.nextJobId++, name: spec.name, spec, status: 'NOT_STARTED', createTime: now, customers: [], importCalls: 0, deleted: false, run: null };
    st.tasks.set(task.id, task);
    st.ledger.tasks.set(task.id, task);
    // CHOICE (src/vendors/itniotech/README.md: reply data UNVERIFIED): data = the new jobId (taskEdit's table says "data 任务ID").
    return ok(task.id);
  }

  function taskEdit({ body }) {
    app(body);
    const task = taskOf(body.jobId);
    const spec = parseTask(body);
    uniqueName(spec.name, task.id);
    task.spec = spec;
    task.name = spec.name;
    // Contradiction #12: table says data = task id, example shows null. CHOICE: null, as the example.
    return ok(null);
  }

  function importCustomer({ body }) {
    app(body);
    const task = taskOf(body.jobId);
    const rows = body.customerPersons;
    if (!Array.isArray(rows) || rows.length === 0) throw fail(-27, 'customerPersons 不能为空');
    if (rows.length > 100) throw fail(-27, 'customerPersons 单次最多100个'); // src/vendors/itniotech/README.md: ≤100 a call
    const callRecordDup = body.callRecordDup ?? false;
    if (!isBool(callRecordDup)) throw fail(-27, 'callRecordDup 须为布尔值');
    const vars = DIALOG_FLOWS.find((f) => f.dialogFlowId === task.spec.dialogFlowId).variables;
    const called = task.calledPhones ?? new Set();
    task.importCalls++;
    const failed = [];
    for (const r of rows) {
      // Row-level checks (importCustomer pages): phoneNumber ≤32 chars, gender MALE/FEMALE/null (never "").
      const bad = !isObj(r) || !isStr(r.phoneNumber) || r.phoneNumber.length > 32
        || (r.gender !== undefined && r.gender !== null && !GENDERS.includes(r.gender))
        || (r.properties !== undefined && r.properties !== null && !isObj(r.properties))
        // CHOICE: a row missing a script variable fails (rather than −51 for the whole call).
        || vars.some((v) => r.properties?.[v] === undefined || r.properties?.[v] === null || r.properties?.[v] === '');
      if (bad) { failed.push(r); continue; }
      // callRecordDup=false (default): drop numbers already called in this task (src/vendors/itniotech/README.md).
      // CHOICE: such rows are reported among the failed rows and counted as repeats.
      if (!callRecordDup && called.has(r.phoneNumber)) { failed.push(r); st.ledger.noteImport(task.id, r.phoneNumber, { repeat: true }); continue; }
      // CHOICE: not-yet-called duplicates are kept (no de-duplication is documented).
      task.customers.push({ customerPersonId: st.nextPersonId++, phone: r.phoneNumber, name: r.name ?? null, gender: r.gender ?? null, properties: r.properties ?? {}, attempt: 0, dialed: false, removed: false, record: null });
      st.ledger.noteImport(task.id, r.phoneNumber);
    }
    return ok(failed); // data = failed rows (src/vendors/itniotech/README.md)
  }

  function importCustomerDel({ body }) {
    app(body);
    const task = taskOf(body.jobId);
    const list = body.jobPhoneNumberList;
    if (!Array.isArray(list) || list.length === 0 || list.some((x) => !isObj(x) || !isStr(x.phoneNumber))) throw fail(-27, 'jobPhoneNumberList 不能为空');
    let n = 0;
    for (const item of list) {
      const name = item.name ?? body.name; // CHOICE: an item's name, else the top-level name, narrows the match
      for (const c of task.customers) {
        if (!c.removed && !c.dialed && c.phone === item.phoneNumber && (name === undefined || name === null || c.name === name)) { c.removed = true; n++; }
      }
    }
    return ok(n); // data = the count deleted
  }

  function taskStart({ body, now }) {
    app(body);
    const task = taskOf(body.jobId);
    if (liveCustomers(task).length === 0) throw fail(-45);
    if (task.status === 'IN_PROCESS' || (task.status === 'COMPLETED' && pendingCount(task) === 0)) throw fail(-39);
    task.status = 'IN_PROCESS';
    startDialing(task, now, ctx.dialMs);
    return ok(null);
  }

  function taskStop({ body, now }) {
    app(body);
    const task = taskOf(body.jobId);
    // src/vendors/itniotech/README.md: taskStop is "Pause task"; −38 when the state cannot be paused.
    if (task.status !== 'IN_PROCESS') throw fail(-38);
    push(task, dialDue(task, now, stopDialing));
    task.status = 'USER_PAUSE';
    return ok(null);
  }

  function taskDel({ body, now }) {
    app(body);
    const task = taskOf(body.jobId);
    push(task, dialDue(task, now, stopDialing));
    task.deleted = true; // CHOICE: any state
    return ok(null);
  }

  function taskList({ body }) {
    const { current, size, params } = paged(body);
    let list = [...st.tasks.values()].filter((t) => !t.deleted);
    if (isStr(params.name)) list = list.filter((t) => t.name.includes(params.name)); // CHOICE: substring
    list.sort((a, b) => b.id - a.id);
    return ok(page(list.map(taskView), current, size));
  }

  function taskNoCall({ body }) {
    const { current, size, params } = paged(body);
    // jobId: required per the Chinese page (src/vendors/itniotech/README.md); CHOICE: required.
    const task = taskOf(params.jobId);
    if (params.taskStatus !== undefined && params.taskStatus !== null && !NO_CALL_STATUS.includes(params.taskStatus)) throw fail(-27, `taskStatus 须为 ${NO_CALL_STATUS.join('/')}`);
    // CHOICE: waiting customers are CAN_START while the task runs, else CAN_NOT_START.
    const status = task.status === 'IN_PROCESS' ? 'CAN_START' : 'CAN_NOT_START';
    let list = liveCustomers(task).filter((c) => !c.dialed).map((c) => ({
      jobId: task.id, customerPersonId: c.customerPersonId, customerPersonName: c.name, calledPhoneNumber: c.phone, status, properties: c.properties,
    }));
    if (params.taskStatus) list = list.filter((r) => r.status === params.taskStatus);
    return ok(page(list, current, size));
  }

  function recordQuery({ body }) {
    const { current, size, params } = paged(body);
    const from = parseDateTime(params.startTime), to = parseDateTime(params.endTime);
    if (Number.isNaN(from) || Number.isNaN(to)) throw fail(-27, 'startTime/endTime 须为 yyyy-MM-dd HH:mm:ss');
    const list = [];
    for (const t of st.tasks.values()) {
      if (t.deleted) continue;
      for (const c of t.customers) if (c.dialed && c.record.at >= from && c.record.at <= to) { const { at, ...r } = c.record; list.push(r); }
    }
    list.sort((a, b) => a.callId - b.callId);
    return ok(page(list, current, size));
  }

  const routes = [
    { method: 'POST', path: `${P}dialogFlowList`, handler: ({ body }) => { app(body); return ok(DIALOG_FLOWS.map(({ variables, ...f }) => f)); } },
    { method: 'POST', path: `${P}channelList`, handler: ({ body }) => { app(body); return ok(CHANNELS); } },
    { method: 'POST', path: `${P}taskAdd`, handler: taskAdd },
    { method: 'POST', path: `${P}taskEdit`, handler: taskEdit },
    // CHOICE (reply UNVERIFIED): the script's variable names, as a list of strings.
    { method: 'POST', path: `${P}properties`, handler: ({ body }) => { app(body); const t = taskOf(body.jobId); return ok(DIALOG_FLOWS.find((f) => f.dialogFlowId === t.spec.dialogFlowId).variables); } },
    { method: 'POST', path: `${P}importCustomer`, handler: importCustomer },
    { method: 'POST', path: `${P}importCustomer/del`, handler: importCustomerDel },
    { method: 'POST', path: `${P}taskStart`, handler: taskStart },
    { method: 'POST', path: `${P}taskStop`, handler: taskStop },
    { method: 'POST', path: `${P}taskDel`, handler: taskDel },
    { method: 'POST', path: `${P}taskList`, handler: taskList },
    { method: 'POST', path: `${P}taskNoCall`, handler: taskNoCall },
    { method: 'POST', path: `${P}recordQuery`, handler: recordQuery },
  ];

  return {
    name: 'itniotech',
    routes,
    authenticate,
    errorResponse,
    badBodyError: () => fail(-27, '请求体不是合法的 JSON'),
    // CHOICE: unknown path → HTTP 404, wrong method → HTTP 405, body {status:"-27"}.
    routeError: (status, msg) => json(status, { status: '-27', reason: msg, data: null }),
    codeOf: (out) => (out.body?.status !== undefined ? Number(out.body.status) : null),
    refresh,
    busy,
    reset,
    ledger: () => st.ledger.snapshot((t) => ledgerTask(t, { status: t.status, lifecycle: t.deleted ? 'deleted' : LIFECYCLE[t.status] ?? t.status })),
  };
}
