// BYRobot API pinned to src/vendors/byrobot/README.md [B-page], [B-ex] and the rest of that README.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSim, vendorClient, control, people, T0 } from './support/client.mjs';

let sim, clock, api, ctl;
before(async () => {
  ({ sim, clock } = await startTestSim());
  api = vendorClient(sim, clock, 'byrobot');
  ctl = control(sim);
});
after(() => sim.close());
beforeEach(async () => { await ctl.reset(); clock.now = T0; });

const T = '/openapi/v1/task/';
const code = async (p) => (await p).json.code;
// src/vendors/byrobot/README.md current required set: companyId, taskName, taskType, userPhoneIds, robotDefId, callType.
const minimal = (patch = {}) => ({ companyId: 1, taskName: '测试任务', taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0, ...patch });
async function createTask(patch) {
  const r = await api.post(`${T}createTask`, minimal(patch));
  assert.equal(r.json.code, 200, r.text);
  return r.json.data;
}
const importV2 = (taskId, customerInfoList, companyId = 1) => api.post('/openapi/v2/task/importTaskCustomer', { companyId, taskId, customerInfoList });

test('ResultModel envelope and company lookups', async () => {
  const r = await api.get('/openapi/v1/company/getCompanys');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['code', 'data', 'errorStackTrace', 'requestId', 'resultMsg']);
  assert.deepEqual(r.json.data.map((c) => c.companyId), [1, 2]);
  const phones = (await api.get('/openapi/v1/company/getPhones', { companyId: 1 })).json.data;
  for (const k of ['userPhoneId', 'phone', 'phoneType', 'useAvailable', 'totalConcurrencyQuota', 'usedConcurrencyQuota', 'validityBegin', 'validityEnd']) assert.ok(k in phones[0], k);
  assert.equal((await api.get('/openapi/v1/company/getRobots', { companyId: 1 })).json.data.length, 3);
  assert.equal((await api.get('/openapi/v1/company/getRobots', { companyId: 1, robotStatus: 2 })).json.data.length, 2);
  const robot = (await api.get('/openapi/v1/company/getRobots', { companyId: 1 })).json.data[0];
  assert.deepEqual(Object.keys(robot).sort(), ['robotDefId', 'robotName', 'sceneDefId', 'sceneRecords']);
  assert.equal(await code(api.get('/openapi/v1/company/getRobots', { companyId: 1, robotStatus: 3 })), 412);
  const seats = (await api.get('/openapi/v1/company/seat/statistics', { companyId: 1 })).json.data;
  assert.deepEqual(Object.keys(seats).sort(), ['companyAllCallSeat', 'companyUsingCallSeat']);
  assert.deepEqual((await api.get(`${T}getSceneVariables`, { companyId: 1, sceneDefId: 30 })).json.data, ['欠款金额']);
  assert.equal(await code(api.get('/openapi/v1/company/getPhones', {})), 412);
  assert.equal(await code(api.get('/openapi/v1/company/getPhones', { companyId: 3 })), 403);
});

test('sms/template/list replies {code,data,msg,success} (src/vendors/byrobot/README.md)', async () => {
  const r = await api.get('/openapi/v1/sms/template/list', { companyId: 1, pageNum: 1, pageSize: 10 });
  assert.deepEqual(Object.keys(r.json).sort(), ['code', 'data', 'msg', 'success']);
  assert.equal(r.json.success, true);
  assert.equal(r.json.data.total, 2);
});

test('createTask: page example and the current minimal set; data is the task id', async () => {
  // The page's example (with its duplicate concurrencyQuota collapsed).
  const example = { companyId: 1, taskName: '测试任务', taskType: 2, startDate: '2017-10-19', workingStartTime: '08:00', workingEndTime: '22:00', breakStartTime: '12:00', breakEndTime: '13:00', userPhoneIds: [1], callType: 0, concurrencyQuota: 1, robotDefId: 1, sceneDefId: 1, sceneRecordId: 7, smsType: 1, remark: '创建任务' };
  const r = await api.post(`${T}createTask`, example);
  assert.equal(r.json.code, 200);
  assert.equal(typeof r.json.data, 'number');
  assert.equal(await code(api.post(`${T}createTask`, minimal())), 200);
  // the examples page's Java sample: no startDate, no callType given … callType is required now
  assert.equal(await code(api.post(`${T}createTask`, { companyId: 1, taskName: 'x', taskType: 2, userPhoneIds: [13], robotDefId: 11, sceneDefId: 29, sceneRecordId: 21 })), 412);
  assert.equal(await code(api.post(`${T}createTask`, { companyId: 1, taskName: 'x', taskType: 2, userPhoneIds: [13], robotDefId: 11, callType: 1 })), 200);
});

test('createTask: validation codes', async () => {
  const cases = [
    [{ companyId: undefined }, 412], [{ companyId: 7 }, 403], [{ taskName: '' }, 412], [{ taskType: 3 }, 412],
    [{ taskType: 1 }, 412], // 定时 needs startDate
    [{ taskType: 1, startDate: '2024/01/20' }, 412],
    [{ userPhoneIds: [] }, 412], [{ userPhoneIds: 1 }, 412], [{ userPhoneIds: [21] }, 412], // line of another company
    [{ callType: 1 }, 412], // line 1 is a SIM (phoneType 0)
    [{ callType: 5 }, 412], [{ callType: undefined }, 412],
    [{ robotDefId: undefined }, 412], [{ robotDefId: 21 }, 412],
    [{ concurrencyQuota: 0 }, 412],
    [{ workingStartTime: '18:00', workingEndTime: '09:00' }, 412],
    [{ breakStartTime: '12:00' }, 412],
    [{ repeatCall: true }, 412],
    [{ repeatCall: true, repeatCallRule: [{ phoneStatus: 2, times: 6, interval: 10 }] }, 412],
    [{ repeatCall: true, repeatCallRule: [{ phoneStatus: 2, times: 1, interval: 121 }] }, 412],
    [{ repeatCall: true, repeatCallRule: [{ phoneStatus: 4, times: 1, interval: 10 }] }, 412], // 4 空号 is not redialable
    [{ smsSendLevel: ['G级'] }, 412],
    [{ smsTemplateId: 99 }, 412],
  ];
  for (const [patch, expected] of cases) assert.equal(await code(api.post(`${T}createTask`, minimal(patch))), expected, JSON.stringify(patch));
  const ok = [
    { taskType: 1, startDate: '2024-01-20' },
    { repeatCall: true, repeatCallRule: [{ phoneStatus: 6, times: 5, interval: 120 }] },
    { smsSendLevel: ['A级(有明确意向)'], smsTemplateId: 1 },
    { userPhoneIds: [14], callType: 2 },
  ];
  for (const patch of ok) assert.equal(await code(api.post(`${T}createTask`, minimal(patch))), 200, JSON.stringify(patch));
});

test('v2 importTaskCustomer: duplicates in a task dropped and counted; ledger counts every applied row', async () => {
  const id = await createTask();
  const A = { name: '张三', phone: '13333333333' }, B = { name: '李四', phone: '15555555555' }, C = { name: '王五', phone: '17777777777' };
  let r = await importV2(id, [A, B, A]);
  assert.deepEqual(Object.keys(r.json.data).sort(), ['msg', 'placeFailNum', 'repeatNum', 'successNum']);
  assert.deepEqual([r.json.data.successNum, r.json.data.repeatNum, r.json.data.placeFailNum], [2, 1, 0]);
  r = await importV2(id, [B, C]);
  assert.deepEqual([r.json.data.successNum, r.json.data.repeatNum], [1, 1]);
  const led = (await ctl.ledger()).byrobot;
  assert.deepEqual(led.tasks[id].customers.map((c) => c.phone), [A.phone, B.phone, C.phone]);
  assert.deepEqual(led.imports[id], { [A.phone]: 2, [B.phone]: 2, [C.phone]: 1 });
  assert.deepEqual(led.repeats[id], { [A.phone]: 1, [B.phone]: 1 });
  assert.equal(led.tasks[id].importCalls, 2);
});

test('v2 import: ≤10 000 rows, placeFailNum for missing scene variables, task/company checks', async () => {
  const id = await createTask();
  assert.equal(await code(importV2(id, people(10001))), 412);
  let led = (await ctl.ledger()).byrobot;
  assert.equal(led.tasks[id].customers.length, 0);
  const r = await importV2(id, people(10000));
  assert.equal(r.json.data.successNum, 10000);
  assert.equal(await code(importV2(id, [])), 412);
  assert.equal(await code(importV2(id, [{ name: 'x' }])), 412);
  assert.equal(await code(importV2(424242, people(1))), 404);
  assert.equal(await code(importV2(id, people(1), 2)), 404); // task belongs to company 1
  const debt = await createTask({ robotDefId: 12 }); // scene 30 needs 欠款金额
  const res = (await importV2(debt, [{ name: 'a', phone: '1', properties: { 欠款金额: '10' } }, { name: 'b', phone: '2' }])).json.data;
  assert.deepEqual([res.successNum, res.placeFailNum], [1, 1]);
  led = (await ctl.ledger()).byrobot;
  assert.deepEqual(led.tasks[debt].customers, [{ phone: '1', name: 'a', properties: { 欠款金额: '10' } }]);
});

test('v1 importTaskCustomer (deprecated) still works, data null, same de-dup', async () => {
  const id = await createTask();
  const r = await api.post(`${T}importTaskCustomer`, { companyId: 1, taskId: id, customerInfoList: [{ name: '张三', phone: '13333333333' }, { name: '张三', phone: '13333333333' }] });
  assert.equal(r.json.code, 200);
  assert.equal(r.json.data, null);
  assert.equal((await ctl.ledger()).byrobot.tasks[id].customers.length, 1);
});

test('lifecycle: status codes 0 → 1 → 4 → 1 → 6, refused transitions 412, delete hides the task', async () => {
  const id = await createTask();
  await importV2(id, people(5));
  const op = (name, body = { taskId: id }) => code(api.post(`${T}${name}`, body));
  const status = async () => (await api.get(`${T}getTaskDetail`, { companyId: 1, taskId: id })).json.data.status;
  assert.equal(await status(), 0);
  assert.equal(await op('pause'), 412);
  assert.equal(await op('start'), 200);
  assert.equal(await status(), 1);
  assert.equal(await op('start'), 412);
  assert.equal(await op('pause'), 200);
  assert.equal(await status(), 4);
  assert.equal(await op('start'), 200);
  assert.equal(await op('stop'), 200);
  assert.equal(await status(), 6);
  assert.equal(await op('stop'), 412);
  assert.equal(await op('start'), 412);
  assert.equal(await op('start', { taskId: 999999 }), 404);
  assert.equal(await op('delete', { taskId: String(id) }), 200); // doc types taskId as String here
  assert.equal(await op('delete'), 404);
  const list = (await api.get(`${T}getTasks`, { companyId: 1 })).json.data;
  assert.equal(list.total, 0);
  const all = (await api.get(`${T}getTasks`, { companyId: 1, needAll: 'true' })).json.data;
  assert.equal(all.total, 1);
  assert.equal((await ctl.ledger()).byrobot.tasks[id].lifecycle, 'deleted');
});

test('task/update: required set, seats frozen while running, concurrencyPhone limits, breakStartClose', async () => {
  const id = await createTask({ breakStartTime: '12:00', breakEndTime: '13:00' });
  await importV2(id, people(5));
  assert.equal((await api.get(`${T}getTaskDetail`, { companyId: 1, taskId: id })).json.data.breakStartTime, '12:00');
  const upd = (patch) => api.post(`${T}update`, { companyId: 1, taskId: id, taskName: '新名字', taskType: 2, userPhoneIds: [1], callType: 0, concurrencyQuota: 1, ...patch });
  assert.equal(await code(upd({ concurrencyQuota: undefined })), 412);
  assert.equal(await code(upd({ taskId: 999 })), 404);
  assert.equal(await code(upd({ concurrencyPhone: 101, concurrencyQuota: 60 })), 412);
  assert.equal(await code(upd({ concurrencyPhone: 3 })), 412); // > 2 × seats
  assert.equal(await code(upd({ concurrencyPhone: 2 })), 200);
  await api.post(`${T}start`, { taskId: id });
  assert.equal(await code(upd({ concurrencyQuota: 2 })), 412);
  assert.equal(await code(upd({ taskName: '运行中改名' })), 200);
  await api.post(`${T}pause`, { taskId: id });
  assert.equal(await code(upd({ concurrencyQuota: 2, breakStartClose: true })), 200);
  const d = (await api.get(`${T}getTaskDetail`, { companyId: 1, taskId: id })).json.data;
  assert.equal(d.jobName, '新名字');
  assert.equal(d.breakStartTime, null); // breakStartClose removed the window
  assert.equal(d.concurrencyQuota, 2);
  assert.equal((await ctl.ledger()).byrobot.tasks[id].name, '新名字');
});

test('getTasks paging: PageInfo fields, pageSize ≤ 100, filters', async () => {
  for (let i = 0; i < 12; i++) await createTask({ taskName: `任务${i}` });
  let d = (await api.get(`${T}getTasks`, { companyId: 1 })).json.data;
  for (const k of ['pageNum', 'pageSize', 'size', 'startRow', 'endRow', 'total', 'pages', 'list']) assert.ok(k in d, k);
  assert.deepEqual([d.pageNum, d.pageSize, d.size, d.total, d.pages], [1, 10, 10, 12, 2]);
  d = (await api.get(`${T}getTasks`, { companyId: 1, pageNum: 2, pageSize: 5 })).json.data;
  assert.deepEqual([d.startRow, d.endRow, d.size], [6, 10, 5]);
  for (const k of ['callJobId', 'jobName', 'jobType', 'startDate', 'workingStartTime', 'workingEndTime', 'status', 'sceneDefId', 'totalCount', 'doneCount']) assert.ok(k in d.list[0], k);
  assert.equal(await code(api.get(`${T}getTasks`, { companyId: 1, pageSize: 101 })), 412);
  assert.equal(await code(api.get(`${T}getTasks`, {})), 412);
  assert.equal(await code(api.get(`${T}getTasks`, { companyId: 1, status: 11 })), 412);
  assert.equal((await api.get(`${T}getTasks`, { companyId: 1, taskName: '任务1' })).json.data.total, 3);
  assert.equal((await api.get(`${T}getTasks`, { companyId: 1, createDate: '2024-01-15' })).json.data.total, 12);
  assert.equal((await api.get(`${T}getTasks`, { companyId: 1, createDate: '2024-01-16' })).json.data.total, 0);
  assert.equal((await api.get(`${T}getTasks`, { companyId: 2 })).json.data.total, 0);
});

test('calls: notDialedCustomerList (GET and POST), queryDoneTaskPhones, phoneLogInfo', async () => {
  const id = await createTask();
  await importV2(id, people(6));
  await api.post(`${T}start`, { taskId: id });
  clock.now += 3500; // 4 dialled
  const viaGet = (await api.get(`${T}notDialedCustomerList`, { taskId: id })).json.data;
  const viaPost = (await api.post(`${T}notDialedCustomerList`, { taskId: id, pageNum: 1, pageSize: 50 })).json.data;
  assert.equal(viaGet.total, 2);
  assert.deepEqual(viaGet.list, viaPost.list);
  for (const k of ['callInstanceId', 'customerTelephone', 'customerName', 'status', 'corpName', 'calledTimes']) assert.ok(k in viaGet.list[0], k);
  assert.equal(await code(api.post(`${T}notDialedCustomerList`, { taskId: id, pageSize: 51 })), 412);
  assert.equal(await code(api.get(`${T}notDialedCustomerList`, {})), 412);
  const done = (await api.post(`${T}queryDoneTaskPhones`, { callJobId: id })).json.data;
  assert.equal(done.total, 4);
  assert.equal(done.pageSize, 10);
  assert.match(done.list[0].duration, /^\d+秒$/);
  assert.ok(done.list.every((x) => x.status === 2 && [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 22].includes(x.finishStatus)));
  assert.equal(await code(api.post(`${T}queryDoneTaskPhones`, { callJobId: id, pageSize: 51 })), 412);
  assert.equal(await code(api.post(`${T}queryDoneTaskPhones`, { callJobId: id, finishStatus: 12 })), 412);
  const answered = (await api.post(`${T}queryDoneTaskPhones`, { callJobId: id, finishStatus: 0 })).json.data.list;
  assert.ok(answered.every((x) => x.finishStatus === 0));
  const info = (await api.get(`${T}phoneLogInfo`, { callInstanceId: done.list[0].callInstanceId })).json.data;
  assert.ok(Array.isArray(info.phoneLog.phoneLogs));
  assert.equal(info.sceneInstance.callInstanceId, done.list[0].callInstanceId);
  assert.equal(await code(api.get(`${T}phoneLogInfo`, { callInstanceId: viaGet.list[0].callInstanceId })), 404);
  const cb = await api.get('/openapi/v1/callBack/queryUnCallBack', { companyId: 1, dataType: 0, startDate: '2024-01-01', endDate: '2024-01-31' });
  assert.equal(cb.json.data.pageSize, 100);
  assert.equal(await code(api.get('/openapi/v1/callBack/queryUnCallBack', { companyId: 1, startDate: '2024-01-01', endDate: '2024-01-31' })), 412);
});

test('blacklist: groups, entries, and a blacklisted customer ends with finishStatus 11', async () => {
  const gid = (await api.post('/openapi/v1/company/blacklist/group/add', { companyId: 1, groupName: 'VIP 勿扰' })).json.data;
  assert.equal(typeof gid, 'number');
  assert.equal(await code(api.post('/openapi/v1/company/addBlackList', { companyId: 1, phone: '13900000000', groupId: gid })), 200);
  assert.equal((await api.post('/openapi/v1/company/addBlackList/batch', { companyId: 1, phones: ['1', '2'], groupId: gid })).json.data.successNum, 2);
  assert.equal((await api.get('/openapi/v1/company/blacklist/info/page', { companyId: 1 })).json.data.total, 3);
  assert.equal(await code(api.post('/openapi/v1/company/blacklist/info/delete', { companyId: 1, phone: '2' })), 200);
  assert.equal(await code(api.post('/openapi/v1/company/blacklist/group/edit', { companyId: 1, groupId: gid, groupName: '改' })), 200);
  assert.equal((await api.get('/openapi/v1/company/blacklist/group/list', { companyId: 1 })).json.data[0].groupName, '改');
  const id = await createTask();
  await importV2(id, [{ name: 'x', phone: '13900000000' }, { name: 'y', phone: '13900000001' }]);
  await api.post(`${T}start`, { taskId: id });
  const done = (await api.post(`${T}queryDoneTaskPhones`, { callJobId: id, finishStatus: 11 })).json.data;
  assert.deepEqual(done.list.map((x) => x.customerTelephone), ['13900000000']);
  assert.equal(await code(api.post('/openapi/v1/company/blacklist/group/delete', { companyId: 1, groupId: gid })), 200);
  assert.equal((await api.get('/openapi/v1/company/blacklist/info/page', { companyId: 1 })).json.data.total, 0);
});

test('wrong method → HTTP 405, unknown path → HTTP 404', async () => {
  assert.equal((await api.get(`${T}createTask`)).status, 405);
  assert.equal((await api.post(`${T}getTasks`, {})).status, 405);
  assert.equal((await api.get('/openapi/v1/nothing')).status, 404);
});
