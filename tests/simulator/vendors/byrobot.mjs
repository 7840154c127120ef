// BYRobot (百应) open API, from src/vendors/byrobot/README.md [B-page],
// src/vendors/byrobot/README.md [B-ex] and src/vendors/byrobot/README.md. Envelope ResultModel
// {code, data, resultMsg, errorStackTrace, requestId}; codes 200/401/403/404/
// 408/412/500 (src/vendors/byrobot/README.md "Error codes").
import { fail, isObj, isStr, isBool, asId, asInt, paramInt, slicePage, json } from '../lib/common.mjs';
import { byrobotSignature, parseRfc1123, safeEqual, header } from '../lib/auth.mjs';
import { rngFor, requestIdFrom } from '../lib/prng.mjs';
import { createLedger, ledgerTask, noteCall } from '../lib/ledger.mjs';
import { startDialing, stopDialing, advance, pendingCount, liveCustomers, hasPending, hasLive } from '../lib/dialer.mjs';
import { fmtDateTime, fmtDate, parseDateTime, parseClock, withSeconds } from '../lib/time.mjs';
import { callInstancePayload, jobInfoPayload } from './byrobot-push.mjs';

const V1 = '/openapi/v1/';
const MESSAGES = { 200: '执行成功', 401: '校验数据错误', 403: '权限不足', 404: '资源未找到', 408: '时间选择不对', 412: '参数错误', 500: '未知错误' };

// ---- seeded catalogue (README "Seeded ids") --------------------------------
const COMPANIES = [{ companyId: 1, companyName: '演示公司' }, { companyId: 2, companyName: '演示公司二' }];
const line = (userPhoneId, phone, phoneName, phoneType, total) => ({
  userPhoneId, phone, phoneName, phoneType, useAvailable: true, totalConcurrencyQuota: total, usedConcurrencyQuota: 0,
  validityBegin: '2024-01-01 00:00:00', validityEnd: '2030-12-31 23:59:59',
});
const PHONES = {
  1: [line(1, '13333333333', 'sim1', 0, null), line(2, '18888888888', 'sim2', 0, null), line(13, '057112345678', '杭州固话', 1, 10), line(14, '02112345678', '无主叫线路', 2, 20)],
  2: [line(21, '13900000021', 'sim21', 0, null)],
};
const ROBOTS = {
  1: [
    { robotDefId: 1, robotName: '产品电销', sceneDefId: 1, sceneRecords: [{ sceneRecordId: 7, sceneRecordName: '房产电销优化版(张飞)' }], online: true, published: true },
    { robotDefId: 11, robotName: '流程测试机器人', sceneDefId: 29, sceneRecords: [{ sceneRecordId: 21, sceneRecordName: '流程测试录音' }], online: true, published: true },
    { robotDefId: 12, robotName: '催缴机器人', sceneDefId: 30, sceneRecords: [{ sceneRecordId: 31, sceneRecordName: '催缴录音' }], online: true, published: false },
  ],
  2: [{ robotDefId: 21, robotName: '回访机器人', sceneDefId: 40, sceneRecords: [{ sceneRecordId: 41, sceneRecordName: '回访录音' }], online: false, published: false }],
};
// Scene 30 has a variable, so v2 import rows without it count as placeFailNum.
const SCENE_VARIABLES = { 1: [], 29: [], 30: ['欠款金额'], 40: [] };
const SEATS = { 1: 20, 2: 5 };
const SMS_TEMPLATES = { 1: [{ smsTemplateId: 1, templateName: '通用回访', content: '感谢您的接听', status: 1 }, { smsTemplateId: 2, templateName: '停用模板', content: '已停用', status: 0 }], 2: [] };

// ---- enums (src/vendors/byrobot/README.md "Enums") ----------------------------------------------
const TASK_STATUS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const REDIAL_PHONE_STATUS = [2, 3, 5, 6, 7, 9, 10];
const FINISH_STATUS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 22];
const LIFECYCLE = { 0: 'created', 1: 'running', 2: 'completed', 4: 'paused', 6: 'stopped' };
const INTENT = ['A级(较强)', 'B级(一般)', 'C级(无法判断)', 'D级(很少)'];

export const BYROBOT_CATALOGUE = { COMPANIES, PHONES, ROBOTS, SCENE_VARIABLES, SEATS, SMS_TEMPLATES };

export function createByrobot(ctx) {
  const cred = ctx.credentials;
  // src/vendors/byrobot/README.md: one key can serve several bound companies.
  const bound = cred.companyIds ?? COMPANIES.map((c) => c.companyId);
  let st;
  function reset() {
    st = {
      tasks: new Map(), nextTaskId: 2001, nextInstanceId: 60001, nextLogId: 1, replies: 0,
      blacklist: { groups: new Map(), entries: [], nextGroupId: 1, nextEntryId: 1 }, ledger: createLedger(),
    };
  }
  reset();

  const envelope = (code, data, resultMsg) => ({
    code, data: code === 200 ? data : null, resultMsg: resultMsg ?? MESSAGES[code] ?? MESSAGES[500],
    errorStackTrace: null, requestId: requestIdFrom(ctx.seed, 'byrobot', ++st.replies),
  });
  // CHOICE (src/vendors/byrobot/README.md: whether HTTP mirrors `code` is UNVERIFIED): HTTP 200 always.
  const ok = (data, msg = '操作成功') => json(200, envelope(200, data, msg));
  const errorResponse = (e) => json(200, envelope(e.code, null, `${MESSAGES[e.code] ?? ''}: ${e.message}`));

  // ---- auth (src/vendors/byrobot/README.md "Auth") --------------------------------------------------
  function authenticate(headers, now) {
    const appKey = header(headers, 'appkey');
    const datetime = header(headers, 'datetime');
    const sign = header(headers, 'sign');
    const missing = [['appkey', appKey], ['datetime', datetime], ['sign', sign]].filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) return errorResponse(fail(401, `缺少请求头 ${missing.join(', ')}`));
    if (appKey !== cred.appKey) return errorResponse(fail(401, 'appkey 不存在'));
    const at = parseRfc1123(datetime);
    if (Number.isNaN(at)) return errorResponse(fail(401, 'datetime 须为 RFC 1123 GMT 格式, 如 Thu, 13 Dec 2018 01:27:17 GMT'));
    // CHOICE: signature is checked before the clock, so a correctly signed but
    // stale request gets 408 and a wrongly signed one 401.
    if (!safeEqual(sign, byrobotSignature({ appKey, appSecret: cred.appSecret, datetime }))) return errorResponse(fail(401, 'sign 校验失败'));
    if (Math.abs(now - at) > ctx.byrobotSkewMs) return errorResponse(fail(408, 'datetime 与服务器时间相差超过3分钟'));
    return null;
  }

  // ---- dialling ----------------------------------------------------------------
  const blacklisted = (companyId, phone) => st.blacklist.entries.some((e) => e.companyId === companyId && e.phone === phone);
  function dial(task, c, t) {
    const rng = rngFor(ctx.seed, 'byrobot', task.id, c.phone, c.attempt);
    // finishStatus per src/vendors/byrobot/README.md (supersedes both lists on the examples page).
    let finishStatus = rng.weighted([[0, 60], [1, 6], [2, 8], [4, 3], [5, 5], [6, 8], [7, 3], [8, 7]]);
    if (blacklisted(task.companyId, c.phone)) finishStatus = 11;
    const answered = finishStatus === 0;
    const duration = answered ? rng.int(8, 180) : 0;
    const chatRound = answered ? rng.int(1, 12) : 0;
    const ring = rng.int(3, 25);
    const intent = answered ? rng.pick(INTENT) : null;
    const logs = [];
    for (let i = 0; i < chatRound * 2; i++) {
      logs.push({
        sceneInstanceLogId: st.nextLogId++, sceneInstanceId: c.callInstanceId, speaker: i % 2 === 0 ? 'AI' : 'ME',
        content: i % 2 === 0 ? `AI 第${i / 2 + 1}句` : `客户第${(i + 1) / 2}句`, userMean: i % 2 ? '~' : null, userMeanDetail: null,
        aiUnknown: false, startTime: i * 2000, endTime: i * 2000 + 1500, gmtCreate: fmtDateTime(t + i * 2000), gmtModified: fmtDateTime(t + i * 2000),
      });
    }
    c.dialed = true;
    c.record = {
      finishStatus, duration, chatRound, startTime: fmtDateTime(t), endTime: fmtDateTime(t + (ring + duration) * 1000),
      callerPhone: PHONES[task.companyId].find((p) => p.userPhoneId === task.spec.userPhoneIds[0]).phone,
      luyinOssUrl: answered ? `https://sim.invalid/byrobot/luyin/${c.callInstanceId}.wav` : null,
      resultList: intent ? [{ name: '客户意向等级', value: intent }] : [], logs, at: t,
    };
    noteCall(task, c, c.callInstanceId);
  }

  /** Dial what is due (advance, or stopDialing on pause/stop/delete); returns the customers dialled. */
  function dialDue(task, now, step = advance) {
    const calls = [];
    step(task, now, ctx.dialMs, (c, t) => { dial(task, c, t); calls.push(c); });
    return calls;
  }

  // ---- callbacks (byrobot-CallBack.md (src/vendors/byrobot/README.md §7)) ----------------------------------
  // CALL_INSTANCE_RESULT per dialled call to callUrl; JOB_INFO_RESULT to
  // taskUrl when the task completes (status 2) or is paused by the user (4).
  // CHOICE: terminating (6) sends none: the page lists 手动暂停, 自动暂停, 线路欠费,
  // 短信欠费 and 任务完成 only.
  const cb = ctx.callbacks;
  function push(task, calls, now) {
    if (calls.length && cb.wants('byrobot', 'CALL_INSTANCE_RESULT')) {
      const robot = ROBOTS[task.companyId].find((r) => r.robotDefId === task.spec.robotDefId);
      calls.forEach((c, i) => {
        // jobFinished: true on the call that completed the task.
        const jobFinished = task.status === 2 && i === calls.length - 1;
        cb.emit({
          vendor: 'byrobot', dataType: 'CALL_INSTANCE_RESULT', id: c.callInstanceId, recordId: c.callInstanceId, taskId: task.id, phone: c.phone,
          body: callInstancePayload({ task, customer: c, robot, jobFinished, now }),
          // for queryUnCallBack: {customerTelephone, callInstanceId, callJobId, callerTime}
          meta: { companyId: task.companyId, callerTime: c.record.startTime },
        });
      });
    }
  }
  function pushJob(task) {
    if (!cb.wants('byrobot', 'JOB_INFO_RESULT')) return;
    task.jobEvents = (task.jobEvents ?? 0) + 1;
    cb.emit({ vendor: 'byrobot', dataType: 'JOB_INFO_RESULT', id: `${task.id}#${task.jobEvents}`, taskId: task.id, body: jobInfoPayload(task), meta: { companyId: task.companyId } });
  }

  function refresh(now) {
    for (const task of st.tasks.values()) {
      if (task.deleted || task.status !== 1) continue;
      const calls = dialDue(task, now);
      const completed = !hasPending(task) && hasLive(task);
      if (completed) { task.status = 2; task.run = null; }
      push(task, calls, now);
      if (completed) pushJob(task);
    }
  }
  const busy = () => [...st.tasks.values()].some((t) => !t.deleted && t.status === 1 && hasPending(t));

  // ---- helpers -----------------------------------------------------------------
  const bodyObj = (body) => { if (!isObj(body)) throw fail(412, '请求体须为 JSON 对象'); return body; };
  function company(v) {
    if (v === undefined || v === null || v === '') throw fail(412, 'companyId 不能为空');
    const id = asId(v);
    if (id === null) throw fail(412, 'companyId 须为正整数');
    // CHOICE: a company not bound to this key → 403 权限不足.
    if (!bound.includes(id) || !COMPANIES.some((c) => c.companyId === id)) throw fail(403, `无权访问公司 ${id}`);
    return id;
  }
  function taskOf(v, companyId) {
    if (v === undefined || v === null || v === '') throw fail(412, 'taskId 不能为空');
    const id = asId(v);
    if (id === null) throw fail(412, 'taskId 须为正整数');
    const t = st.tasks.get(id);
    if (!t || t.deleted || (companyId !== undefined && t.companyId !== companyId)) throw fail(404, `任务 ${id} 不存在`);
    return t;
  }
  function pageInfo(list, pageNum, pageSize) {
    const { total, pages, items } = slicePage(list, pageNum, pageSize);
    // PageHelper PageInfo as in the getTasks example (1-based startRow/endRow).
    const startRow = items.length ? (pageNum - 1) * pageSize + 1 : 0;
    return { pageNum, pageSize, size: items.length, orderBy: null, startRow, endRow: items.length ? startRow + items.length - 1 : 0, total, pages, list: items };
  }
  function paging(src, def, max) {
    const pageNum = paramInt(src.pageNum, 1, { min: 1 });
    const pageSize = paramInt(src.pageSize, def, { min: 1, max });
    if (pageNum === null) throw fail(412, 'pageNum 须为正整数');
    if (pageSize === null) throw fail(412, `pageSize 须在 1-${max} 之间`);
    return [pageNum, pageSize];
  }
  const hhmm = (v, name) => {
    if (v === undefined || v === null) return null;
    if (parseClock(v) === null) throw fail(412, `${name} 须为 HH:mm`);
    return v;
  };

  /** createTask / update body (src/vendors/byrobot/README.md [B-page] + src/vendors/byrobot/README.md current doc). */
  function parseTask(body, { update = false, previous = null } = {}) {
    bodyObj(body);
    const s = { companyId: company(body.companyId) };
    s.taskName = body.taskName;
    if (!isStr(s.taskName)) throw fail(412, 'taskName 不能为空');
    s.taskType = asInt(body.taskType, { min: 1, max: 2 });
    if (s.taskType === null) throw fail(412, 'taskType 须为 1(定时) 或 2(手动)');
    // src/vendors/byrobot/README.md: startDate required only when taskType=1 (the page's swapped examples, contradiction #6/#8).
    s.startDate = body.startDate ?? null;
    if (s.taskType === 1 && !isStr(s.startDate)) throw fail(412, '定时任务 startDate 不能为空');
    if (s.startDate !== null && Number.isNaN(parseDateTime(s.startDate, { allowDateOnly: true }))) throw fail(412, 'startDate 格式须为 yyyy-MM-dd');
    const ids = body.userPhoneIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((x) => asId(x) === null)) throw fail(412, 'userPhoneIds 须为非空 id 列表');
    s.userPhoneIds = ids.map(asId);
    const phones = s.userPhoneIds.map((id) => {
      const p = PHONES[s.companyId].find((x) => x.userPhoneId === id);
      if (!p) throw fail(412, `主叫号码 ${id} 不属于公司 ${s.companyId}`);
      return p;
    });
    // src/vendors/byrobot/README.md: callType required; "Set callType from the line's phoneType" — CHOICE: enforced.
    s.callType = asInt(body.callType, { min: 0, max: 2 });
    if (s.callType === null) throw fail(412, 'callType 须为 0(手机号) / 1(固话) / 2(无主叫)');
    const wrong = phones.find((p) => p.phoneType !== s.callType);
    if (wrong) throw fail(412, `主叫号码 ${wrong.userPhoneId} 的 phoneType=${wrong.phoneType} 与 callType=${s.callType} 不符`);
    if (body.robotDefId === undefined && update) s.robotDefId = previous.robotDefId;
    else {
      s.robotDefId = asId(body.robotDefId);
      if (s.robotDefId === null) throw fail(412, 'robotDefId 不能为空');
    }
    const robot = ROBOTS[s.companyId].find((r) => r.robotDefId === s.robotDefId);
    if (!robot) throw fail(412, `机器人 ${s.robotDefId} 不属于公司 ${s.companyId}`);
    // src/vendors/byrobot/README.md: sceneDefId/sceneRecordId gone from the current doc; CHOICE: accepted and
    // ignored — the scene always comes from the robot.
    s.sceneDefId = robot.sceneDefId;
    s.sceneRecordId = robot.sceneRecords[0].sceneRecordId;
    // update: concurrencyQuota required (src/vendors/byrobot/README.md); createTask: optional, default 1.
    if (update && (body.concurrencyQuota === undefined || body.concurrencyQuota === null)) throw fail(412, 'concurrencyQuota 不能为空');
    s.concurrencyQuota = body.concurrencyQuota === undefined || body.concurrencyQuota === null ? 1 : asInt(body.concurrencyQuota, { min: 1 });
    if (s.concurrencyQuota === null) throw fail(412, 'concurrencyQuota 须为正整数');
    s.workingStartTime = hhmm(body.workingStartTime, 'workingStartTime') ?? previous?.workingStartTime ?? '09:00';
    s.workingEndTime = hhmm(body.workingEndTime, 'workingEndTime') ?? previous?.workingEndTime ?? '20:00';
    // src/vendors/byrobot/README.md: the 9:00–20:00 window is not known to be enforced; CHOICE: only start < end.
    if (parseClock(s.workingStartTime) >= parseClock(s.workingEndTime)) throw fail(412, 'workingStartTime 须早于 workingEndTime');
    s.breakStartTime = hhmm(body.breakStartTime, 'breakStartTime');
    s.breakEndTime = hhmm(body.breakEndTime, 'breakEndTime');
    if ((s.breakStartTime === null) !== (s.breakEndTime === null)) throw fail(412, 'breakStartTime 与 breakEndTime 须同时设置');
    if (s.breakStartTime !== null && parseClock(s.breakStartTime) >= parseClock(s.breakEndTime)) throw fail(412, 'breakStartTime 须早于 breakEndTime');
    if (update && body.breakStartClose === true) { s.breakStartTime = null; s.breakEndTime = null; }
    else if (update && s.breakStartTime === null) { s.breakStartTime = previous.breakStartTime; s.breakEndTime = previous.breakEndTime; }
    if (body.breakStartClose !== undefined && !isBool(body.breakStartClose)) throw fail(412, 'breakStartClose 须为布尔值');
    s.smsType = body.smsType === undefined ? 0 : asInt(body.smsType, { min: 0, max: 1 });
    if (s.smsType === null) throw fail(412, 'smsType 须为 0 或 1');
    if (body.smsTemplateId !== undefined && body.smsTemplateId !== null) {
      if (!SMS_TEMPLATES[s.companyId].some((t) => t.smsTemplateId === asId(body.smsTemplateId))) throw fail(412, `短信模板 ${body.smsTemplateId} 不存在`);
    }
    s.smsTemplateId = body.smsTemplateId ?? null;
    if (body.smsSendLevel !== undefined && body.smsSendLevel !== null) {
      const levels = [].concat(body.smsSendLevel);
      // The fixed strings run from `A级(有明确意向)` to `F级(无效客户)`; only their prefix is checked.
      if (levels.some((l) => typeof l !== 'string' || !/^[A-F]级/.test(l))) throw fail(412, 'smsSendLevel 取值错误');
    }
    s.smsSendLevel = body.smsSendLevel ?? null;
    s.repeatCall = body.repeatCall ?? false;
    if (!isBool(s.repeatCall)) throw fail(412, 'repeatCall 须为布尔值');
    s.repeatCallRule = body.repeatCallRule ?? [];
    if (!Array.isArray(s.repeatCallRule)) throw fail(412, 'repeatCallRule 须为列表');
    if (s.repeatCall && s.repeatCallRule.length === 0) throw fail(412, '开启重呼时 repeatCallRule 不能为空');
    for (const r of s.repeatCallRule) {
      if (!REDIAL_PHONE_STATUS.includes(r?.phoneStatus)) throw fail(412, `repeatCallRule.phoneStatus 须为 ${REDIAL_PHONE_STATUS.join('/')}`);
      if (asInt(r.times, { min: 1, max: 5 }) === null) throw fail(412, 'repeatCallRule.times 须在 1-5 之间');
      if (asInt(r.interval, { min: 0, max: 120 }) === null) throw fail(412, 'repeatCallRule.interval 须在 0-120 分钟之间');
    }
    if (update && body.concurrencyPhone !== undefined && body.concurrencyPhone !== null) {
      // src/vendors/byrobot/README.md task/update: ≤100 and ≤2× seats.
      const cp = asInt(body.concurrencyPhone, { min: 1, max: 100 });
      if (cp === null || cp > 2 * s.concurrencyQuota) throw fail(412, 'concurrencyPhone 须不超过100且不超过坐席数的2倍');
      s.concurrencyPhone = cp;
    }
    for (const k of ['remark', 'phoneNum', 'defaultIntentionRule', 'openElasticity']) s[k] = body[k] ?? previous?.[k] ?? null;
    return s;
  }

  const counts = (task) => {
    const live = liveCustomers(task);
    const done = live.filter((c) => c.dialed);
    const fs = (codes) => done.filter((c) => codes.includes(c.record.finishStatus)).length;
    return { totalCount: live.length, doneCount: done.length, calledCount: fs([0]), rejectedCount: fs([1]), unavailableCount: fs([2]), fromUnavailableCount: fs([3]) };
  };
  const callPhones = (task) => task.spec.userPhoneIds.map((id, i) => {
    const p = PHONES[task.companyId].find((x) => x.userPhoneId === id);
    return { jobPhoneId: task.id * 10 + i, userPhoneId: id, callJobId: task.id, phone: p.phone, phoneName: p.phoneName, gmtCreate: fmtDateTime(task.createTime), gmtModified: fmtDateTime(task.createTime) };
  });
  const taskView = (t) => ({
    callJobId: t.id, jobName: t.name, jobType: t.spec.taskType, startDate: t.spec.startDate,
    workingStartTime: withSeconds(t.spec.workingStartTime), workingEndTime: withSeconds(t.spec.workingEndTime),
    status: t.status, sceneDefId: t.spec.sceneDefId, remark: t.spec.remark ?? '', ...counts(t), callPhones: null,
    ...(t.deleted ? { deleted: true } : {}),
  });
  const instanceView = (task, c) => ({
    callInstanceId: c.callInstanceId, sceneDefId: task.spec.sceneDefId, callJobId: task.id, customerTelephone: c.phone,
    customerName: c.name, status: c.dialed ? 2 : 0, finishStatus: c.record?.finishStatus ?? null,
  });

  // ---- lifecycle (src/vendors/byrobot/README.md task status enum) ------------------------------------
  // CHOICE (no per-transition codes documented): refused transitions are 412;
  // starting a running task is refused; a completed task with new customers restarts.
  function start(task, now) {
    if (task.status === 1) throw fail(412, '任务已在进行中');
    if (task.status === 6) throw fail(412, '任务已终止, 不能启动');
    if (task.status === 2 && pendingCount(task) === 0) throw fail(412, '任务已完成');
    task.status = 1;
    startDialing(task, now, ctx.dialMs);
  }
  function pause(task, now) {
    if (![1, 3, 7].includes(task.status)) throw fail(412, `任务状态 ${task.status} 不可暂停`);
    const calls = dialDue(task, now, stopDialing);
    task.status = 4;
    push(task, calls, now);
    pushJob(task);
  }
  function stop(task, now) {
    if (task.status === 6) throw fail(412, '任务已终止');
    const calls = dialDue(task, now, stopDialing);
    task.status = 6;
    push(task, calls, now);
  }
  const lifecycle = (fn, msg) => ({ body, now }) => { fn(taskOf(bodyObj(body).taskId), now); return ok(null, msg); };

  // ---- import (v1 and v2, src/vendors/byrobot/README.md) -------------------------------------------
  function importRows(body, v2) {
    bodyObj(body);
    const companyId = company(body.companyId);
    const task = taskOf(body.taskId, companyId);
    if (task.status === 6) throw fail(412, '任务已终止, 不能导入客户'); // CHOICE
    const rows = body.customerInfoList;
    if (!Array.isArray(rows) || rows.length === 0) throw fail(412, 'customerInfoList 不能为空');
    // src/vendors/byrobot/README.md: ≤10 000 rows a call (CHOICE: the deprecated v1 gets the same limit).
    if (rows.length > 10000) throw fail(412, '单次导入不能超过10000条');
    rows.forEach((r, i) => {
      if (!isObj(r) || !isStr(r.phone)) throw fail(412, `customerInfoList[${i}].phone 不能为空`);
      if (r.name !== undefined && r.name !== null && typeof r.name !== 'string') throw fail(412, `customerInfoList[${i}].name 须为字符串`);
      if (r.properties !== undefined && r.properties !== null && !isObj(r.properties)) throw fail(412, `customerInfoList[${i}].properties 须为 map`);
    });
    task.importCalls++;
    const vars = SCENE_VARIABLES[task.spec.sceneDefId] ?? [];
    // The task's phone set is kept across calls (built once), so an import of
    // 10 000 rows costs O(rows), not O(customers already in the task).
    const seen = (task.phones ??= new Set(task.customers.map((c) => c.phone)));
    let successNum = 0, repeatNum = 0, placeFailNum = 0;
    for (const r of rows) {
      // placeFailNum = 话术变量错误: a scene variable is missing from properties.
      if (vars.some((v) => r.properties?.[v] === undefined || r.properties?.[v] === null || r.properties?.[v] === '')) { placeFailNum++; continue; }
      // "duplicate phones in a task are dropped" (src/vendors/byrobot/README.md v2 importTaskCustomer).
      if (seen.has(r.phone)) { repeatNum++; st.ledger.noteImport(task.id, r.phone, { repeat: true }); continue; }
      seen.add(r.phone);
      task.customers.push({ callInstanceId: st.nextInstanceId++, phone: r.phone, name: r.name ?? null, properties: r.properties ?? {}, attempt: 0, dialed: false, removed: false, record: null });
      st.ledger.noteImport(task.id, r.phone);
      successNum++;
    }
    return ok(v2 ? { msg: `成功导入${successNum}条, 重复${repeatNum}条, 变量错误${placeFailNum}条`, successNum, repeatNum, placeFailNum } : null, '导入成功');
  }

  // ---- query handlers -------------------------------------------------------------
  function getTasks({ query }) {
    const companyId = company(query.companyId);
    let list = [...st.tasks.values()].filter((t) => t.companyId === companyId);
    if (query.needAll !== 'true') list = list.filter((t) => !t.deleted); // needAll=true includes deleted (src/vendors/byrobot/README.md)
    if (query.taskName) list = list.filter((t) => t.name.includes(query.taskName)); // CHOICE: substring
    if (query.createDate) {
      if (Number.isNaN(parseDateTime(query.createDate, { allowDateOnly: true })) || query.createDate.length !== 10) throw fail(412, 'createDate 格式须为 yyyy-MM-dd');
      list = list.filter((t) => fmtDate(t.createTime) === query.createDate);
    }
    if (query.status !== undefined && query.status !== '') {
      const s = paramInt(query.status, null, { min: 0, max: 10 });
      if (s === null || !TASK_STATUS.includes(s)) throw fail(412, 'status 取值错误');
      list = list.filter((t) => t.status === s);
    }
    list.sort((a, b) => b.id - a.id); // CHOICE: newest first
    const [pageNum, pageSize] = paging(query, 10, 100);
    return ok(pageInfo(list.map(taskView), pageNum, pageSize));
  }

  function getTaskDetail({ query }) {
    const companyId = company(query.companyId);
    const task = taskOf(query.taskId, companyId);
    const robot = ROBOTS[companyId].find((r) => r.robotDefId === task.spec.robotDefId);
    const done = liveCustomers(task).filter((c) => c.dialed);
    const bucket = (list, fn) => Object.entries(list.reduce((m, c) => { const k = fn(c); m[k] = (m[k] ?? 0) + 1; return m; }, {})).map(([name, value]) => ({ name, value }));
    return ok({
      ...taskView(task), robotDefId: task.spec.robotDefId, robotDefName: robot.robotName, sceneDefName: robot.robotName, sceneRecordName: robot.sceneRecords[0].sceneRecordName,
      concurrencyQuota: task.spec.concurrencyQuota, callType: task.spec.callType, userPhoneIds: task.spec.userPhoneIds,
      breakStartTime: task.spec.breakStartTime, breakEndTime: task.spec.breakEndTime,
      durationStat: bucket(done, (c) => (c.record.duration < 10 ? '<10s' : c.record.duration < 60 ? '10-59s' : '>=60s')),
      chatRoundStat: bucket(done, (c) => (c.record.chatRound < 10 ? '0-9次' : '10次以上')),
      resultDefs: [{ name: '客户意向等级', values: INTENT }],
      callPhones: callPhones(task),
      extraStat: { 客户意向等级: bucket(done.filter((c) => c.record.resultList.length), (c) => c.record.resultList[0].value) },
    });
  }

  function findInstance(id) {
    for (const task of st.tasks.values()) {
      const c = task.customers.find((x) => x.callInstanceId === id);
      if (c && !task.deleted) return [task, c];
    }
    return [];
  }

  function phoneLogInfo({ query }) {
    const id = asId(query.callInstanceId);
    if (id === null) throw fail(412, 'callInstanceId 不能为空');
    const [task, c] = findInstance(id);
    // CHOICE: an instance that has not been dialled yet has no call detail → 404.
    if (!task || !c.dialed) throw fail(404, `通话 ${id} 不存在`);
    const r = c.record;
    return ok({
      phoneLog: { phoneLogs: r.logs, luyinOssUrl: r.luyinOssUrl },
      sceneInstance: {
        ...instanceView(task, c), companyId: task.companyId, customerId: c.callInstanceId, duration: r.duration, chatRound: r.chatRound,
        startTime: r.startTime, endTime: r.endTime, callerPhone: r.callerPhone, luyinOssUrl: r.luyinOssUrl,
        userLuyinOssUrl: r.luyinOssUrl && r.luyinOssUrl.replace('.wav', '_user.wav'), properties: JSON.stringify(c.properties ?? {}),
        callType: task.spec.callType, readStatus: 0, jobName: task.name, robotDefId: task.spec.robotDefId, sceneDefId: task.spec.sceneDefId,
        sceneRecordId: task.spec.sceneRecordId, trackResult: null, hangUp: r.chatRound % 2, secondaryCallTime: null, secondaryCallTimes: 0,
        gmtCreate: fmtDateTime(task.createTime), gmtModified: r.endTime,
      },
      taskResult: r.resultList.map((x, i) => ({
        sceneInstanceResultId: c.callInstanceId * 10 + i, companyId: task.companyId, sceneInstanceId: c.callInstanceId,
        resultName: x.name, resultValue: x.value, resultDesc: null, analyzeType: 'BY_ANALYZE_USER_LEVEL', gmtCreate: r.endTime, gmtModified: r.endTime,
      })),
    }, '获取成功');
  }

  // src/vendors/byrobot/README.md: method UNVERIFIED — GET ?taskId= (demo/page) and POST {taskId,...} (doc) both work.
  function notDialed({ query, body }) {
    const src = isObj(body) ? { ...query, ...body } : query;
    const task = taskOf(src.taskId);
    const [pageNum, pageSize] = paging(src, 10, 50);
    const corpName = COMPANIES.find((x) => x.companyId === task.companyId).companyName;
    // CHOICE (contradiction: the examples page shows a bare list, the README says paged): PageInfo.
    const list = liveCustomers(task).filter((c) => !c.dialed).map((c) => ({
      callInstanceId: c.callInstanceId, customerTelephone: c.phone, customerName: c.name, status: 0, startTime: null, callerPhone: null,
      corpName, calledTimes: c.attempt,
    }));
    return ok(pageInfo(list, pageNum, pageSize));
  }

  function queryDone({ body }) {
    bodyObj(body);
    const task = taskOf(body.callJobId);
    const [pageNum, pageSize] = paging(body, 10, 50); // src/vendors/byrobot/README.md: default 10, range 1–50
    const range = (k) => { const v = body[k]; if (v === undefined || v === null) return null; const n = asInt(v, { min: 0 }); if (n === null) throw fail(412, `${k} 须为非负整数`); return n; };
    const dl = range('durationLeft'), dr = range('durationRight'), cl = range('chatRoundLeft'), cr = range('chatRoundRight');
    if (body.finishStatus !== undefined && body.finishStatus !== null && !FINISH_STATUS.includes(body.finishStatus)) throw fail(412, 'finishStatus 取值错误');
    if (body.resultQueryList !== undefined && !Array.isArray(body.resultQueryList)) throw fail(412, 'resultQueryList 须为列表');
    let done = liveCustomers(task).filter((c) => c.dialed);
    done = done.filter((c) => {
      const r = c.record;
      if (dl !== null && r.duration < dl) return false;
      if (dr !== null && r.duration > dr) return false;
      if (cl !== null && r.chatRound < cl) return false;
      if (cr !== null && r.chatRound > cr) return false;
      if (body.finishStatus !== undefined && body.finishStatus !== null && r.finishStatus !== body.finishStatus) return false;
      for (const q of body.resultQueryList ?? []) if (!r.resultList.some((x) => x.name === q?.name && x.value === q?.value)) return false;
      return true;
    });
    const list = done.map((c) => ({
      ...instanceView(task, c), duration: `${c.record.duration}秒`, chatRound: c.record.chatRound, startTime: c.record.startTime, endTime: c.record.endTime,
      callerPhone: c.record.callerPhone, luyinOssUrl: c.record.luyinOssUrl, secondaryCallTime: null, secondaryCallTimes: 0,
      gmtCreate: fmtDateTime(task.createTime), gmtModified: c.record.endTime, jobName: task.name, resultList: c.record.resultList,
    }));
    return ok(pageInfo(list, pageNum, pageSize));
  }

  // ---- blacklist (src/vendors/byrobot/README.md, bodies CHOICE: see README) --------------------------------
  const bl = () => st.blacklist;
  function groupOf(companyId, v, required = true) {
    if (v === undefined || v === null) { if (required) throw fail(412, 'groupId 不能为空'); return null; }
    const g = bl().groups.get(asId(v));
    if (!g || g.companyId !== companyId) throw fail(404, `黑名单分组 ${v} 不存在`);
    return g;
  }
  function addBlack(companyId, phone, groupId, remark) {
    if (!isStr(phone)) throw fail(412, 'phone 不能为空');
    if (bl().entries.some((e) => e.companyId === companyId && e.phone === phone && e.groupId === groupId)) return false;
    bl().entries.push({ blacklistId: bl().nextEntryId++, companyId, phone, groupId, remark: remark ?? null });
    return true;
  }

  const routes = [
    { method: 'GET', path: `${V1}company/getCompanys`, handler: () => ok(COMPANIES.filter((c) => bound.includes(c.companyId))) },
    { method: 'GET', path: `${V1}company/getPhones`, handler: ({ query }) => {
      const id = company(query.companyId);
      const used = (p) => [...st.tasks.values()].filter((t) => !t.deleted && t.status === 1 && t.companyId === id && t.spec.userPhoneIds.includes(p.userPhoneId)).reduce((s, t) => s + t.spec.concurrencyQuota, 0);
      return ok(PHONES[id].map((p) => ({ ...p, usedConcurrencyQuota: used(p) })));
    } },
    { method: 'GET', path: `${V1}company/getRobots`, handler: ({ query }) => {
      const id = company(query.companyId);
      const s = paramInt(query.robotStatus, 0, { min: 0, max: 2 });
      if (s === null) throw fail(412, 'robotStatus 须为 0/1/2');
      const list = ROBOTS[id].filter((r) => s === 0 || (s === 1 && r.online) || (s === 2 && r.published));
      return ok(list.map(({ online, published, ...r }) => r));
    } },
    { method: 'GET', path: `${V1}company/seat/statistics`, handler: ({ query }) => {
      const id = company(query.companyId);
      const using = [...st.tasks.values()].filter((t) => !t.deleted && t.status === 1 && t.companyId === id).reduce((s, t) => s + t.spec.concurrencyQuota, 0);
      return ok({ companyAllCallSeat: SEATS[id], companyUsingCallSeat: using });
    } },
    { method: 'GET', path: `${V1}sms/template/list`, handler: ({ query }) => {
      const id = company(query.companyId);
      const [pageNum, pageSize] = paging(query, 10, 100);
      let list = SMS_TEMPLATES[id];
      if (query.status !== undefined && query.status !== '') list = list.filter((t) => String(t.status) === query.status);
      // src/vendors/byrobot/README.md: this reply is {code, data, msg, success}, not ResultModel.
      return json(200, { code: 200, data: pageInfo(list, pageNum, pageSize), msg: '操作成功', success: true });
    } },
    { method: 'POST', path: `${V1}task/createTask`, handler: ({ body, now }) => {
      const spec = parseTask(body);
      const task = { id: st.nextTaskId++, companyId: spec.companyId, name: spec.taskName, spec, status: 0, createTime: now, customers: [], importCalls: 0, deleted: false, run: null };
      st.tasks.set(task.id, task);
      st.ledger.tasks.set(task.id, task);
      return ok(task.id); // data = the new task id (createTask reply example)
    } },
    { method: 'POST', path: `${V1}task/update`, handler: ({ body }) => {
      bodyObj(body);
      const companyId = company(body.companyId);
      const task = taskOf(body.taskId, companyId);
      if (task.status === 6) throw fail(412, '任务已终止, 不能修改'); // CHOICE
      const spec = parseTask(body, { update: true, previous: task.spec });
      // src/vendors/byrobot/README.md [B-idx]: seats can be changed only while the task is not running.
      if (task.status === 1 && spec.concurrencyQuota !== task.spec.concurrencyQuota) throw fail(412, '任务运行中不能修改坐席数, 请先暂停');
      task.spec = spec;
      task.name = spec.taskName;
      return ok(null);
    } },
    { method: 'POST', path: `${V1}task/delete`, handler: ({ body, now }) => {
      const task = taskOf(bodyObj(body).taskId);
      push(task, dialDue(task, now, stopDialing), now);
      task.deleted = true; // CHOICE: any state; kept for getTasks?needAll=true
      return ok(null, '删除成功');
    } },
    { method: 'POST', path: `${V1}task/start`, handler: lifecycle(start, '启动成功') },
    { method: 'POST', path: `${V1}task/pause`, handler: lifecycle(pause, '暂停成功') },
    { method: 'POST', path: `${V1}task/stop`, handler: lifecycle(stop, '停止成功') },
    { method: 'POST', path: `${V1}task/importTaskCustomer`, handler: ({ body }) => importRows(body, false) },
    { method: 'POST', path: '/openapi/v2/task/importTaskCustomer', handler: ({ body }) => importRows(body, true) },
    { method: 'GET', path: `${V1}task/getSceneVariables`, handler: ({ query }) => {
      const id = company(query.companyId);
      const scene = asId(query.sceneDefId);
      if (scene === null) throw fail(412, 'sceneDefId 不能为空');
      if (!ROBOTS[id].some((r) => r.sceneDefId === scene)) throw fail(404, `场景 ${scene} 不存在`);
      return ok(SCENE_VARIABLES[scene]); // CHOICE: a list of variable names
    } },
    { method: 'GET', path: `${V1}task/getTasks`, handler: getTasks },
    { method: 'GET', path: `${V1}task/getTaskDetail`, handler: getTaskDetail },
    { method: 'GET', path: `${V1}task/phoneLogInfo`, handler: phoneLogInfo },
    { method: ['GET', 'POST'], path: `${V1}task/notDialedCustomerList`, handler: notDialed },
    { method: 'POST', path: `${V1}task/queryDoneTaskPhones`, handler: queryDone },
    { method: 'GET', path: `${V1}callBack/queryUnCallBack`, handler: ({ query }) => {
      const companyId = company(query.companyId);
      const dt = paramInt(query.dataType, null, { min: 0, max: 1 });
      if (dt === null) throw fail(412, 'dataType 须为 0(外呼) 或 1(呼入)');
      for (const k of ['startDate', 'endDate']) {
        if (!query[k] || Number.isNaN(parseDateTime(query[k], { allowDateOnly: true }))) throw fail(412, `${k} 不能为空, 格式 yyyy-MM-dd[ HH:mm:ss]`);
      }
      const [pageNum, pageSize] = paging(query, 100, 500);
      const jobId = query.callJobId ? asId(query.callJobId) : null;
      if (query.callJobId && jobId === null) throw fail(412, 'callJobId 须为正整数');
      // CHOICE: the outbound call records whose callback has been attempted and
      // not acknowledged (still retrying or given up), by call start time, with
      // a date-only endDate covering its whole day; in event order. Inbound
      // (dataType 1) is never simulated, so it is always empty.
      const from = parseDateTime(query.startDate, { allowDateOnly: true });
      const to = parseDateTime(query.endDate, { allowDateOnly: true }) + (query.endDate.length === 10 ? 86400000 - 1 : 0);
      const list = dt === 1 ? [] : cb.failed('byrobot', 'CALL_INSTANCE_RESULT')
        .filter((e) => e.meta.companyId === companyId && (jobId === null || e.taskId === jobId))
        .filter((e) => { const at = parseDateTime(e.meta.callerTime); return at >= from && at <= to; })
        .map((e) => ({ customerTelephone: e.phone, callInstanceId: e.recordId, callJobId: e.taskId, callerTime: e.meta.callerTime }));
      return ok(pageInfo(list, pageNum, pageSize), '查询成功');
    } },
    { method: 'POST', path: `${V1}company/addBlackList`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      addBlack(id, body.phone, groupOf(id, body.groupId, false)?.groupId ?? null, body.remark);
      return ok(null);
    } },
    { method: 'POST', path: `${V1}company/addBlackList/batch`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      if (!Array.isArray(body.phones) || body.phones.length === 0) throw fail(412, 'phones 不能为空');
      const gid = groupOf(id, body.groupId, false)?.groupId ?? null;
      let n = 0;
      for (const p of body.phones) if (addBlack(id, p, gid, body.remark)) n++;
      return ok({ successNum: n, repeatNum: body.phones.length - n });
    } },
    { method: 'POST', path: `${V1}company/blacklist/group/add`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      if (!isStr(body.groupName)) throw fail(412, 'groupName 不能为空');
      const g = { groupId: bl().nextGroupId++, companyId: id, groupName: body.groupName };
      bl().groups.set(g.groupId, g);
      return ok(g.groupId);
    } },
    { method: 'POST', path: `${V1}company/blacklist/group/edit`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      const g = groupOf(id, body.groupId);
      if (!isStr(body.groupName)) throw fail(412, 'groupName 不能为空');
      g.groupName = body.groupName;
      return ok(null);
    } },
    { method: 'POST', path: `${V1}company/blacklist/group/delete`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      const g = groupOf(id, body.groupId);
      bl().groups.delete(g.groupId);
      bl().entries = bl().entries.filter((e) => e.groupId !== g.groupId);
      return ok(null);
    } },
    { method: 'POST', path: `${V1}company/blacklist/info/delete`, handler: ({ body }) => {
      const id = company(bodyObj(body).companyId);
      const before = bl().entries.length;
      bl().entries = bl().entries.filter((e) => !(e.companyId === id && (e.blacklistId === asId(body.blacklistId) || (isStr(body.phone) && e.phone === body.phone))));
      if (bl().entries.length === before) throw fail(404, '黑名单记录不存在');
      return ok(null);
    } },
    { method: 'GET', path: `${V1}company/blacklist/group/list`, handler: ({ query }) => {
      const id = company(query.companyId);
      return ok([...bl().groups.values()].filter((g) => g.companyId === id).map(({ companyId, ...g }) => g));
    } },
    { method: 'GET', path: `${V1}company/blacklist/info/page`, handler: ({ query }) => {
      const id = company(query.companyId);
      const [pageNum, pageSize] = paging(query, 10, 100);
      const list = bl().entries.filter((e) => e.companyId === id && (!query.phone || e.phone === query.phone) && (!query.groupId || e.groupId === asId(query.groupId)));
      return ok(pageInfo(list.map(({ companyId, ...e }) => e), pageNum, pageSize));
    } },
  ];

  return {
    name: 'byrobot',
    routes,
    authenticate,
    errorResponse,
    badBodyError: () => fail(412, '请求体不是合法的 JSON'),
    routeError: (status, msg) => json(status, envelope(status, null, msg)),
    codeOf: (out) => out.body?.code ?? null,
    refresh,
    busy,
    reset,
    ledger: () => st.ledger.snapshot((t) => ledgerTask(t, { companyId: t.companyId, status: t.status, lifecycle: t.deleted ? 'deleted' : LIFECYCLE[t.status] ?? String(t.status) })),
  };
}
