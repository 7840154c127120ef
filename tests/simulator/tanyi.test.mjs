// Tanyi job API pinned to src/vendors/tanyi/README.md [T-page] and src/vendors/tanyi/README.md.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSim, vendorClient, control } from './support/client.mjs';

let sim, clock, api, ctl;
before(async () => {
  ({ sim, clock } = await startTestSim());
  api = vendorClient(sim, clock, 'tanyi');
  ctl = control(sim);
});
after(() => sim.close());
beforeEach(async () => { await ctl.reset(); clock.now = 1705284000000; /* 2024-01-15 10:00 +08 */ });

const J = '/apiOpen/v1/job/';
// The page's create example, with its documented fixes: valid JSON and dailyEndTime ≤ 20:00.
const example = () => ({
  concurrencyQuota: 2,
  jobPhoneNumberIdList: [348, 369],
  robotCallJob: {
    alertUsers: [], dailyEndTime: '20:00', dailyStartTime: '09:00', description: 'gthjoitjdjfdk', dialogFlowId: 2,
    earlyWarningAlertUsers: [], inactiveTimeList: [{ startTime: '12:00', endTime: '13:00' }], mode: 'AUTO', name: '测试名称3333',
    phoneType: 'LANDLINE', robotCount: 10, smsAlertLevel: ['A'], smsTemplateId: 1, startTime: '2017-11-21 04:32:00', tenantId: 1,
    wechatAlertLevel: [], wechatSendMethod: 'SENDTOALL', wechatAlertLevelCode: [], smsAlertLevelCode: [], wechatConditionAlertLevelCode: [],
  },
});
const withJob = (patch) => { const b = example(); Object.assign(b.robotCallJob, patch); return b; };
async function createJob(patch = {}) {
  const r = await api.post(`${J}create`, withJob({ name: `job-${Math.random()}`, ...patch }));
  assert.equal(r.json.code, 200, r.text);
  return r.json.data.robotCallJobId;
}
const code = async (p) => (await p).json.code;

test('envelope: HTTP 200, {code,data,requestId,resultMsg,errorStackTrace}, requestId 8 capitals', async () => {
  const r = await api.get('/apiOpen/v1/tenant/getTenant');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['code', 'data', 'errorStackTrace', 'requestId', 'resultMsg']);
  assert.match(r.json.requestId, /^[A-Z]{8}$/);
  assert.equal(r.json.errorStackTrace, null);
  assert.deepEqual(Object.keys(r.json.data).sort(), ['tenantId', 'tenantName']);
});

test('lookups: phones, dialog flows, policy groups, related info', async () => {
  const phones = (await api.get('/apiOpen/v1/phone/getPhoneList')).json.data;
  assert.ok(phones.some((p) => p.tenantPhoneNumberId === 348 && p.phoneType === 'LANDLINE'));
  for (const p of phones) for (const k of ['tenantPhoneNumberId', 'phoneNumber', 'phoneType']) assert.ok(k in p);
  const flows = (await api.get('/apiOpen/v1/dialogFlow/getDialogFlowList')).json.data;
  for (const f of flows) assert.deepEqual(Object.keys(f).sort(), ['dialogFlowId', 'industry', 'intentLevelTagId', 'name', 'status', 'subIndustry']);
  assert.ok(flows.every((f) => ['DRAFT', 'PENDING_APPROVAL', 'REJECTED', 'APPROVED'].includes(f.status)));
  assert.equal((await api.get('/apiOpen/v1/policyGroup/getIdAndNamePairList')).json.data[0].callPolicyGroupId, 7001);
  assert.equal((await api.get('/apiOpen/v1/policyGroup/list')).json.code, 200);
  const info = (await api.get('/apiOpen/v1/dialogFlow/getDialogFlowCallJobRelatedInfo', { dialogFlowId: 141 })).json.data;
  assert.equal(info.needTransferPhoneNumber, true);
  assert.equal(await code(api.get('/apiOpen/v1/dialogFlow/getDialogFlowCallJobRelatedInfo', { dialogFlowId: 9 })), 404);
});

test('job/create: the page example (fixed) succeeds and returns data.robotCallJobId', async () => {
  const r = await api.post(`${J}create`, example());
  assert.equal(r.json.code, 200);
  assert.equal(typeof r.json.data.robotCallJobId, 'number');
  const led = await ctl.ledger();
  assert.equal(led.tanyi.tasks[r.json.data.robotCallJobId].status, 'NOT_STARTED');
});

test('job/create: rules of the parameter table and the vendor README additions give 412/404', async () => {
  const cases = [
    [{ dailyEndTime: '21:00' }, 412], // the page's own example value (contradiction #1)
    [{ dailyStartTime: '08:59' }, 412],
    [{ dailyStartTime: '15:00', dailyEndTime: '14:00' }, 412],
    [{ dailyStartTime: '9am' }, 412],
    [{ inactiveTimeList: [1, 2, 3, 4].map((h) => ({ startTime: `1${h}:00`, endTime: `1${h}:30` })) }, 412],
    [{ inactiveTimeList: [{ startTime: '13:00', endTime: '12:00' }] }, 412],
    [{ mode: 'AUTO', startTime: undefined }, 412],
    [{ mode: 'SOMETIMES' }, 412],
    [{ name: '' }, 412],
    [{ phoneType: 'SATELLITE' }, 412],
    [{ robotCount: undefined }, 412],
    [{ dialogFlowId: 150 }, 412], // DRAFT script
    [{ dialogFlowId: 9999 }, 404],
    [{ phoneType: 'MOBILE' }, 412], // 348/369 are landlines
    [{ dialogFlowId: 141 }, 412], // needs transferPhoneNumber / csStaffGroupId
    [{ redialTimes: 3 }, 412], // redial fields come as a set
    [{ redialCondition: ['BUSY'], redialInterval: 5, redialTimes: 3 }, 412],
    [{ redialCondition: ['BUSY'], redialInterval: 6, redialTimes: 11 }, 412],
    [{ redialCondition: ['WEATHER'], redialInterval: 6, redialTimes: 1 }, 412],
    [{ wechatSendMethod: 'SENDTOSOME' }, 412],
    [{ smsAlertLevel: ['G'] }, 412],
  ];
  for (const [patch, expected] of cases) {
    assert.equal(await code(api.post(`${J}create`, withJob(patch))), expected, JSON.stringify(patch));
  }
  const ok = [
    { mode: 'MANUAL', startTime: undefined },
    { startTime: '2017-11-21' }, // table form of startTime
    { redialCondition: ['BUSY', 'NO_ANSWER'], redialInterval: 6, redialTimes: 10 },
    { dialogFlowId: 141, transferPhoneNumber: ['13800001111'], csStaffGroupId: 5 },
  ];
  for (const patch of ok) assert.equal(await code(api.post(`${J}create`, withJob(patch))), 200, JSON.stringify(patch));
  const led = await ctl.ledger();
  assert.equal(Object.keys(led.tanyi.tasks).length, ok.length, 'refused creates leave no task');
});

test('job/create: concurrencyQuota optional only for MOBILE; CALL_POLICY_GROUP takes one group id', async () => {
  const mobile = withJob({ phoneType: 'MOBILE' });
  mobile.jobPhoneNumberIdList = [401, 402];
  delete mobile.concurrencyQuota;
  assert.equal(await code(api.post(`${J}create`, mobile)), 200);
  const land = example();
  delete land.concurrencyQuota;
  assert.equal(await code(api.post(`${J}create`, land)), 412);
  const group = withJob({ phoneType: 'CALL_POLICY_GROUP' });
  group.jobPhoneNumberIdList = [7001];
  assert.equal(await code(api.post(`${J}create`, group)), 200);
  group.jobPhoneNumberIdList = [7001, 7002];
  assert.equal(await code(api.post(`${J}create`, group)), 412);
});

test('job/modify is PATCH (POST → 405) and takes robotCallJobId inside robotCallJob', async () => {
  const id = await createJob();
  const body = withJob({ robotCallJobId: id, name: '改名后' });
  const wrong = await api.post(`${J}modify`, body);
  assert.equal(wrong.status, 405);
  const r = await api.patch(`${J}modify`, body);
  assert.equal(r.json.code, 200);
  const d = await api.get(`${J}getJobDetail`, { robotCallJobId: id });
  assert.equal(d.json.data.robotCallJob.name, '改名后');
  for (const k of ['robotCallJob', 'jobPhoneNumberList', 'policyGroupPhoneNumberList', 'transferPhoneNumber', 'completedTask', 'taskCallTotal']) assert.ok(k in d.json.data, k);
  assert.equal(await code(api.patch(`${J}modify`, withJob({ robotCallJobId: 424242 }))), 404);
  assert.equal(await code(api.patch(`${J}modify`, withJob({ robotCallJobId: id, dailyEndTime: '21:00' }))), 412);
});

test('importCustomer: ≤100 rows (101 → 412, nothing applied), phoneNumber required, name optional, no de-dup', async () => {
  const id = await createJob();
  const rows = (n) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, phoneNumber: `1380000${String(i).padStart(4, '0')}` }));
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: rows(101) })), 412);
  let led = await ctl.ledger();
  assert.equal(led.tanyi.tasks[id].customers.length, 0);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ name: 'x' }] })), 412);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [] })), 412);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ phoneNumber: '1', properties: { a: 1 } }] })), 412);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: 999999, customerPersons: rows(1) })), 404);
  // the page's example row, with properties
  const ex = { robotCallJobId: id, customerPersons: [{ name: 'test', phoneNumber: '11111111111', properties: { 欠款金额: '10.13', 最后还款日期: '2018年10月3日' } }] };
  assert.equal(await code(api.post(`${J}importCustomer`, ex)), 200);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: String(id), customerPersons: rows(100) })), 200);
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ phoneNumber: '11111111111' }] })), 200);
  led = await ctl.ledger();
  const t = led.tanyi.tasks[id];
  assert.equal(t.customers.length, 102);
  assert.equal(t.importCalls, 3);
  assert.equal(led.tanyi.imports[id]['11111111111'], 2);
  assert.deepEqual(t.customers[0], { phone: '11111111111', name: 'test', properties: { 欠款金额: '10.13', 最后还款日期: '2018年10月3日' } });
});

test('lifecycle: start/pause/resume/stop/delete and refused transitions', async () => {
  const id = await createJob();
  const op = (name) => code(api.post(`${J}${name}`, { robotCallJobId: id }));
  const status = async () => (await api.get(`${J}getJobDetail`, { robotCallJobId: id })).json.data.robotCallJob.status;
  assert.equal(await op('pause'), 412); // NOT_STARTED cannot pause
  assert.equal(await op('start'), 200);
  assert.equal(await status(), 'IN_PROCESS');
  assert.equal(await op('start'), 412);
  assert.equal(await op('pause'), 200);
  assert.equal(await status(), 'USER_PAUSE');
  assert.equal(await op('pause'), 412);
  assert.equal(await op('start'), 200); // resume
  assert.equal(await op('stop'), 200);
  assert.equal(await status(), 'TERMINATE');
  assert.equal(await op('stop'), 412);
  assert.equal(await op('start'), 412); // terminate is final
  assert.equal(await code(api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ phoneNumber: '1' }] })), 412);
  assert.equal(await op('delete'), 200);
  assert.equal(await op('delete'), 404);
  assert.equal(await op('start'), 404);
  const led = await ctl.ledger();
  assert.equal(led.tanyi.tasks[id].lifecycle, 'deleted');
  assert.equal(await code(api.post(`${J}start`, {})), 412);
});

test('updateAiCount: robotCount ≥ 1', async () => {
  const id = await createJob();
  assert.equal(await code(api.post(`${J}updateAiCount`, { robotCallJobId: id, robotCount: 0 })), 412);
  assert.equal(await code(api.post(`${J}updateAiCount`, { robotCallJobId: id, robotCount: 3 })), 200);
  assert.equal((await api.get(`${J}getJobDetail`, { robotCallJobId: id })).json.data.robotCallJob.robotCount, 3);
});

test('getJobs paging: number/pageSize/totalElements/pages/content, pageSize ≤ 100, filters', async () => {
  for (let i = 0; i < 25; i++) await createJob({ name: `page-${String(i).padStart(2, '0')}` });
  let d = (await api.get(`${J}getJobs`)).json.data;
  assert.deepEqual(Object.keys(d).sort(), ['content', 'number', 'pageSize', 'pages', 'totalElements']);
  assert.equal(d.pageSize, 20); // default
  assert.equal(d.content.length, 20);
  d = (await api.get(`${J}getJobs`, { pageNum: 3, pageSize: 10 })).json.data;
  assert.deepEqual([d.number, d.pageSize, d.totalElements, d.pages, d.content.length], [3, 10, 25, 3, 5]);
  for (const k of ['robotCallJobId', 'name', 'status', 'completedTask', 'taskCallTotal', 'createTime']) assert.ok(k in d.content[0], k);
  assert.equal(await code(api.get(`${J}getJobs`, { pageSize: 101 })), 412);
  assert.equal(await code(api.get(`${J}getJobs`, { pageNum: 0 })), 412);
  assert.equal((await api.get(`${J}getJobs`, { name: 'page-1' })).json.data.totalElements, 10);
  assert.equal((await api.get(`${J}getJobs`, { status: 'IN_PROCESS' })).json.data.totalElements, 0);
  assert.equal(await code(api.get(`${J}getJobs`, { status: 'RUNNING' })), 412);
});

test('dialling: records, to-be-called list, call detail, completion, determinism', async () => {
  const id = await createJob();
  const persons = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, phoneNumber: `1370000000${i}` }));
  await api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: persons });
  let recs = await api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id });
  assert.equal(recs.json.data.totalElements, 0, 'nothing dialled before start');
  await api.post(`${J}start`, { robotCallJobId: id });
  clock.now += 2500; // dialMs 1000: one at start, one at +1 s, one at +2 s
  recs = await api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id });
  assert.equal(recs.json.data.totalElements, 3);
  const first = recs.json.data.content[0];
  for (const k of ['callRecordId', 'robotCallJobId', 'calledPhoneNumber', 'resultStatus', 'intentLevel', 'startTime', 'chatDuration']) assert.ok(k in first, k);
  const tbc = await api.get('/apiOpen/v1/callRecord/toBeCalledList', { robotCallJobId: id });
  assert.deepEqual(tbc.json.data.content.map((c) => c.calledPhoneNumber), ['13700000003', '13700000004']);
  const detail = await api.get('/apiOpen/v1/callRecord/callDetail', { callRecordId: first.callRecordId });
  assert.equal(detail.json.data.callRecord.callRecordId, first.callRecordId);
  assert.ok(Array.isArray(detail.json.data.callDetailList));
  assert.equal(await code(api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', {})), 412);
  assert.equal(await code(api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id, pageSize: 101 })), 412);
  const answered = (await api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id, resultStatuses: ['ANSWERED'] })).json.data.content;
  assert.ok(answered.every((r) => r.resultStatus === 'ANSWERED'));
  clock.now += 10_000;
  const stats = (await api.get(`${J}getJobStats`, { robotCallJobId: id })).json.data;
  assert.equal(stats.completedTask, 5);
  assert.equal((await api.get(`${J}getJobDetail`, { robotCallJobId: id })).json.data.robotCallJob.status, 'COMPLETED');
  const outcomes = (await api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id })).json.data.content.map((r) => r.resultStatus);
  // same seed, same inputs → same outcomes after a reset
  await ctl.reset();
  const id2 = await createJob();
  assert.equal(id2, id, 'ids restart after reset');
  await api.post(`${J}importCustomer`, { robotCallJobId: id2, customerPersons: persons });
  await api.post(`${J}start`, { robotCallJobId: id2 });
  clock.now += 10_000;
  const again = (await api.post('/apiOpen/v1/callRecord/getCallRecordInfoList', { robotCallJobId: id2 })).json.data.content.map((r) => r.resultStatus);
  assert.deepEqual(again, outcomes);
});

test('to-be-called deletion, properties, stats list, bulk operations', async () => {
  const id = await createJob();
  await api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ phoneNumber: '1' }, { phoneNumber: '2' }, { phoneNumber: '3' }] });
  const tbc = (await api.get('/apiOpen/v1/callRecord/toBeCalledList', { robotCallJobId: id })).json.data.content;
  assert.equal(await code(api.post('/apiOpen/v1/callRecord/deleteRobotCallTask', { robotCallTaskId: tbc[0].robotCallTaskId })), 200);
  assert.equal(await code(api.post('/apiOpen/v1/callRecord/deleteRobotCallTask', { robotCallTaskId: tbc[0].robotCallTaskId })), 404);
  const r = await api.get('/apiOpen/v1/callRecord/deleteRobotCallTaskList', { robotCallJobId: id, calledPhoneNumber: '2' });
  assert.equal(r.json.data.count, 1);
  const led = await ctl.ledger();
  assert.deepEqual(led.tanyi.tasks[id].customers.map((c) => c.phone), ['3']);
  assert.deepEqual((await api.get(`${J}getJobProperties`, { robotCallJobId: id })).json.data, ['欠款金额', '最后还款日期']);
  assert.equal((await api.post(`${J}getJobStatsInfoList`, { robotCallJobIds: [id] })).json.data[0].taskCallTotal, 1);
  // a one-customer job is dialled at once on start and completes, so queue more first
  await api.post(`${J}importCustomer`, { robotCallJobId: id, customerPersons: [{ phoneNumber: '4' }, { phoneNumber: '5' }] });
  const bulk = (await api.post(`${J}executeJobs`, { robotCallJobIds: [id], operation: 'START' })).json.data;
  assert.deepEqual(bulk.successJobIds, [id]);
  assert.equal(await code(api.post(`${J}executeJobs`, { robotCallJobIds: [id], operation: 'JUMP' })), 412);
  assert.deepEqual((await api.post(`${J}checkAll`, { operation: 'PAUSE' })).json.data.successJobIds, [id]);
});

test('unknown path → HTTP 404 in the envelope; broken JSON body → 412', async () => {
  const r = await api.post('/apiOpen/v1/job/explode', {});
  assert.equal(r.status, 404);
  assert.equal(r.json.code, 404);
  assert.equal(await code(api.post(`${J}create`, '{"name":')), 412);
});
