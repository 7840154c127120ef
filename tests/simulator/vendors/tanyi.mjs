// Tanyi (探意 / Yiwise 一知) job API, from src/vendors/tanyi/README.md [T-page] and
// src/vendors/tanyi/README.md. Base path /apiOpen/v1/. Envelope {code, data, requestId,
// resultMsg, errorStackTrace}; codes 200/401/403/404/412/500 (src/vendors/tanyi/README.md "Error codes").
import { fail, isObj, isStr, asId, asInt, paramInt, slicePage, json, SimError } from '../lib/common.mjs';
import { tanyiSignature, safeEqual, header } from '../lib/auth.mjs';
import { rngFor, requestIdFrom } from '../lib/prng.mjs';
import { createLedger, ledgerTask, noteCall } from '../lib/ledger.mjs';
import { startDialing, stopDialing, advance, pendingCount, liveCustomers, hasPending, hasLive, requeue } from '../lib/dialer.mjs';
import { fmtDateTime, parseDateTime, parseClock } from '../lib/time.mjs';
import { callRecordPayload, jobPayload, smsPayload, wantsSms } from './tanyi-push.mjs';

const P = '/apiOpen/v1/';

// src/vendors/tanyi/README.md "Error codes" [T-intro].
const MESSAGES = { 200: '执行成功', 401: '校验数据错误', 403: '权限不足', 404: '资源未找到', 412: '参数错误', 500: '未知错误' };

// ---- seeded catalogue (README "Seeded ids") --------------------------------
const TENANT = { tenantId: 1, tenantName: '演示租户 (simulator)' };
// 348 and 369 are LANDLINE so the page's own create example ([348,369], LANDLINE) is valid.
const PHONES = [
  { tenantPhoneNumberId: 348, phoneNumber: '057188880348', phoneType: 'LANDLINE', area: '浙江 杭州', localBillRate: 0.1, otherBillRate: 0.12 },
  { tenantPhoneNumberId: 369, phoneNumber: '057188880369', phoneType: 'LANDLINE', area: '浙江 杭州', localBillRate: 0.1, otherBillRate: 0.12 },
  { tenantPhoneNumberId: 401, phoneNumber: '13800000401', phoneType: 'MOBILE', area: '上海', localBillRate: 0.08, otherBillRate: 0.08 },
  { tenantPhoneNumberId: 402, phoneNumber: '13800000402', phoneType: 'MOBILE', area: '上海', localBillRate: 0.08, otherBillRate: 0.08 },
  { tenantPhoneNumberId: 501, phoneNumber: '02150000501', phoneType: 'UNFIXED_CALL', area: '上海', localBillRate: 0.06, otherBillRate: 0.06 },
  { tenantPhoneNumberId: 502, phoneNumber: '02150000502', phoneType: 'UNFIXED_CALL', area: '上海', localBillRate: 0.06, otherBillRate: 0.06 },
];
const POLICY_GROUPS = [
  { callPolicyGroupId: 7001, name: '默认策略组' },
  { callPolicyGroupId: 7002, name: '夜间策略组' },
];
const DIALOG_FLOWS = [
  { dialogFlowId: 2, name: '还款提醒', industry: '金融', subIndustry: '催收', intentLevelTagId: 1, status: 'APPROVED', variables: ['欠款金额', '最后还款日期'] },
  { dialogFlowId: 139, name: '产品推荐', industry: '教育', subIndustry: '课程', intentLevelTagId: 1, status: 'APPROVED', variables: [] },
  { dialogFlowId: 141, name: '转人工话术', industry: '电商', subIndustry: '回访', intentLevelTagId: 1, status: 'APPROVED', variables: [], needTransfer: true, needCsStaff: true },
  { dialogFlowId: 150, name: '草稿话术', industry: '电商', subIndustry: '回访', intentLevelTagId: 1, status: 'DRAFT', variables: [] },
];

// ---- enums (src/vendors/tanyi/README.md "Enums", src/vendors/tanyi/README.md [T-page]) ----------------------------
const PHONE_TYPES = ['MOBILE', 'LANDLINE', 'UNFIXED_CALL', 'CALL_POLICY_GROUP'];
const MODES = ['AUTO', 'MANUAL'];
const JOB_STATUSES = ['NOT_STARTED', 'IN_PROCESS', 'COMPLETED', 'RUNNABLE', 'USER_PAUSE', 'SYSTEM_SUSPENDED', 'TERMINATE', 'IN_QUEUE', 'SYSTEM_HANG_UP', 'WAITING_FOR_REDIAL', 'ACCOUNT_DISABLE', 'MAINTAIN'];
const REDIAL_CONDITIONS = ['CALL_LOSS', 'NO_ANSWER', 'BUSY', 'REFUSED', 'POWER_OFF', 'OUT_OF_SERVICE', 'CAN_NOT_CONNECT', 'FROM_PHONE_ERROR', 'SYSTEM_ERROR'];
const RESULT_STATUSES = ['ANSWERED', 'NO_ANSWER', 'BUSY', 'POWER_OFF', 'OUT_OF_SERVICE', 'REFUSED', 'VACANT_NUMBER', 'CAN_NOT_CONNECT', 'FROM_PHONE_ERROR', 'SYSTEM_ERROR', 'CALL_LOSS', 'TRANSFER_ARTIFICIAL'];
const INTENT_LEVELS = ['A', 'B', 'C', 'D', 'E', 'F'];
const TASK_STATUSES = ['NOT_STARTED', 'IN_PROCESS', 'COMPLETED', 'RETRY', 'AUTO_RETRY', 'IN_CACHE'];
const WECHAT_SEND = ['SENDTOALL', 'SENDTOONE', 'SENDTONONE'];
const LIFECYCLE = { NOT_STARTED: 'created', IN_PROCESS: 'running', USER_PAUSE: 'paused', TERMINATE: 'stopped', COMPLETED: 'completed' };

export const TANYI_CATALOGUE = { TENANT, PHONES, POLICY_GROUPS, DIALOG_FLOWS };

export function createTanyi(ctx) {
  const cred = ctx.credentials;
  let st;
  function reset() {
    st = { jobs: new Map(), nextJobId: 1001, nextTaskId: 50001, nextRecordId: 70001, nextDetailId: 1, replies: 0, ledger: createLedger() };
  }
  reset();

  // ---- envelope --------------------------------------------------------------
  const envelope = (code, data, resultMsg) => ({
    code, data: code === 200 ? data : null, requestId: requestIdFrom(ctx.seed, 'tanyi', ++st.replies),
    resultMsg: resultMsg ?? MESSAGES[code] ?? MESSAGES[500], errorStackTrace: null,
  });
  // CHOICE (src/vendors/tanyi/README.md: not documented): HTTP 200 always, the outcome is `code` in the body.
  const ok = (data, msg = '执行成功') => json(200, envelope(200, data, msg));
  const errorResponse = (e) => json(200, envelope(e.code, null, `${MESSAGES[e.code] ?? ''}: ${e.message}`));

  // ---- auth (src/vendors/tanyi/README.md "Auth") -------------------------------------------------
  function authenticate(headers, now) {
    const appKey = header(headers, 'appKey');
    const timestamp = header(headers, 'timestamp');
    const signature = header(headers, 'signature');
    const missing = [['appKey', appKey], ['timestamp', timestamp], ['signature', signature]].filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) return errorResponse(fail(401, `缺少请求头 ${missing.join(', ')}`));
    // CHOICE: tenantSign and version headers are optional (the Java demo omits
    // tenantSign; the docs text omits version); defaults are the key's tenant and "v1".
    const tenantSign = header(headers, 'tenantSign') ?? cred.tenantSign;
    const version = header(headers, 'version') ?? 'v1';
    const appSecret = header(headers, 'appSecret');
    if (appKey !== cred.appKey) return errorResponse(fail(401, 'appKey 不存在'));
    if (tenantSign !== cred.tenantSign) return errorResponse(fail(401, 'tenantSign 与 appKey 不匹配'));
    // CHOICE: sending appSecret is optional (the vendor README: UNVERIFIED); if sent it must be right.
    if (appSecret !== undefined && appSecret !== cred.appSecret) return errorResponse(fail(401, 'appSecret 错误'));
    if (!/^\d{1,16}$/.test(timestamp)) return errorResponse(fail(401, 'timestamp 须为毫秒时间戳'));
    const expected = tanyiSignature({ appKey, appSecret: cred.appSecret, tenantSign, version, timestamp });
    if (!safeEqual(signature, expected)) return errorResponse(fail(401, 'signature 校验失败'));
    // CHOICE (drift UNVERIFIED): |now - timestamp| must be within tanyiDriftMs (default 5 min).
    if (Math.abs(now - Number(timestamp)) > ctx.tanyiDriftMs) return errorResponse(fail(401, 'timestamp 已过期'));
    return null;
  }

  // ---- dialling ---------------------------------------------------------------
  function dial(job, c, t) {
    const rng = rngFor(ctx.seed, 'tanyi', job.id, c.phone, c.attempt);
    const resultStatus = rng.weighted([['ANSWERED', 60], ['NO_ANSWER', 12], ['BUSY', 8], ['POWER_OFF', 5], ['REFUSED', 5], ['VACANT_NUMBER', 4], ['OUT_OF_SERVICE', 3], ['CAN_NOT_CONNECT', 3]]);
    const answered = resultStatus === 'ANSWERED';
    const chatDuration = answered ? rng.int(8, 180) : 0;
    const chatRound = answered ? rng.int(1, 12) : 0;
    const ring = rng.int(3, 25);
    const id = st.nextRecordId++;
    const details = [];
    for (let i = 0; i < chatRound * 2; i++) {
      details.push({ callDetailId: st.nextDetailId++, text: i % 2 === 0 ? `机器人第${i / 2 + 1}句` : `客户第${(i + 1) / 2}句`, type: i % 2 === 0 ? 'ROBOT' : 'PERSON' });
    }
    const rec = {
      callRecordId: id, tenantId: TENANT.tenantId, robotCallJobId: job.id, robotCallTaskId: c.taskId,
      dialogFlowId: job.spec.dialogFlowId, calledPhoneNumber: c.phone, customerPersonName: c.name ?? null,
      resultStatus, intentLevel: answered ? rng.pick(INTENT_LEVELS) : 'F',
      startTime: fmtDateTime(t), endTime: fmtDateTime(t + (ring + chatDuration) * 1000),
      chatDuration, chatRound, attributes: [], properties: c.properties ?? {},
      fullAudioUrl: answered ? `https://sim.invalid/tanyi/audio/${id}.wav` : null,
      customerAudioUrl: answered ? `https://sim.invalid/tanyi/audio/${id}_customer.wav` : null,
      callDetailList: details,
    };
    c.record = rec;
    job.records.push(rec);
    noteCall(job, c, id);
  }

  /** Dial what is due (advance, or stopDialing on pause/stop/delete); returns the customers dialled. */
  function dialDue(job, now, step = advance) {
    const calls = [];
    step(job, now, ctx.dialMs, (c, t) => { dial(job, c, t); calls.push(c); });
    return calls;
  }

  // ---- callbacks (tanyi-callBack.md (src/vendors/tanyi/README.md §7)) --------------------------------
  // One ROBOT_CALL_RECORD per dialled call (plus ROBOT_CALL_SMS by the SMS
  // rule, vendors/tanyi-push.mjs), then ROBOT_CALL_JOB when the job has just
  // become COMPLETED. Nothing is built unless a Tanyi URL is configured.
  const cb = ctx.callbacks;
  function push(job, calls, completed) {
    if (cb.wants('tanyi', 'ROBOT_CALL_RECORD')) {
      for (const c of calls) {
        const rec = c.record;
        cb.emit({ vendor: 'tanyi', dataType: 'ROBOT_CALL_RECORD', id: rec.callRecordId, recordId: rec.callRecordId, taskId: job.id, phone: c.phone, body: callRecordPayload(rec) });
      }
    }
    if (cb.wants('tanyi', 'ROBOT_CALL_SMS')) {
      for (const c of calls) {
        if (!wantsSms(c.record)) continue;
        const rec = c.record;
        cb.emit({ vendor: 'tanyi', dataType: 'ROBOT_CALL_SMS', id: rec.callRecordId, recordId: rec.callRecordId, taskId: job.id, phone: c.phone, body: smsPayload({ tenant: TENANT, job, customer: c, rec }) });
      }
    }
    if (completed && cb.wants('tanyi', 'ROBOT_CALL_JOB')) {
      // A job can complete again after new customers are imported and it is restarted.
      job.completions = (job.completions ?? 0) + 1;
      cb.emit({ vendor: 'tanyi', dataType: 'ROBOT_CALL_JOB', id: `${job.id}#${job.completions}`, taskId: job.id, body: jobPayload(job, TENANT.tenantId) });
    }
  }

  function refresh(now) {
    for (const job of st.jobs.values()) {
      if (job.deleted || job.status !== 'IN_PROCESS') continue;
      const calls = dialDue(job, now);
      // All queued customers dialled → COMPLETED (src/vendors/tanyi/README.md status enum).
      const completed = !hasPending(job) && hasLive(job);
      if (completed) { job.status = 'COMPLETED'; job.run = null; }
      push(job, calls, completed);
    }
  }
  /** A running job with customers still to dial (callbacksSettled waits for these). */
  const busy = () => [...st.jobs.values()].some((j) => !j.deleted && j.status === 'IN_PROCESS' && hasPending(j));

  // ---- helpers --------------------------------------------------------------
  function jobOf(v) {
    const id = asId(v);
    if (v === undefined || v === null || v === '') throw fail(412, 'robotCallJobId 不能为空');
    if (id === null) throw fail(412, 'robotCallJobId 须为正整数');
    const job = st.jobs.get(id);
    if (!job || job.deleted) throw fail(404, `任务 ${id} 不存在`);
    return job;
  }
  function tenantPage(src, list, def = 20, max = 100) {
    const pageNum = paramInt(src.pageNum, 1, { min: 1 });
    const pageSize = paramInt(src.pageSize, def, { min: 1, max });
    if (pageNum === null) throw fail(412, 'pageNum 须为正整数');
    if (pageSize === null) throw fail(412, `pageSize 须在 1-${max} 之间`);
    const { total, pages, items } = slicePage(list, pageNum, pageSize);
    // src/vendors/tanyi/README.md "Response envelope": number/pageSize/totalElements/pages/content.
    // CHOICE: `number` echoes the 1-based pageNum.
    return { number: pageNum, pageSize, totalElements: total, pages, content: items };
  }
  const bodyObj = (body) => { if (!isObj(body)) throw fail(412, '请求体须为 JSON 对象'); return body; };

  /** job/create and job/modify body (src/vendors/tanyi/README.md [T-page] table + example, src/vendors/tanyi/README.md additions). */
  function parseSpec(body) {
    bodyObj(body);
    // The example nests most fields in `robotCallJob` and keeps concurrencyQuota and
    // jobPhoneNumberIdList at the top; CHOICE: every field is read from either place.
    const inner = isObj(body.robotCallJob) ? body.robotCallJob : {};
    const get = (k) => (inner[k] !== undefined ? inner[k] : body[k]);
    const s = {};
    s.name = get('name');
    if (!isStr(s.name)) throw fail(412, 'name 不能为空');
    s.mode = get('mode');
    if (!MODES.includes(s.mode)) throw fail(412, `mode 须为 ${MODES.join('/')}`);
    s.startTime = get('startTime') ?? null;
    // Contradiction #5: table "2017-11-21", JSON "2017-11-21 04:32:00"; CHOICE: both accepted.
    if (s.mode === 'AUTO' && !isStr(s.startTime)) throw fail(412, '自动任务 startTime 不能为空');
    if (s.startTime !== null && Number.isNaN(parseDateTime(s.startTime, { allowDateOnly: true }))) throw fail(412, 'startTime 格式须为 yyyy-MM-dd[ HH:mm:ss]');
    // dailyStartTime not before 09:00, dailyEndTime not after 20:00 (table). The
    // example's "21:00" is therefore refused (contradiction #1).
    s.dailyStartTime = get('dailyStartTime');
    s.dailyEndTime = get('dailyEndTime');
    const ds = parseClock(s.dailyStartTime), de = parseClock(s.dailyEndTime);
    if (ds === null || de === null) throw fail(412, 'dailyStartTime/dailyEndTime 须为 HH:mm');
    if (ds < 9 * 60) throw fail(412, 'dailyStartTime 不可以早于9点');
    if (de > 20 * 60) throw fail(412, 'dailyEndTime 不可以晚于20点');
    if (ds >= de) throw fail(412, 'dailyStartTime 须早于 dailyEndTime');
    s.inactiveTimeList = get('inactiveTimeList') ?? [];
    if (!Array.isArray(s.inactiveTimeList)) throw fail(412, 'inactiveTimeList 须为列表');
    if (s.inactiveTimeList.length > 3) throw fail(412, 'inactiveTimeList 最多三个不可拨打时段');
    for (const w of s.inactiveTimeList) {
      const a = parseClock(w?.startTime), b = parseClock(w?.endTime);
      if (a === null || b === null || a >= b) throw fail(412, 'inactiveTimeList 时段格式错误');
    }
    s.dialogFlowId = asId(get('dialogFlowId'));
    if (s.dialogFlowId === null) throw fail(412, 'dialogFlowId 不能为空');
    const flow = DIALOG_FLOWS.find((f) => f.dialogFlowId === s.dialogFlowId);
    if (!flow) throw fail(404, `话术 ${s.dialogFlowId} 不存在`);
    // CHOICE: only APPROVED scripts can be used (status enum, src/vendors/tanyi/README.md getDialogFlowList).
    if (flow.status !== 'APPROVED') throw fail(412, `话术 ${s.dialogFlowId} 未审核通过 (${flow.status})`);
    s.phoneType = get('phoneType');
    if (!PHONE_TYPES.includes(s.phoneType)) throw fail(412, `phoneType 须为 ${PHONE_TYPES.join('/')}`);
    const ids = get('jobPhoneNumberIdList');
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((x) => asId(x) === null)) throw fail(412, 'jobPhoneNumberIdList 须为非空 id 列表');
    s.jobPhoneNumberIdList = ids.map(asId);
    if (s.phoneType === 'CALL_POLICY_GROUP') {
      // src/vendors/tanyi/README.md: with CALL_POLICY_GROUP the list holds one policy-group id.
      if (s.jobPhoneNumberIdList.length !== 1) throw fail(412, 'CALL_POLICY_GROUP 只能传一个策略组 id');
      if (!POLICY_GROUPS.some((g) => g.callPolicyGroupId === s.jobPhoneNumberIdList[0])) throw fail(404, '策略组不存在');
    } else {
      // CHOICE: each id must be a line of the chosen phoneType. The "size must be 1
      // for non-mobile" rule is NOT enforced (contradiction #2: the update note and
      // the example use two lines).
      for (const id of s.jobPhoneNumberIdList) {
        const p = PHONES.find((x) => x.tenantPhoneNumberId === id);
        if (!p) throw fail(404, `主叫号码 ${id} 不存在`);
        if (p.phoneType !== s.phoneType) throw fail(412, `主叫号码 ${id} 类型为 ${p.phoneType}, 与 phoneType 不符`);
      }
    }
    // concurrencyQuota: required unless the line type is MOBILE (table).
    const cq = get('concurrencyQuota');
    if (cq === undefined || cq === null) {
      if (s.phoneType !== 'MOBILE') throw fail(412, 'concurrencyQuota 不能为空');
      s.concurrencyQuota = null;
    } else {
      s.concurrencyQuota = asInt(cq, { min: 1 });
      if (s.concurrencyQuota === null) throw fail(412, 'concurrencyQuota 须为正整数');
    }
    // src/vendors/tanyi/README.md job/create additions: robotCount is required.
    s.robotCount = asInt(get('robotCount'), { min: 1 });
    if (s.robotCount === null) throw fail(412, 'robotCount 须为正整数');
    s.transferPhoneNumber = get('transferPhoneNumber') ?? null;
    if (s.transferPhoneNumber !== null && !Array.isArray(s.transferPhoneNumber)) throw fail(412, 'transferPhoneNumber 须为列表');
    if (flow.needTransfer && !(s.transferPhoneNumber?.length > 0)) throw fail(412, '该话术需要转人工, transferPhoneNumber 不能为空');
    s.csStaffGroupId = get('csStaffGroupId') ?? null;
    if (s.csStaffGroupId !== null && asId(s.csStaffGroupId) === null) throw fail(412, 'csStaffGroupId 须为正整数');
    if (flow.needCsStaff && s.csStaffGroupId === null) throw fail(412, '该话术需要人工介入, csStaffGroupId 不能为空');
    // Auto-redial (src/vendors/tanyi/README.md): all three once any is given.
    const rc = get('redialCondition'), ri = get('redialInterval'), rt = get('redialTimes');
    if (rc !== undefined || ri !== undefined || rt !== undefined) {
      if (!Array.isArray(rc) || rc.length === 0 || rc.some((x) => !REDIAL_CONDITIONS.includes(x))) throw fail(412, `redialCondition 须为 ${REDIAL_CONDITIONS.join('/')} 的集合`);
      if (asInt(ri, { min: 6, max: 1440 }) === null) throw fail(412, 'redialInterval 须在 6-1440 分钟之间');
      if (asInt(rt, { min: 1, max: 10 }) === null) throw fail(412, 'redialTimes 须在 1-10 之间');
      Object.assign(s, { redialCondition: [...new Set(rc)], redialInterval: ri, redialTimes: rt });
    }
    const wsm = get('wechatSendMethod');
    if (wsm !== undefined && wsm !== null && !WECHAT_SEND.includes(wsm)) throw fail(412, `wechatSendMethod 须为 ${WECHAT_SEND.join('/')}`);
    s.wechatSendMethod = wsm ?? null;
    for (const k of ['smsAlertLevel', 'wechatAlertLevel']) {
      const v = get(k);
      if (v !== undefined && v !== null && (!Array.isArray(v) || v.some((x) => !INTENT_LEVELS.includes(x)))) throw fail(412, `${k} 须为意向等级 A-F 列表`);
      s[k] = v ?? [];
    }
    for (const k of ['alertUsers', 'earlyWarningAlertUsers', 'wechatAlertLevelCode', 'smsAlertLevelCode', 'wechatConditionAlertLevelCode']) {
      const v = get(k);
      if (v !== undefined && v !== null && !Array.isArray(v)) throw fail(412, `${k} 须为列表`);
      s[k] = v ?? [];
    }
    s.smsTemplateId = get('smsTemplateId') ?? null;
    s.description = get('description') ?? null;
    return s;
  }

  const jobView = (job) => ({
    robotCallJobId: job.id, name: job.name, status: job.status, mode: job.spec.mode, dialogFlowId: job.spec.dialogFlowId,
    phoneType: job.spec.phoneType, robotCount: job.spec.robotCount, concurrencyQuota: job.spec.concurrencyQuota,
    dailyStartTime: job.spec.dailyStartTime, dailyEndTime: job.spec.dailyEndTime, startTime: job.spec.startTime,
    completedTask: liveCustomers(job).filter((c) => c.dialed).length, taskCallTotal: liveCustomers(job).length,
    createTime: fmtDateTime(job.createTime), description: job.spec.description,
  });

  function stats(job) {
    const counts = Object.fromEntries(RESULT_STATUSES.map((r) => [r, 0]));
    for (const r of job.records) counts[r.resultStatus]++;
    return {
      robotCallJobId: job.id, name: job.name, status: job.status, taskCallTotal: liveCustomers(job).length,
      completedTask: liveCustomers(job).filter((c) => c.dialed).length, callRecordCount: job.records.length,
      answeredCount: counts.ANSWERED, resultStatusCount: counts,
    };
  }

  // ---- lifecycle (src/vendors/tanyi/README.md "Lifecycle": pause, resume, terminate is final) --
  // CHOICE (Tanyi documents no per-transition codes): every refused transition is
  // 412; starting a running job is refused, not a no-op; a COMPLETED job that got
  // new customers may be started again.
  function start(job, now) {
    if (job.status === 'IN_PROCESS') throw fail(412, '任务已在进行中');
    if (job.status === 'TERMINATE') throw fail(412, '任务已终止, 不能启动');
    if (job.status === 'COMPLETED' && pendingCount(job) === 0) throw fail(412, '任务已完成, 没有待呼叫的客户');
    job.status = 'IN_PROCESS';
    startDialing(job, now, ctx.dialMs);
  }
  function pause(job, now) {
    if (job.status !== 'IN_PROCESS') throw fail(412, `任务状态 ${job.status} 不可暂停`);
    push(job, dialDue(job, now, stopDialing), false);
    // CHOICE: pause is immediate (the doc says it waits for running calls).
    job.status = 'USER_PAUSE';
  }
  function stop(job, now) {
    if (job.status === 'TERMINATE') throw fail(412, '任务已终止');
    push(job, dialDue(job, now, stopDialing), false);
    job.status = 'TERMINATE';
  }

  // ---- handlers --------------------------------------------------------------
  function create({ body, now }) {
    const spec = parseSpec(body);
    const job = { id: st.nextJobId++, name: spec.name, spec, status: 'NOT_STARTED', createTime: now, customers: [], records: [], importCalls: 0, deleted: false, run: null };
    st.jobs.set(job.id, job);
    st.ledger.tasks.set(job.id, job);
    return ok({ robotCallJobId: job.id }, '创建成功');
  }

  function modify({ body }) {
    bodyObj(body);
    // src/vendors/tanyi/README.md: the demo sends robotCallJobId inside robotCallJob; CHOICE: top level works too.
    const job = jobOf(body.robotCallJob?.robotCallJobId ?? body.robotCallJobId);
    // CHOICE: a terminated job can no longer be modified.
    if (job.status === 'TERMINATE') throw fail(412, '任务已终止, 不能修改');
    const spec = parseSpec(body);
    job.spec = spec;
    job.name = spec.name;
    return ok(null, '修改成功');
  }

  const lifecycle = (fn, msg) => ({ body, now }) => { fn(jobOf(bodyObj(body).robotCallJobId), now); return ok(null, msg); };

  function remove({ body, now }) {
    const job = jobOf(bodyObj(body).robotCallJobId);
    push(job, dialDue(job, now, stopDialing), false);
    job.deleted = true; // CHOICE: delete is allowed in any state; the job then 404s.
    return ok(null, '删除成功');
  }

  function importCustomer({ body }) {
    const job = jobOf(bodyObj(body).robotCallJobId);
    // CHOICE: a terminated job takes no more customers.
    if (job.status === 'TERMINATE') throw fail(412, '任务已终止, 不能导入客户');
    const rows = body.customerPersons;
    if (!Array.isArray(rows) || rows.length === 0) throw fail(412, 'customerPersons 不能为空');
    // "单次导入客户数量不能大于100" (src/vendors/tanyi/README.md [T-page]). CHOICE: code 412 (参数错误).
    if (rows.length > 100) throw fail(412, '单次导入客户数量不能大于100');
    // CHOICE: the whole call is refused if any row is invalid (nothing applied).
    rows.forEach((r, i) => {
      if (!isObj(r) || !isStr(r.phoneNumber)) throw fail(412, `customerPersons[${i}].phoneNumber 不能为空`);
      // src/vendors/tanyi/README.md: current doc marks `name` optional.
      if (r.name !== undefined && r.name !== null && typeof r.name !== 'string') throw fail(412, `customerPersons[${i}].name 须为字符串`);
      if (r.properties !== undefined && r.properties !== null && (!isObj(r.properties) || Object.values(r.properties).some((v) => typeof v !== 'string'))) {
        throw fail(412, `customerPersons[${i}].properties 须为 Map<String,String>`);
      }
    });
    job.importCalls++;
    // CHOICE: Tanyi documents no de-duplication, so every row becomes a to-be-called task.
    for (const r of rows) {
      job.customers.push({ taskId: st.nextTaskId++, phone: r.phoneNumber, name: r.name ?? null, properties: r.properties ?? {}, attempt: 0, dialed: false, removed: false, record: null });
      st.ledger.noteImport(job.id, r.phoneNumber);
    }
    return ok(null, '导入成功');
  }

  function updateAiCount({ body }) {
    const job = jobOf(bodyObj(body).robotCallJobId);
    const n = asInt(body.robotCount, { min: 1 });
    if (n === null) throw fail(412, 'robotCount 须为正整数');
    if (job.status === 'TERMINATE') throw fail(412, '任务已终止');
    job.spec.robotCount = n;
    return ok(null, '修改成功');
  }

  function getJobs({ query }) {
    let list = [...st.jobs.values()].filter((j) => !j.deleted);
    if (query.name) list = list.filter((j) => j.name.includes(query.name)); // CHOICE: substring match
    if (query.status) {
      if (!JOB_STATUSES.includes(query.status)) throw fail(412, `status 须为 ${JOB_STATUSES.join('/')}`);
      list = list.filter((j) => j.status === query.status);
    }
    list.sort((a, b) => b.id - a.id); // CHOICE: newest first
    return ok(tenantPage(query, list.map(jobView)));
  }

  function getJobDetail({ query }) {
    const job = jobOf(query.robotCallJobId);
    const isGroup = job.spec.phoneType === 'CALL_POLICY_GROUP';
    return ok({
      robotCallJob: { ...job.spec, robotCallJobId: job.id, status: job.status, createTime: fmtDateTime(job.createTime) },
      jobPhoneNumberList: isGroup ? [] : job.spec.jobPhoneNumberIdList.map((id) => PHONES.find((p) => p.tenantPhoneNumberId === id)),
      policyGroupPhoneNumberList: isGroup ? POLICY_GROUPS.filter((g) => g.callPolicyGroupId === job.spec.jobPhoneNumberIdList[0]) : null,
      transferPhoneNumber: job.spec.transferPhoneNumber,
      completedTask: liveCustomers(job).filter((c) => c.dialed).length,
      taskCallTotal: liveCustomers(job).length,
    });
  }

  function records(job, body) {
    let list = job.records.slice();
    if (body.resultStatuses !== undefined) {
      if (!Array.isArray(body.resultStatuses) || body.resultStatuses.some((r) => !RESULT_STATUSES.includes(r))) throw fail(412, 'resultStatuses 取值错误');
      list = list.filter((r) => body.resultStatuses.includes(r.resultStatus));
    }
    if (body.intentLevels !== undefined) {
      if (!Array.isArray(body.intentLevels) || body.intentLevels.some((r) => !INTENT_LEVELS.includes(r))) throw fail(412, 'intentLevels 取值错误');
      list = list.filter((r) => body.intentLevels.includes(r.intentLevel));
    }
    if (body.calledPhoneNumber) list = list.filter((r) => r.calledPhoneNumber === body.calledPhoneNumber);
    if (body.lastCallRecord === true) {
      const last = new Map();
      for (const r of list) last.set(r.robotCallTaskId, r);
      list = [...last.values()];
    }
    return list.map(({ callDetailList, ...r }) => r);
  }

  function taskStatusOf(c) { return c.dialed ? 'COMPLETED' : 'NOT_STARTED'; }

  function toBeCalled({ query }) {
    const job = jobOf(query.robotCallJobId);
    let list = liveCustomers(job);
    if (query.taskStatus) {
      if (!TASK_STATUSES.includes(query.taskStatus)) throw fail(412, `taskStatus 须为 ${TASK_STATUSES.join('/')}`);
      list = list.filter((c) => taskStatusOf(c) === query.taskStatus);
    } else {
      list = list.filter((c) => !c.dialed); // CHOICE: no filter → only the not-yet-called ones
    }
    if (query.calledPhoneNumber) list = list.filter((c) => c.phone === query.calledPhoneNumber);
    return ok(tenantPage(query, list.map((c) => ({
      robotCallTaskId: c.taskId, robotCallJobId: job.id, calledPhoneNumber: c.phone, customerPersonName: c.name,
      taskStatus: taskStatusOf(c), properties: c.properties,
    }))));
  }

  function removeTasks(job, pred) {
    let n = 0;
    for (const c of job.customers) {
      if (!c.removed && !c.dialed && pred(c)) { c.removed = true; n++; }
    }
    return n;
  }

  function bulk(jobs, operation, now) {
    if (!['START', 'PAUSE'].includes(operation)) throw fail(412, 'operation 须为 START/PAUSE');
    const success = [], failed = [];
    for (const job of jobs) {
      try { (operation === 'START' ? start : pause)(job, now); success.push(job.id); } catch (e) { if (!(e instanceof SimError)) throw e; failed.push(job.id); }
    }
    return { operation, successJobIds: success, failJobIds: failed };
  }

  const routes = [
    { method: 'POST', path: `${P}job/create`, handler: create },
    { method: 'PATCH', path: `${P}job/modify`, handler: modify }, // src/vendors/tanyi/README.md: PATCH
    { method: 'POST', path: `${P}job/start`, handler: lifecycle(start, '启动成功') },
    { method: 'POST', path: `${P}job/pause`, handler: lifecycle(pause, '暂停成功') },
    { method: 'POST', path: `${P}job/stop`, handler: lifecycle(stop, '停止成功') },
    { method: 'POST', path: `${P}job/delete`, handler: remove },
    { method: 'POST', path: `${P}job/importCustomer`, handler: importCustomer },
    { method: 'POST', path: `${P}job/updateAiCount`, handler: updateAiCount },
    { method: 'GET', path: `${P}job/getJobs`, handler: getJobs },
    { method: 'GET', path: `${P}job/getJobDetail`, handler: getJobDetail },
    { method: 'GET', path: `${P}job/getJobStats`, handler: ({ query }) => ok(stats(jobOf(query.robotCallJobId))) },
    // CHOICE: the script's variable names, as a list of strings.
    { method: 'GET', path: `${P}job/getJobProperties`, handler: ({ query }) => ok(DIALOG_FLOWS.find((f) => f.dialogFlowId === jobOf(query.robotCallJobId).spec.dialogFlowId).variables) },
    // CHOICE (body not in the given pages): {robotCallJobIds: [..]}.
    { method: 'POST', path: `${P}job/getJobStatsInfoList`, handler: ({ body }) => {
      const ids = bodyObj(body).robotCallJobIds;
      if (!Array.isArray(ids) || ids.length === 0) throw fail(412, 'robotCallJobIds 不能为空');
      return ok(ids.map((id) => stats(jobOf(id))));
    } },
    // CHOICE: {robotCallJobId, calledPhoneNumbers?} re-queues dialled customers (all if omitted).
    { method: 'POST', path: `${P}job/reAddCustomerToJob`, handler: ({ body }) => {
      const job = jobOf(bodyObj(body).robotCallJobId);
      const phones = body.calledPhoneNumbers;
      if (phones !== undefined && !Array.isArray(phones)) throw fail(412, 'calledPhoneNumbers 须为列表');
      let n = 0;
      for (const c of liveCustomers(job)) {
        if (c.dialed && (!phones || phones.includes(c.phone))) { c.dialed = false; c.attempt++; n++; }
      }
      if (n) requeue(job);
      return ok({ count: n });
    } },
    // CHOICE: {operation} applies to every job; executeJobs takes {robotCallJobIds, operation}.
    { method: 'POST', path: `${P}job/checkAll`, handler: ({ body, now }) => ok(bulk([...st.jobs.values()].filter((j) => !j.deleted), bodyObj(body).operation, now)) },
    { method: 'POST', path: `${P}job/executeJobs`, handler: ({ body, now }) => {
      const ids = bodyObj(body).robotCallJobIds;
      if (!Array.isArray(ids) || ids.length === 0) throw fail(412, 'robotCallJobIds 不能为空');
      return ok(bulk(ids.map(jobOf), body.operation, now));
    } },
    { method: 'GET', path: `${P}tenant/getTenant`, handler: () => ok(TENANT) },
    { method: 'GET', path: `${P}phone/getPhoneList`, handler: () => ok(PHONES) },
    { method: 'GET', path: `${P}dialogFlow/getDialogFlowList`, handler: () => ok(DIALOG_FLOWS.map(({ variables, needTransfer, needCsStaff, ...f }) => f)) },
    { method: 'GET', path: `${P}dialogFlow/getDialogFlowCallJobRelatedInfo`, handler: ({ query }) => {
      const id = asId(query.dialogFlowId);
      if (id === null) throw fail(412, 'dialogFlowId 不能为空');
      const f = DIALOG_FLOWS.find((x) => x.dialogFlowId === id);
      if (!f) throw fail(404, `话术 ${id} 不存在`);
      // CHOICE: field names (the doc only says "is csStaffGroupId or transferPhoneNumber needed?").
      return ok({ dialogFlowId: id, needCsStaffGroupId: !!f.needCsStaff, needTransferPhoneNumber: !!f.needTransfer });
    } },
    { method: 'GET', path: `${P}policyGroup/getIdAndNamePairList`, handler: () => ok(POLICY_GROUPS) },
    { method: 'GET', path: `${P}policyGroup/list`, handler: () => ok(POLICY_GROUPS.map((g) => ({ ...g, phoneNumberList: PHONES.filter((p) => p.phoneType === 'UNFIXED_CALL') }))) },
    { method: 'POST', path: `${P}callRecord/getCallRecordInfoList`, handler: ({ body }) => {
      const job = jobOf(bodyObj(body).robotCallJobId);
      return ok(tenantPage(body, records(job, body)));
    } },
    { method: 'GET', path: `${P}callRecord/callDetail`, handler: ({ query }) => {
      const id = asId(query.callRecordId);
      if (id === null) throw fail(412, 'callRecordId 不能为空');
      for (const job of st.jobs.values()) {
        const r = job.records.find((x) => x.callRecordId === id);
        if (r && !job.deleted) { const { callDetailList, ...callRecord } = r; return ok({ callRecord, callDetailList }); }
      }
      throw fail(404, `通话记录 ${id} 不存在`);
    } },
    { method: 'GET', path: `${P}callRecord/toBeCalledList`, handler: toBeCalled },
    { method: 'POST', path: `${P}callRecord/deleteRobotCallTask`, handler: ({ body }) => {
      const id = asId(bodyObj(body).robotCallTaskId);
      if (id === null) throw fail(412, 'robotCallTaskId 不能为空');
      for (const job of st.jobs.values()) {
        const c = job.customers.find((x) => x.taskId === id && !x.removed);
        if (c && !job.deleted) {
          // CHOICE: only not-yet-called tasks can be deleted.
          if (c.dialed) throw fail(412, '该客户已呼叫, 不能删除');
          c.removed = true;
          return ok(null, '删除成功');
        }
      }
      throw fail(404, `待呼叫任务 ${id} 不存在`);
    } },
    // src/vendors/tanyi/README.md: GET "as documented, UNVERIFIED".
    { method: 'GET', path: `${P}callRecord/deleteRobotCallTaskList`, handler: ({ query }) => {
      const job = jobOf(query.robotCallJobId);
      const raw = query.robotCallTaskIds;
      let pred;
      if (raw) {
        const ids = raw.split(',').map(asId);
        if (ids.some((x) => x === null)) throw fail(412, 'robotCallTaskIds 须为逗号分隔的 id');
        pred = (c) => ids.includes(c.taskId); // overrides the filters (src/vendors/tanyi/README.md)
      } else {
        if (query.taskStatus && !TASK_STATUSES.includes(query.taskStatus)) throw fail(412, 'taskStatus 取值错误');
        pred = (c) => (!query.calledPhoneNumber || c.phone === query.calledPhoneNumber) && (!query.taskStatus || taskStatusOf(c) === query.taskStatus);
      }
      return ok({ count: removeTasks(job, pred) }, '删除成功');
    } },
  ];

  return {
    name: 'tanyi',
    routes,
    authenticate,
    errorResponse,
    badBodyError: () => fail(412, '请求体不是合法的 JSON'),
    // CHOICE: unknown path → HTTP 404 / wrong method → HTTP 405, body in the envelope.
    routeError: (status, msg) => json(status, envelope(status, null, msg)),
    codeOf: (out) => out.body?.code ?? null,
    refresh,
    busy,
    reset,
    ledger: () => st.ledger.snapshot((j) => ledgerTask(j, { status: j.status, lifecycle: j.deleted ? 'deleted' : LIFECYCLE[j.status] ?? j.status })),
  };
}
