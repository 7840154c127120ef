// BYRobot callback payloads, from the vendor's callback docs (src/vendors/byrobot/README.md §7; byrobot-CallBack.md) and
// the full example byrobot-newCallBack.json (src/vendors/byrobot/README.md §7) (the current
// {code, data:{dataType, data}} shape; src/vendors/byrobot/README.md Callbacks). Key names, nesting
// and order follow newCallBack.json (a superset of the CallBack.md example: it
// adds corpName, bugType, csStaffId, extra and analyzeType). Values agree with
// what task/phoneLogInfo answers for the same call.
import { fmtDateTime } from '../lib/time.mjs';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
/**
 * `dateTime` ("GMT格式日期"): the CALL_INSTANCE_RESULT examples print Java's
 * Date#toString in GMT, "Thu Oct 16 07:13:48 GMT 2014"; the inbound example
 * prints RFC 1123, "Thu, 24 Jan 2019 07:28:09 GMT". CHOICE: the outbound
 * examples' form, since only outbound calls are simulated.
 */
export function javaGmt(ms) {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT ${d.getUTCFullYear()}`;
}

/**
 * resultValueNew: "客户意向等级的表述（文案与crm对应）". The docs show A级(有明确意向)
 * (callBackOld.json, the vendor README smsSendLevel), B级(可能有意向) (inbound example) and
 * C级(明确拒绝) (newCallBack.json). CHOICE: for D the CRM wording is not
 * documented, so resultValueNew repeats resultValue.
 */
const CRM_WORDING = { A: 'A级(有明确意向)', B: 'B级(可能有意向)', C: 'C级(明确拒绝)' };

// CHOICE: cost (通话费用, 分) = 10 分 per started minute of an answered call, 0 otherwise.
export const costOf = (duration) => (duration > 0 ? Math.ceil(duration / 60) * 10 : 0);

const envelope = (dataType, data, resultMsg) => ({ code: 200, data: { dataType, data }, resultMsg, errorStackTrace: null });

/** CALL_INSTANCE_RESULT for one dialled call instance. */
export function callInstancePayload({ task, customer: c, robot, jobFinished, now }) {
  const r = c.record;
  const intent = r.resultList.find((x) => x.name === '客户意向等级')?.value ?? null;
  const gmtCreate = fmtDateTime(task.createTime);
  const sceneInstance = {
    callInstanceId: c.callInstanceId,
    companyId: task.companyId,
    callUserId: 1, // CHOICE: the key's (simulated) user
    callJobId: task.id,
    customerId: c.callInstanceId, // as phoneLogInfo
    customerTelephone: c.phone,
    customerName: c.name,
    status: 2, // call-instance status 2 已完成 (src/vendors/byrobot/README.md enums)
    finishStatus: r.finishStatus,
    duration: r.duration,
    chatRound: r.chatRound,
    startTime: r.startTime,
    endTime: r.endTime,
    callerPhone: r.callerPhone,
    luyinOssUrl: r.luyinOssUrl,
    userLuyinOssUrl: r.luyinOssUrl && r.luyinOssUrl.replace('.wav', '_user.wav'),
    // "通话记录携带的参数(json字符串)": the customer's properties, as a JSON string.
    properties: JSON.stringify(c.properties ?? {}),
    handlePerson: robot.robotName, // 话术名
    callType: task.spec.callType,
    callIndex: c.attempt,
    readStatus: 0,
    jobName: task.name,
    robotDefId: task.spec.robotDefId,
    sceneDefId: task.spec.sceneDefId,
    sceneRecordId: task.spec.sceneRecordId,
    // The example's corpName is a JSON string of call metadata; CHOICE: only calledTimes.
    corpName: JSON.stringify({ calledTimes: c.attempt + 1 }),
    industry: `${c.callInstanceId}_${task.companyId}_1`, // the example's "<instance>_<company>_1"
    trackResult: intent, // the examples carry the intent text here
    bugType: null,
    hangUp: r.chatRound % 2, // as phoneLogInfo; 0 AI, 1 用户
    secondaryCallTime: null,
    secondaryCallTimes: 0,
    cost: costOf(r.duration),
    callbacked: 0, // 0 未回调: the body is fixed at the first push and resent as is
    csStaffId: null,
    gmtCreate,
    gmtModified: r.endTime,
  };
  const taskResult = r.resultList.map((x, i) => {
    const alias = x.name === '客户意向等级' ? x.value[0] : '';
    return {
      sceneInstanceResultId: c.callInstanceId * 10 + i, // as phoneLogInfo
      companyId: task.companyId,
      callJobId: task.id,
      sceneInstanceId: c.callInstanceId,
      resultName: x.name,
      resultValue: x.value,
      artificialResultValue: x.value,
      artificialChanged: null,
      resultDesc: null,
      extra: null,
      analyzeType: 'DYNAMIC_ANALYZE_USER_LEVEL', // the callback examples' value
      gmtCreate: r.endTime,
      gmtModified: r.endTime,
      resultValueAlias: alias, // A–F for 客户意向等级
      resultLabels: null,
      resultValueNew: CRM_WORDING[alias] ?? x.value,
    };
  });
  const phoneLogs = r.logs.map((l, i) => ({
    sceneInstanceLogId: l.sceneInstanceLogId,
    sceneInstanceId: c.callInstanceId,
    companyId: task.companyId,
    robotDefId: task.spec.robotDefId,
    decisionId: 10000 + Math.floor(i / 2), // CHOICE: one script node per AI/ME exchange
    speaker: l.speaker, // AI / ME (src/vendors/byrobot/README.md)
    content: l.content,
    userMean: l.userMean,
    userMeanDetail: l.userMeanDetail,
    aiUnknown: l.aiUnknown,
    answerStatus: l.speaker === 'ME' ? 0 : null, // 0 分支
    studyStatus: null,
    startTime: l.startTime,
    endTime: l.endTime,
    gmtCreate: l.gmtCreate,
    gmtModified: l.gmtModified,
    knowledgeBaseId: null,
    correctionContent: null,
  }));
  return envelope('CALL_INSTANCE_RESULT', {
    sceneInstance,
    taskResult,
    phoneLog: { phoneLogs, luyinOssUrl: r.luyinOssUrl },
    jobFinished,
    // Callback signing is "需联系开通" and its algorithm UNVERIFIED (src/vendors/byrobot/README.md): CHOICE: sign null.
    sign: null,
    dateTime: javaGmt(now),
  }, '成功');
}

/**
 * JOB_INFO_RESULT ("任务状态回调": 手动暂停, 自动暂停, 线路欠费, 短信欠费, 任务完成).
 * The page's example has a trailing comma (not valid JSON); its keys are used.
 * `status` is typed String in the table but printed as the number 2; the
 * number (the task status enum) is sent. breakStartTime/breakEndTime are typed
 * int but null in the example; the task's HH:mm:ss strings (or null) are sent.
 */
export function jobInfoPayload(task) {
  const s = task.spec;
  const hms = (v) => (v && v.length === 5 ? `${v}:00` : v ?? null);
  return envelope('JOB_INFO_RESULT', {
    callJobId: task.id,
    companyId: task.companyId,
    jobName: task.name,
    jobType: s.taskType,
    startDate: s.startDate,
    endDate: s.endDate ?? null,
    workingStartTime: hms(s.workingStartTime),
    workingEndTime: hms(s.workingEndTime),
    breakStartTime: hms(s.breakStartTime),
    breakEndTime: hms(s.breakEndTime),
    status: task.status,
    callType: s.callType,
    robotDefId: s.robotDefId,
    sceneDefId: s.sceneDefId,
    sceneRecordId: s.sceneRecordId,
    remark: s.remark ?? '',
    smsType: s.smsType,
    smsCondition: s.smsSendLevel === null || s.smsSendLevel === undefined ? null : JSON.stringify({ smsSendLevel: s.smsSendLevel }),
    smsTemplateId: s.smsTemplateId,
    userId: 1, // CHOICE: the key's (simulated) user, as callUserId
    userName: 'openapi (simulated)',
  }, '执行成功');
}
