// Itniotech AI Voice pinned to src/vendors/itniotech/README.md [I-edit] and src/vendors/itniotech/README.md.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSim, vendorClient, control, T0 } from './support/client.mjs';

let sim, clock, api, ctl;
before(async () => {
  ({ sim, clock } = await startTestSim());
  api = vendorClient(sim, clock, 'itniotech');
  ctl = control(sim);
});
after(() => sim.close());
beforeEach(async () => { await ctl.reset(); clock.now = T0; });

const P = '/aivoice/';
const appId = 'demoAppId';
const st = async (p) => (await p).json.status;
// The taskEdit page's request example, minus jobId, is a taskAdd body.
const addBody = (patch = {}) => ({
  appId, name: `task-${Math.random()}`, dialogFlowId: 8663, mode: 'AUTO', dailyStartDateTime: '09:00', dailyEndDateTime: '20:00',
  robotCount: 1, jobPhoneNumberId: 2959, redial: false, startDateTime: '2022-09-16 08:00:00', endDateTime: '2023-02-07 10:00:00', ...patch,
});
async function addTask(patch) {
  const r = await api.post(`${P}taskAdd`, addBody(patch));
  assert.equal(r.json.status, '0', r.text);
  return r.json.data;
}
const persons = (n, from = 0) => Array.from({ length: n }, (_, i) => ({ name: `p${from + i}`, phoneNumber: `1860000${String(from + i).padStart(4, '0')}`, gender: 'MALE' }));
const importRows = (jobId, customerPersons, extra = {}) => api.post(`${P}importCustomer`, { appId, jobId, customerPersons, ...extra });

test('envelope {status: string, reason, data}; lookups', async () => {
  const r = await api.post(`${P}dialogFlowList`, { appId });
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['data', 'reason', 'status']);
  assert.equal(r.json.status, '0');
  for (const f of r.json.data) assert.deepEqual(Object.keys(f).sort(), ['createTime', 'dialogFlowId', 'name', 'status']);
  const ch = (await api.post(`${P}channelList`, { appId })).json.data;
  assert.deepEqual(Object.keys(ch[0]).sort(), ['phoneNumber', 'tenantPhoneNumberId']);
  assert.equal(await st(api.post(`${P}channelList`, { appId: 'other' })), '-37');
  assert.equal(await st(api.post(`${P}channelList`, {})), '-27');
  assert.equal(await st(api.post(`${P}channelList`, '{oops')), '-27');
  assert.equal((await api.get(`${P}channelList`)).status, 405); // every endpoint is POST
});

test('taskAdd: the page example succeeds; data is the new jobId', async () => {
  const r = await api.post(`${P}taskAdd`, addBody({ name: 'lilinname2' }));
  assert.equal(r.json.status, '0');
  assert.equal(typeof r.json.data, 'number');
  const led = (await ctl.ledger()).itniotech;
  assert.equal(led.tasks[r.json.data].name, 'lilinname2');
});

test('taskAdd: documented error codes', async () => {
  await addTask({ name: 'taken' });
  const cases = [
    [{ name: 'taken' }, '-33'],
    [{ name: '' }, '-27'],
    [{ dailyStartDateTime: '08:00' }, '-48'],
    [{ dailyEndDateTime: '20:30' }, '-48'],
    [{ dailyStartDateTime: '19:00', dailyEndDateTime: '10:00' }, '-48'],
    [{ mode: 'AUTO', startDateTime: undefined }, '-28'],
    [{ mode: 'LATER' }, '-27'],
    [{ redial: true, redialCondition: ['NOPE'], redialInterval: 10, redialTimes: 1 }, '-29'],
    [{ redial: true, redialCondition: [], redialInterval: 10, redialTimes: 1 }, '-29'],
    [{ redial: true, redialCondition: ['BUSY'], redialInterval: 1441, redialTimes: 1 }, '-30'],
    [{ redial: true, redialCondition: ['BUSY'], redialInterval: 10, redialTimes: 4 }, '-31'],
    [{ redial: true, redialCondition: ['BUSY'], redialInterval: 10, redialTimes: 0 }, '-31'],
    [{ redial: undefined }, '-27'],
    [{ dialogFlowId: 1 }, '-41'],
    [{ dialogFlowId: undefined }, '-41'],
    [{ robotCount: 11 }, '-52'],
    [{ robotCount: 0 }, '-27'],
    [{ jobPhoneNumberId: 1 }, '-27'],
    [{ inactiveTimeList: ['10', '11', '12', '13'].map((h) => ({ startTime: `${h}:00`, endTime: `${h}:30` })) }, '-27'],
    [{ inactiveDateList: [1, 2, 3, 4].map((d) => ({ startDate: `2022-02-0${d}`, endDate: `2022-02-0${d}` })) }, '-27'],
    [{ daysOfWeek: ['FUNDAY'] }, '-27'],
    [{ startDateTime: '2022/09/16' }, '-27'],
    [{ appId: 'other' }, '-37'],
  ];
  for (const [patch, expected] of cases) assert.equal(await st(api.post(`${P}taskAdd`, addBody(patch))), expected, JSON.stringify(patch));
  const ok = [
    { mode: 'MANUAL', startDateTime: undefined },
    { redial: true, redialCondition: ['CALL_LOSS', 'NO_ANSWER', 'VACANT_NUMBER'], redialInterval: 1440, redialTimes: 3 },
    { inactiveTimeList: [{ startTime: '12:00', endTime: '13:00' }, { startTime: '14:00', endTime: '15:00' }, { startTime: '16:00', endTime: '17:00' }] },
    { inactiveDateList: [{ startDate: '2022-02-05', endDate: '2022-02-07' }], daysOfWeek: ['MONDAY', 'TUESDAY'] },
    { redial: false, redialTimes: 99 }, // redial rules are ignored when redial is false
  ];
  for (const patch of ok) assert.equal(await st(api.post(`${P}taskAdd`, addBody(patch))), '0', JSON.stringify(patch));
});

test('taskEdit: -32 unknown job, -33 duplicate name, data null as in the page example', async () => {
  const a = await addTask({ name: 'A' });
  await addTask({ name: 'B' });
  assert.equal(await st(api.post(`${P}taskEdit`, addBody({ jobId: 99999, name: 'C' }))), '-32');
  assert.equal(await st(api.post(`${P}taskEdit`, addBody({ jobId: a, name: 'B' }))), '-33');
  const r = await api.post(`${P}taskEdit`, addBody({ jobId: a, name: 'A2', robotCount: 2 }));
  assert.deepEqual(r.json, { status: '0', reason: 'success', data: null });
  assert.equal(await st(api.post(`${P}taskEdit`, addBody({ jobId: a, name: 'A2', robotCount: 2 }))), '0', 'keeping its own name is fine');
  const list = (await api.post(`${P}taskList`, { current: 1, size: 10, params: { appId, name: 'A2' } })).json.data;
  assert.equal(list.records[0].robotCount, 2);
});

test('importCustomer: ≤100 persons, data = failed rows', async () => {
  const id = await addTask();
  assert.equal(await st(importRows(id, persons(101))), '-27');
  assert.equal((await ctl.ledger()).itniotech.tasks[id].customers.length, 0);
  assert.equal(await st(importRows(99999, persons(1))), '-32');
  const bad = [{ name: 'empty gender', phoneNumber: '1', gender: '' }, { name: 'long', phoneNumber: '1'.repeat(33) }, { name: 'no phone' }, { phoneNumber: '2', gender: 'OTHER' }];
  const r = await importRows(id, [...persons(3), ...bad, { phoneNumber: '3', gender: null }, { phoneNumber: 'x'.repeat(32) }]);
  assert.equal(r.json.status, '0');
  assert.deepEqual(r.json.data, bad);
  const led = (await ctl.ledger()).itniotech;
  assert.equal(led.tasks[id].customers.length, 5);
  assert.equal(led.tasks[id].importCalls, 1);
  assert.equal((await importRows(id, persons(100))).json.status, '0');
  // script 8700 has a variable: rows without it fail
  const v = await addTask({ dialogFlowId: 8700 });
  const res = await importRows(v, [{ phoneNumber: '1', properties: { amount: '5' } }, { phoneNumber: '2' }]);
  assert.deepEqual(res.json.data, [{ phoneNumber: '2' }]);
  assert.deepEqual((await api.post(`${P}properties`, { appId, jobId: v })).json.data, ['amount']);
});

test('lifecycle: -45 no customers, -39 cannot start, -38 cannot pause, taskDel → -32', async () => {
  const id = await addTask();
  const op = (name) => st(api.post(`${P}${name}`, { appId, jobId: id }));
  assert.equal(await op('taskStart'), '-45');
  assert.equal(await op('taskStop'), '-38');
  await importRows(id, persons(5));
  assert.equal(await op('taskStart'), '0');
  assert.equal(await op('taskStart'), '-39');
  assert.equal(await op('taskStop'), '0');
  assert.equal(await op('taskStop'), '-38');
  assert.equal(await op('taskStart'), '0');
  clock.now += 60_000; // everything dialled → COMPLETED
  assert.equal(await op('taskStart'), '-39');
  assert.equal((await ctl.ledger()).itniotech.tasks[id].status, 'COMPLETED');
  assert.equal(await op('taskDel'), '0');
  assert.equal(await op('taskStart'), '-32');
  assert.equal(await op('taskDel'), '-32');
  const r = await api.post(`${P}taskStart`, { appId, jobId: id }, { headers: { Sign: '' } });
  assert.equal(r.json.status, '-57');
});

test('callRecordDup=false drops numbers already called; importCustomer/del removes uncalled numbers', async () => {
  const id = await addTask();
  await importRows(id, persons(3));
  await api.post(`${P}taskStart`, { appId, jobId: id });
  // first customer dialled at start; the others wait
  let r = await importRows(id, [persons(1)[0]]);
  assert.deepEqual(r.json.data, [persons(1)[0]], 'already called → failed row');
  r = await importRows(id, [persons(1)[0]], { callRecordDup: true });
  assert.deepEqual(r.json.data, []);
  const led = (await ctl.ledger()).itniotech;
  assert.equal(led.imports[id][persons(1)[0].phoneNumber], 3);
  assert.equal(led.repeats[id][persons(1)[0].phoneNumber], 1);
  const del = await api.post(`${P}importCustomer/del`, { appId, jobId: id, jobPhoneNumberList: [{ phoneNumber: persons(3)[2].phoneNumber }, { phoneNumber: persons(1)[0].phoneNumber }] });
  assert.equal(del.json.data, 2, 'the uncalled copy of p0 and p2');
  assert.equal(await st(api.post(`${P}importCustomer/del`, { appId, jobId: 424242, jobPhoneNumberList: [{ phoneNumber: '1' }] })), '-32');
});

test('taskList / taskNoCall / recordQuery paging {total,size,current,pages,records}', async () => {
  for (let i = 0; i < 7; i++) await addTask({ name: `list-${i}` });
  let d = (await api.post(`${P}taskList`, { current: 2, size: 3, params: { appId } })).json.data;
  assert.deepEqual(Object.keys(d).sort(), ['current', 'pages', 'records', 'size', 'total']);
  assert.deepEqual([d.total, d.size, d.current, d.pages, d.records.length], [7, 3, 2, 3, 3]);
  for (const k of ['jobId', 'name', 'dialogFlowName', 'robotCount', 'mode', 'taskTotal', 'taskCompleted', 'status', 'createTime']) assert.ok(k in d.records[0], k);
  assert.equal(await st(api.post(`${P}taskList`, { current: 1, size: 101, params: { appId } })), '-27');
  assert.equal(await st(api.post(`${P}taskList`, { current: 0, size: 10, params: { appId } })), '-27');
  assert.equal(await st(api.post(`${P}taskList`, { current: 1, size: 10, appId })), '-27', 'appId belongs inside params');
  assert.equal(await st(api.post(`${P}taskList`, { current: 1, size: 10, params: { appId: 'x' } })), '-37');

  const id = d.records[0].jobId;
  await importRows(id, persons(4));
  let nc = (await api.post(`${P}taskNoCall`, { current: 1, size: 10, params: { appId, jobId: id } })).json.data;
  assert.equal(nc.total, 4);
  assert.ok(nc.records.every((x) => x.status === 'CAN_NOT_START'));
  for (const k of ['jobId', 'customerPersonId', 'customerPersonName', 'calledPhoneNumber', 'status', 'properties']) assert.ok(k in nc.records[0], k);
  await api.post(`${P}taskStart`, { appId, jobId: id });
  clock.now += 1500; // two dialled
  nc = (await api.post(`${P}taskNoCall`, { current: 1, size: 10, params: { appId, jobId: id, taskStatus: 'CAN_START' } })).json.data;
  assert.equal(nc.total, 2);
  assert.equal(await st(api.post(`${P}taskNoCall`, { current: 1, size: 10, params: { appId } })), '-27');
  assert.equal(await st(api.post(`${P}taskNoCall`, { current: 1, size: 10, params: { appId, jobId: 999 } })), '-32');
  assert.equal(await st(api.post(`${P}taskNoCall`, { current: 1, size: 10, params: { appId, jobId: id, taskStatus: 'DONE' } })), '-27');
  const rq = (await api.post(`${P}recordQuery`, { current: 1, size: 100, params: { appId, startTime: '2024-01-15 00:00:00', endTime: '2024-01-15 23:59:59' } })).json.data;
  assert.equal(rq.total, 2);
  for (const k of ['callId', 'callJobId', 'calledPhoneNumber', 'resultStatus', 'startTime', 'endTime', 'chatDuration', 'chargedDuration', 'properties', 'intentLevelDetailName', 'redialTimes']) assert.ok(k in rq.records[0], k);
  const none = (await api.post(`${P}recordQuery`, { current: 1, size: 100, params: { appId, startTime: '2024-01-16 00:00:00', endTime: '2024-01-16 23:59:59' } })).json.data;
  assert.equal(none.total, 0);
  assert.equal(await st(api.post(`${P}recordQuery`, { current: 1, size: 100, params: { appId } })), '-27');
});
