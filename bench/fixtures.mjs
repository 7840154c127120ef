// Credentials, a fixed clock, one createTask form per vendor, Tanyi customer rows and
// Itniotech task forms: the work of bench/run.mjs sections 2 and 3 and of bench/ab.mjs, whose
// A/B loads builds back to the vendor table's parent (these call shapes are accepted by all of
// them).
export const now = 1_557_747_252_783;
export const creds = {
  tanyi: { appKey: "demoAppKey", appSecret: "demoAppSecret", tenantSign: "demoTenant" },
  byrobot: { appKey: "demoAppKey", appSecret: "demoAppSecret" },
  itniotech: { apiKey: "demoApiKey", apiSecret: "demoApiSecret", appId: "demoAppId" },
  zxycall: { token: "demoToken" },
};
export const createParams = {
  tanyi: { concurrencyQuota: 2, jobPhoneNumberIdList: [348], robotCallJob: { name: "测试", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", inactiveTimeList: [{ startTime: "12:00", endTime: "13:00" }], dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 2 } },
  byrobot: { companyId: 1, taskName: "测试", taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0, workingStartTime: "09:00", workingEndTime: "20:00", breakStartTime: "12:00", breakEndTime: "13:00" },
  itniotech: { name: "测试", dialogFlowId: 8663, mode: "AUTO", startDateTime: "2026-12-01 09:00:00", endDateTime: "2027-02-07 10:00:00", dailyStartDateTime: "09:00", dailyEndDateTime: "20:00", robotCount: 2, jobPhoneNumberId: 2959, inactiveTimeList: [{ startTime: "12:00", endTime: "13:00" }], daysOfWeek: ["MONDAY", "FRIDAY"], redial: true, redialCondition: ["BUSY"], redialInterval: 30, redialTimes: 2 },
  zxycall: { caller_line_id: "37d73edf-4628-4cf1-8beb-758433fd0aab", destination_extension: 390, disable_dial_timegroup: "146979fe-3864-4817-ad76-13b37f43bb1c", maximumcall: 1, name: "测试", random_assignment_number: 0, recycle_limit: 0, _originate_timeout: 60, call_pause_second: 10, auto_recycle_rule_id: 1 },
};

/** `n` Tanyi customers, phones from 139·`first`: a few bad rows and duplicates of row 1. */
export function tanyiRows(n, first = 0) {
  return Array.from({ length: n }, (_, i) => {
    const row = { name: `客户${i}`, phoneNumber: `139${String(first + i).padStart(8, "0")}`, properties: { 金额: String(i % 1000), 日期: "2026年11月23日" } };
    if (i % 997 === 5) row.phoneNumber = "not a phone"; // a few bad rows
    if (i % 1009 === 7) row.phoneNumber = "139-0000-0001"; // and duplicates of row 1
    return row;
  });
}

/** `n` Itniotech createTask forms: a mix of clean ones and ones with issues. */
export function itniotechTaskForms(n) {
  return Array.from({ length: n }, (_, i) => ({
    name: `任务${i}`, dialogFlowId: 8663, mode: i % 2 ? "AUTO" : "MANUAL", startDateTime: i % 2 ? "2026-12-01 09:00:00" : undefined, endDateTime: "2027-02-07 10:00:00",
    dailyStartDateTime: i % 50 === 3 ? "08:00" : "09:00", dailyEndDateTime: "20:00", robotCount: 1 + (i % 5), jobPhoneNumberId: 2959,
    inactiveTimeList: [{ startTime: "12:00", endTime: "13:00" }, { startTime: i % 40 === 1 ? "12:30" : "17:00", endTime: "18:00" }],
    inactiveDateList: [{ startDate: "2027-01-01", endDate: "2027-01-03" }], daysOfWeek: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
    redial: i % 3 === 0, ...(i % 3 === 0 ? { redialCondition: ["BUSY", "NO_ANSWER"], redialInterval: 30, redialTimes: i % 60 === 0 ? 4 : 2 } : {}),
  }));
}
