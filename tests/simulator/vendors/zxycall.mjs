// The vendor of src/vendors/zxycall/README.md [Z-page] ("ZXY"). src/vendors/zxycall/README.md: vendor
// name, base URL, auth, error format and envelope are all UNKNOWN, so most of
// the wire format beyond the page's examples is a CHOICE (README lists them):
//  - auth: `Authorization: Bearer <token>`, else HTTP 401 {message}.
//  - errors: HTTP 4xx {message} (422 adds Laravel-style {errors: {field: [..]}}).
//  - success: the bodies the page shows (create/update → the task entity; list
//    → {data: [...]} plus Laravel paginator fields); start/stop/destroy → {message}.
import { isObj, isStr, asInt, slicePage, json, fail } from '../lib/common.mjs';
import { header } from '../lib/auth.mjs';
import { uuidFrom, rngFor } from '../lib/prng.mjs';
import { createLedger, ledgerTask, noteCall } from '../lib/ledger.mjs';
import { startDialing, stopDialing, advance, liveCustomers } from '../lib/dialer.mjs';
import { fmtDateTime } from '../lib/time.mjs';

const USER_ID = '4d99d91c-f5d9-49da-88da-758977cc58a9'; // the page's example user_id

// ---- seeded catalogue: GET /v1/task/create meta (README "Seeded ids") ----------
const DISABLE_TIMEGROUPS = [
  { uuid: '146979fe-3864-4817-ad76-13b37f43bb1c', name: '休息时间' },
  { uuid: 'cf44b8fc-a60f-499e-a5c8-5340963a56a3', name: '午休时间' },
  { uuid: 'a6c20127-1199-4b87-bffa-75ed3e368fd0', name: '早会时间' },
];
// Contradiction #15: "only lines with residue greater than 1" vs the example line's
// residue 1. CHOICE: a line needs residue >= 1 and maximumcall <= residue; the
// residue-0 line exists so the refusal can be tested.
const CALLER_LINES = [
  { name: '尊享ai.zxycall.com一', value: '37d73edf-4628-4cf1-8beb-758433fd0aab', residue: 1, call_line: 1, available_at: '2019-12-18 00:00:00', call_number: '13530525008' },
  { name: '模拟线路-五并发', value: '83f180c4-00f3-4aaa-bc41-6cba4493e892', residue: 5, call_line: 5, available_at: '2020-03-06 00:00:00', call_number: '13530525009' },
  { name: '南京-云蝠智能-17361984317', value: 'af69c544-a170-4a2d-b740-20bf66cc7ff4', residue: 0, call_line: 1, available_at: '2020-11-20 00:00:00', call_number: '17361984317' },
];
const RECYCLE_RULES = [
  { id: 1, name: '测试重呼规则', remark: 'test', status: true },
  { id: 103, name: '默认', remark: '默认', status: true },
  { id: 104, name: '停用规则', remark: 'disabled', status: false },
];
const CUSTOMER_SERVICE = [
  { id: 21, user_id: USER_ID, name: '组2', created_at: '2019-05-10 16:03:09', updated_at: '2019-05-15 18:01:40', caller_line_id: '37d73edf-4628-4cf1-8beb-758433fd0aab', status: 1 },
  { id: 22, user_id: USER_ID, name: '停用组', created_at: '2019-05-10 16:03:09', updated_at: '2019-05-15 18:01:40', caller_line_id: null, status: 0 },
];
const OUTBOUND_GROUPS = [390, 447, 1197].map((id, i) => ({
  id, name: ['测试话术【复制】', 'test', '测试'][i], user_id: USER_ID, debug: true, deleted_at: null,
  created_at: '2019-02-24 14:24:23', updated_at: '2019-02-24 14:24:23', link_word_group_id: null, tag_scene_id: null, default: i === 2,
}));

const REQUIRED = ['caller_line_id', 'destination_extension', 'disable_dial_timegroup', 'maximumcall', 'name', 'random_assignment_number', 'recycle_limit', '_originate_timeout', 'call_pause_second', 'auto_recycle_rule_id'];

export const ZXYCALL_CATALOGUE = { USER_ID, DISABLE_TIMEGROUPS, CALLER_LINES, RECYCLE_RULES, CUSTOMER_SERVICE, OUTBOUND_GROUPS };

export function createZxycall(ctx) {
  const cred = ctx.credentials;
  let st;
  function reset() { st = { tasks: new Map(), created: 0, ledger: createLedger() }; }
  reset();

  const message = (status, msg, extra = {}) => json(status, { message: msg, ...extra });
  const errorResponse = (e) => message(e.code, e.message, e.extra);

  function authenticate(headers) {
    // CHOICE (src/vendors/zxycall/README.md: auth UNKNOWN): Bearer token, like the look-alike docs.longlonglong.cn.
    const auth = header(headers, 'Authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (!m || m[1].trim() !== cred.token) return message(401, 'Unauthenticated.');
    return null;
  }

  function refresh(now) {
    // CHOICE: ZXY has no "completed" state on the page; a started task stays start=1.
    for (const t of st.tasks.values()) if (t.start === 1) advance(t, now, ctx.dialMs, (c, at) => dial(t, c, at));
  }
  function dial(t, c, at) {
    const rng = rngFor(ctx.seed, 'zxycall', t.id, c.phone, c.attempt);
    c.record = { answered: rng.next() < 0.6, at: fmtDateTime(at) };
    noteCall(t, c, null); // ZXY documents no call record id
  }

  // int or numeric string (PHP-style "integer" validation).
  const int = (v, min = -Infinity, max = Infinity) => asInt(v, { min, max, strings: true });

  function parseTask(body) {
    if (!isObj(body)) throw fail(422, 'The given data was invalid.', { errors: { body: ['must be a JSON object'] } });
    // CHOICE: fields flat in the body, or wrapped in {"data": {...}} (the page's heading says "data").
    const src = isObj(body.data) ? body.data : body;
    const errors = {};
    const err = (k, m) => { (errors[k] ??= []).push(m); };
    for (const k of REQUIRED) if (src[k] === undefined || src[k] === null || src[k] === '') err(k, `The ${k} field is required.`);
    const line = CALLER_LINES.find((l) => l.value === src.caller_line_id);
    if (src.caller_line_id != null && !line) err('caller_line_id', 'The selected caller_line_id is invalid.');
    if (line && line.residue < 1) err('caller_line_id', '该线路没有剩余并发 (residue)');
    if (src.destination_extension != null && !OUTBOUND_GROUPS.some((g) => g.id === int(src.destination_extension))) err('destination_extension', 'The selected destination_extension is invalid.');
    if (src.disable_dial_timegroup != null && !DISABLE_TIMEGROUPS.some((g) => g.uuid === src.disable_dial_timegroup)) err('disable_dial_timegroup', 'The selected disable_dial_timegroup is invalid.');
    if (src.maximumcall != null) {
      const n = int(src.maximumcall, 1);
      if (n === null) err('maximumcall', 'The maximumcall must be a positive integer.');
      else if (line && n > line.residue) err('maximumcall', `并发数不得超过线路剩余并发 ${line.residue}`);
    }
    if (src.name != null && !isStr(src.name)) err('name', 'The name must be a non-empty string.');
    // "固定为0" and "[弃用,有且只能为0]" (contradiction #16: the example says 1). CHOICE: only 0.
    if (src.random_assignment_number != null && int(src.random_assignment_number) !== 0) err('random_assignment_number', 'The random_assignment_number must be 0.');
    if (src.recycle_limit != null && int(src.recycle_limit) !== 0) err('recycle_limit', 'The recycle_limit must be 0.');
    if (src._originate_timeout != null && int(src._originate_timeout, 1) === null) err('_originate_timeout', 'The _originate_timeout must be a positive integer.');
    if (src.call_pause_second != null && int(src.call_pause_second, 0) === null) err('call_pause_second', 'The call_pause_second must be an integer >= 0.');
    if (src.auto_recycle_rule_id != null) {
      const r = RECYCLE_RULES.find((x) => x.id === int(src.auto_recycle_rule_id));
      if (!r) err('auto_recycle_rule_id', 'The selected auto_recycle_rule_id is invalid.');
      else if (!r.status) err('auto_recycle_rule_id', '该重呼规则未启用');
    }
    if (src.customer_service_id != null) {
      // customer_service: "caller_line_id 只能不为null的", "status 必须选为1的".
      const cs = CUSTOMER_SERVICE.find((x) => x.id === int(src.customer_service_id));
      if (!cs) err('customer_service_id', 'The selected customer_service_id is invalid.');
      else if (cs.status !== 1 || cs.caller_line_id === null) err('customer_service_id', '该客服组不可用');
    }
    if (src.remark != null && typeof src.remark !== 'string') err('remark', 'The remark must be a string.');
    if (Object.keys(errors).length) throw fail(422, 'The given data was invalid.', { errors });
    return {
      caller_line_id: src.caller_line_id, customer_service_id: src.customer_service_id == null ? null : int(src.customer_service_id),
      destination_extension: int(src.destination_extension), disable_dial_timegroup: src.disable_dial_timegroup, maximumcall: int(src.maximumcall),
      name: src.name, random_assignment_number: 0, recycle_limit: 0, remark: src.remark ?? null, _originate_timeout: int(src._originate_timeout),
      call_pause_second: int(src.call_pause_second), auto_recycle_rule_id: int(src.auto_recycle_rule_id),
    };
  }

  function entity(t, { full = false } = {}) {
    const s = t.spec;
    const live = liveCustomers(t);
    const done = live.filter((c) => c.dialed).length;
    const line = CALLER_LINES.find((l) => l.value === s.caller_line_id);
    const group = OUTBOUND_GROUPS.find((g) => g.id === s.destination_extension);
    const e = {
      uuid: t.id, name: s.name, create_datetime: fmtDateTime(t.createTime), alter_datetime: fmtDateTime(t.alterTime),
      start: t.start, maximumcall: s.maximumcall, call_per_second: 10, recycle_limit: 0, random_assignment_number: 0,
      disable_dial_timegroup: s.disable_dial_timegroup, destination_extension: s.destination_extension, destination_dialplan: 'XML',
      destination_context: 'default', dial_format: 'user/admin', remark: s.remark, originate_variables: '{execute_on_media=start_da2}',
      _originate_timeout: s._originate_timeout, _origination_caller_id_number: line.call_number, user_id: USER_ID,
      caller_line_id: s.caller_line_id, customer_service_id: s.customer_service_id, auto_recycle_rule_id: s.auto_recycle_rule_id,
      call_notify_url: null, call_notify_type: 2, call_pause_second: s.call_pause_second,
      start_str: t.start === 1 ? '开启' : '暂停', group_str: group.name,
      progress_bar: { total: live.length, progress: done, percent: live.length ? Math.round((done / live.length) * 100) : 0 },
      group,
    };
    if (full) {
      const rule = RECYCLE_RULES.find((r) => r.id === s.auto_recycle_rule_id);
      Object.assign(e, {
        caller_line: { id: line.value, name: line.name, user_id: USER_ID, call_line: line.call_line, call_line_used: line.call_line - line.residue, call_number_prefix: line.call_number },
        auto_recycle_rule: { ...rule, user_id: USER_ID },
        disable_time_group: { ...DISABLE_TIMEGROUPS.find((g) => g.uuid === s.disable_dial_timegroup), user_id: USER_ID },
      });
    }
    return e;
  }

  function taskOf(id) {
    const t = st.tasks.get(id);
    if (!t) throw fail(404, `任务 ${id} 不存在`);
    return t;
  }

  const routes = [
    { method: 'GET', path: '/v1/task/create', handler: () => json(200, {
      meta: {
        enum_disable_dial_timegroup: DISABLE_TIMEGROUPS, caller_line_list: CALLER_LINES, max_recycle_limit: '50',
        auto_recycle_rules: RECYCLE_RULES, customer_service: CUSTOMER_SERVICE, outbound_group: OUTBOUND_GROUPS,
      },
    }) },
    { method: 'POST', path: '/v1/task', handler: ({ body, now }) => {
      const spec = parseTask(body);
      const id = uuidFrom(ctx.seed, 'zxycall-task', ++st.created);
      const t = { id, seq: st.created, name: spec.name, spec, start: 0, everStarted: false, createTime: now, alterTime: now, customers: [], importCalls: 0, deleted: false, run: null };
      st.tasks.set(id, t);
      st.ledger.tasks.set(id, t);
      // CHOICE: HTTP 200 with the entity, as the page's reply shows.
      return json(200, entity(t));
    } },
    { method: 'GET', path: '/v1/task', handler: ({ query }) => {
      // CHOICE: Laravel paginator (?page=1&per_page=15, max 100) around the page's {data: [...]}.
      const page = int(query.page ?? 1, 1), perPage = int(query.per_page ?? 15, 1, 100);
      if (page === null || perPage === null) throw fail(422, 'The given data was invalid.', { errors: { page: ['page >= 1, per_page 1-100'] } });
      let list = [...st.tasks.values()];
      if (query.name) list = list.filter((t) => t.name.includes(query.name));
      list.sort((a, b) => b.seq - a.seq); // CHOICE: newest first
      const { total, pages, items } = slicePage(list, page, perPage);
      const from = items.length ? (page - 1) * perPage + 1 : null;
      return json(200, { current_page: page, data: items.map((t) => entity(t, { full: true })), from, last_page: Math.max(pages, 1), per_page: perPage, to: from && from + items.length - 1, total });
    } },
    { method: 'PUT', path: '/v1/task/{id}', handler: ({ params, body, now }) => {
      const t = taskOf(params.id);
      t.spec = parseTask(body); // "参数同创建任务": a full replacement, all required fields again
      t.name = t.spec.name;
      t.alterTime = now;
      return json(200, entity(t));
    } },
    { method: 'GET', path: '/v1/task/destroy/{id}', handler: ({ params, now }) => {
      const t = taskOf(params.id);
      stopDialing(t, now, ctx.dialMs, (c, at) => dial(t, c, at));
      t.start = 0;
      t.deleted = true;
      st.tasks.delete(t.id); // gone from the API; kept in the ledger
      return message(200, 'success');
    } },
    { method: 'GET', path: '/v1/task/start/{id}', handler: ({ params, now }) => {
      const t = taskOf(params.id);
      // CHOICE: starting a started task is a no-op success (the page gives only 1 on / 0 paused).
      if (t.start !== 1) { t.start = 1; t.everStarted = true; t.alterTime = now; startDialing(t, now, ctx.dialMs); }
      return message(200, 'success');
    } },
    { method: 'GET', path: '/v1/task/stop/{id}', handler: ({ params, now }) => {
      const t = taskOf(params.id);
      if (t.start === 1) { stopDialing(t, now, ctx.dialMs, (c, at) => dial(t, c, at)); t.start = 0; t.alterTime = now; }
      return message(200, 'success');
    } },
    { method: 'POST', path: '/v1/task/import_task_customer/{id}', handler: ({ params, body }) => {
      const t = taskOf(params.id);
      // CHOICE (body undocumented): {"customers": [{"phone", "name"?, "properties"?}]}, ≤10 000 rows.
      // The rows are also accepted under "data" (the shape the look-alike API documented at
      // docs.longlonglong.cn uses, and what waihu sends): neither shape is documented for ZXY.
      const rows = isObj(body) ? (body.customers ?? body.data) : undefined;
      if (!Array.isArray(rows) || rows.length === 0) throw fail(422, 'The given data was invalid.', { errors: { customers: ['The customers field is required.'] } });
      if (rows.length > 10000) throw fail(422, 'The given data was invalid.', { errors: { customers: ['At most 10000 customers per call.'] } });
      t.importCalls++;
      // Kept across calls (built once): O(rows) per import, not O(customers in the task).
      const seen = (t.phones ??= new Set(t.customers.map((c) => c.phone)));
      let success = 0, repeat = 0, failed = 0;
      for (const r of rows) {
        if (!isObj(r) || typeof r.phone !== 'string' || !/^\+?\d{3,20}$/.test(r.phone)) { failed++; continue; }
        // CHOICE: a phone already in the task (or earlier in the call) is dropped as a repeat.
        if (seen.has(r.phone)) { repeat++; st.ledger.noteImport(t.id, r.phone, { repeat: true }); continue; }
        seen.add(r.phone);
        t.customers.push({ phone: r.phone, name: r.name ?? null, properties: isObj(r.properties) ? r.properties : {}, attempt: 0, dialed: false, removed: false, record: null });
        st.ledger.noteImport(t.id, r.phone);
        success++;
      }
      return json(200, { message: 'success', data: { total: rows.length, success, repeat, fail: failed } });
    } },
  ];

  return {
    name: 'zxycall',
    routes,
    authenticate,
    errorResponse,
    badBodyError: () => fail(400, 'The request body is not valid JSON.'),
    routeError: (status, msg) => message(status, msg),
    codeOf: (out) => out.status,
    refresh,
    // ZXY sends no callbacks (src/vendors/zxycall/README.md), so callbacksSettled never waits for it.
    busy: () => false,
    reset,
    ledger: () => st.ledger.snapshot((t) => ledgerTask(t, { status: t.start, lifecycle: t.deleted ? 'deleted' : t.start === 1 ? 'running' : t.everStarted ? 'paused' : 'created' })),
  };
}
