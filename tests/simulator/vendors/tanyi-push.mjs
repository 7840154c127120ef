// Tanyi callback payloads, from the vendor's callback docs (src/vendors/tanyi/README.md §7; tanyi-callBack.md) (the vendor README
// §2 Callbacks). Each builder follows the page's example JSON key by key (same
// names, nesting, types and order), filled with the simulated call's data.
// Body: {dataType, data}; times 'yyyy-MM-dd HH:mm:ss' (UTC+8, as lib/time.mjs).

/** ROBOT_CALL_RECORD: "当一次通话完成后 … 发送本次通话详情". */
export function callRecordPayload(rec) {
  const answered = rec.resultStatus === 'ANSWERED';
  return {
    dataType: 'ROBOT_CALL_RECORD',
    data: {
      callRecordId: rec.callRecordId,
      tenantId: rec.tenantId,
      robotCallJobId: rec.robotCallJobId,
      dialogFlowId: rec.dialogFlowId,
      calledPhoneNumber: rec.calledPhoneNumber,
      resultStatus: rec.resultStatus,
      intentLevel: rec.intentLevel,
      // The table types customerConcern, attributes and properties as String;
      // the example sends arrays and an object. The example's shapes are used.
      // CHOICE: answered A/B calls show one concern, as the example's "价格".
      customerConcern: answered && ['A', 'B'].includes(rec.intentLevel) ? ['价格'] : [],
      fullAudioUrl: rec.fullAudioUrl,
      customerAudioUrl: rec.customerAudioUrl,
      // CHOICE: a short simulated basis for answered calls, null otherwise.
      analysisBasis: answered ? `意向等级 ${rec.intentLevel} (simulated)` : null,
      startTime: rec.startTime,
      endTime: rec.endTime,
      chatDuration: rec.chatDuration,
      chatRound: rec.chatRound,
      attributes: rec.attributes,
      properties: rec.properties,
      // Example order inside an item: text, type, callDetailId.
      callDetailList: rec.callDetailList.map((d) => ({ text: d.text, type: d.type, callDetailId: d.callDetailId })),
    },
  };
}

/** ROBOT_CALL_JOB: "当一次任务完成后"; status is always COMPLETED. */
export const jobPayload = (job, tenantId) => ({
  dataType: 'ROBOT_CALL_JOB',
  data: { robotCallJobId: job.id, tenantId, status: 'COMPLETED' },
});

// CHOICE: which calls send an SMS is not documented (it is the job's SMS
// setting in the CRM). The simulator sends one for every ANSWERED call whose
// intentLevel is A, with one simulated template.
export const wantsSms = (rec) => rec.resultStatus === 'ANSWERED' && rec.intentLevel === 'A';
export const SIM_SMS = { smsTemplateId: 9001, smsTemplateName: '意向客户回访 (simulated)', smsSignatureId: 901, smsSignatureName: '探意模拟', text: '${姓名} 您好，感谢您接听我们的电话' };

/** ROBOT_CALL_SMS: "发送本次需要发送的短信信息". robotCallRobotId (sic) is the job. */
export function smsPayload({ tenant, job, customer, rec }) {
  const name = customer.name ?? '';
  const varMap = { 姓名: name, 联系电话: customer.phone };
  return {
    dataType: 'ROBOT_CALL_SMS',
    data: {
      tenantId: tenant.tenantId,
      companyName: tenant.tenantName,
      // CHOICE: the simulator has no customer-person ids; the to-be-called task id stands in.
      customerPersonId: customer.taskId,
      customerPersonName: customer.name ?? null,
      phoneNumber: customer.phone,
      callRecordId: rec.callRecordId,
      robotCallRobotId: job.id,
      robotCallRobotName: job.name,
      msgList: [{
        smsTemplateId: job.spec.smsTemplateId ?? SIM_SMS.smsTemplateId,
        text: SIM_SMS.text,
        type: 'NOTICE',
        smsSignatureId: SIM_SMS.smsSignatureId,
        smsSignatureName: SIM_SMS.smsSignatureName,
        smsTemplateName: SIM_SMS.smsTemplateName,
        msg: `【${SIM_SMS.smsSignatureName}】${SIM_SMS.text.replace('${姓名}', name)}`,
        varMap,
      }],
    },
  };
}
