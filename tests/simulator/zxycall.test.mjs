// ZXY task API pinned to src/vendors/zxycall/README.md [Z-page]; wire details the page lacks
// (src/vendors/zxycall/README.md) follow the simulator's documented CHOICEs.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSim, vendorClient, control, T0 } from './support/client.mjs';

let sim, clock, api, ctl;
before(async () => {
  ({ sim, clock } = await startTestSim());
  api = vendorClient(sim, clock, 'zxycall');
  ctl = control(sim);
});
after(() => sim.close());
beforeEach(async () => { await ctl.reset(); clock.now = T0; });

const taskBody = (patch = {}) => ({
  caller_line_id: '83f180c4-00f3-4aaa-bc41-6cba4493e892', customer_service_id: 21, destination_extension: 390,
  disable_dial_timegroup: '146979fe-3864-4817-ad76-13b37f43bb1c', maximumcall: 1, name: '测试任务', random_assignment_number: 0,
  recycle_limit: 0, remark: '第一个任务', _originate_timeout: 60, call_pause_second: 10, auto_recycle_rule_id: 1, ...patch,
});
async function create(patch) {
  const r = await api.post('/v1/task', taskBody(patch));
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('GET /v1/task/create returns the create-options meta', async () => {
  const r = await api.get('/v1/task/create');
  assert.equal(r.status, 200);
  const m = r.json.meta;
  for (const k of ['enum_disable_dial_timegroup', 'caller_line_list', 'auto_recycle_rules', 'customer_service', 'outbound_group']) assert.ok(Array.isArray(m[k]) && m[k].length > 0, k);
  for (const k of ['name', 'value', 'residue', 'call_line', 'available_at', 'call_number']) assert.ok(k in m.caller_line_list[0], k);
  assert.deepEqual(m.enum_disable_dial_timegroup.map((g) => g.uuid), ['146979fe-3864-4817-ad76-13b37f43bb1c', 'cf44b8fc-a60f-499e-a5c8-5340963a56a3', 'a6c20127-1199-4b87-bffa-75ed3e368fd0']);
});

test('POST /v1/task returns the task entity (start 0, 暂停, progress_bar, group)', async () => {
  const e = await create();
  assert.match(e.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(e.start, 0);
  assert.equal(e.start_str, '暂停');
  assert.deepEqual(e.progress_bar, { total: 0, progress: 0, percent: 0 });
  assert.equal(e.group.id, 390);
  assert.equal(e._origination_caller_id_number, '13530525009');
  for (const k of ['alter_datetime', 'create_datetime', 'maximumcall', 'recycle_limit', 'destination_extension', 'caller_line_id', 'auto_recycle_rule_id', 'user_id']) assert.ok(k in e, k);
  // the same fields wrapped in {data: {...}} are accepted (CHOICE)
  assert.equal((await api.post('/v1/task', { data: taskBody({ name: 'wrapped' }) })).status, 200);
  // ids are deterministic for a seed
  await ctl.reset();
  assert.equal((await create()).uuid, e.uuid);
});

test('POST /v1/task validation → HTTP 422 {message, errors}', async () => {
  const r = await api.post('/v1/task', {});
  assert.equal(r.status, 422);
  assert.equal(typeof r.json.message, 'string');
  assert.deepEqual(Object.keys(r.json.errors).sort(), ['_originate_timeout', 'auto_recycle_rule_id', 'call_pause_second', 'caller_line_id', 'destination_extension', 'disable_dial_timegroup', 'maximumcall', 'name', 'random_assignment_number', 'recycle_limit'].sort());
  const cases = [
    [{ recycle_limit: 1 }, 'recycle_limit'], // "有且只能为0"
    [{ random_assignment_number: 1 }, 'random_assignment_number'], // "固定为0"
    [{ maximumcall: 6 }, 'maximumcall'], // > residue 5
    [{ caller_line_id: 'af69c544-a170-4a2d-b740-20bf66cc7ff4' }, 'caller_line_id'], // residue 0
    [{ caller_line_id: 'nope' }, 'caller_line_id'],
    [{ customer_service_id: 22 }, 'customer_service_id'], // status 0, no line
    [{ destination_extension: 1 }, 'destination_extension'],
    [{ disable_dial_timegroup: 'x' }, 'disable_dial_timegroup'],
    [{ auto_recycle_rule_id: 104 }, 'auto_recycle_rule_id'], // rule disabled
    [{ call_pause_second: -1 }, 'call_pause_second'],
  ];
  for (const [patch, field] of cases) {
    const x = await api.post('/v1/task', taskBody(patch));
    assert.equal(x.status, 422, JSON.stringify(patch));
    assert.ok(field in x.json.errors, `${field}: ${x.text}`);
  }
  assert.equal((await api.post('/v1/task', taskBody({ caller_line_id: '37d73edf-4628-4cf1-8beb-758433fd0aab', maximumcall: 1 }))).status, 200);
  assert.equal((await api.post('/v1/task', taskBody({ customer_service_id: undefined }))).status, 200);
  assert.equal(Object.keys((await ctl.ledger()).zxycall.tasks).length, 2);
});

test('PUT /v1/task/{id} replaces the task; unknown id → 404 {message}', async () => {
  const { uuid } = await create();
  const r = await api.put(`/v1/task/${uuid}`, taskBody({ name: '改名', maximumcall: 3 }));
  assert.equal(r.status, 200);
  assert.equal(r.json.name, '改名');
  assert.equal(r.json.maximumcall, 3);
  assert.equal((await api.put(`/v1/task/${uuid}`, { name: 'partial' })).status, 422, 'same parameters as create');
  const miss = await api.put('/v1/task/00000000-0000-4000-8000-000000000000', taskBody());
  assert.equal(miss.status, 404);
  assert.equal(typeof miss.json.message, 'string');
});

test('GET /v1/task lists {data: [...]} with paginator fields', async () => {
  for (let i = 0; i < 4; i++) await create({ name: `t${i}` });
  let r = (await api.get('/v1/task')).json;
  assert.equal(r.total, 4);
  assert.equal(r.data.length, 4);
  assert.equal(r.data[0].name, 't3', 'newest first');
  for (const k of ['uuid', 'name', 'start', 'maximumcall', 'caller_line', 'auto_recycle_rule', 'disable_time_group', 'group', 'progress_bar']) assert.ok(k in r.data[0], k);
  r = (await api.get('/v1/task', { page: 2, per_page: 3 })).json;
  assert.deepEqual([r.current_page, r.per_page, r.last_page, r.data.length, r.from, r.to], [2, 3, 2, 1, 4, 4]);
  assert.equal((await api.get('/v1/task', { per_page: 101 })).status, 422);
});

test('start/stop/destroy are GETs; progress_bar follows dialling', async () => {
  const { uuid } = await create();
  const imp = await api.post(`/v1/task/import_task_customer/${uuid}`, { customers: [1, 2, 3, 4].map((i) => ({ phone: `1380000000${i}`, name: `c${i}` })) });
  assert.equal(imp.status, 200);
  assert.equal((await api.post(`/v1/task/start/${uuid}`, {})).status, 405);
  assert.equal((await api.get(`/v1/task/start/${uuid}`)).status, 200);
  assert.equal((await api.get(`/v1/task/start/${uuid}`)).status, 200, 'idempotent (CHOICE)');
  clock.now += 1500;
  let t = (await api.get('/v1/task')).json.data[0];
  assert.equal(t.start, 1);
  assert.equal(t.start_str, '开启');
  assert.deepEqual(t.progress_bar, { total: 4, progress: 2, percent: 50 });
  assert.equal((await api.get(`/v1/task/stop/${uuid}`)).status, 200);
  clock.now += 10_000;
  t = (await api.get('/v1/task')).json.data[0];
  assert.equal(t.start, 0);
  assert.equal(t.progress_bar.progress, 2, 'no dialling while paused');
  assert.equal((await ctl.ledger()).zxycall.tasks[uuid].lifecycle, 'paused');
  assert.equal((await api.get(`/v1/task/destroy/${uuid}`)).status, 200);
  assert.equal((await api.get(`/v1/task/start/${uuid}`)).status, 404);
  assert.equal((await api.get(`/v1/task/destroy/${uuid}`)).status, 404);
  assert.equal((await api.get('/v1/task')).json.total, 0);
  assert.equal((await ctl.ledger()).zxycall.tasks[uuid].lifecycle, 'deleted');
});

test('import_task_customer (CHOICE body {customers}) de-duplicates and counts', async () => {
  const { uuid } = await create();
  let r = await api.post(`/v1/task/import_task_customer/${uuid}`, { customers: [{ phone: '13800000001' }, { phone: '13800000001' }, { phone: 'abc' }, { phone: '13800000002', name: 'x', properties: { k: 'v' } }] });
  assert.deepEqual(r.json.data, { total: 4, success: 2, repeat: 1, fail: 1 });
  r = await api.post(`/v1/task/import_task_customer/${uuid}`, { customers: [{ phone: '13800000002' }] });
  assert.deepEqual(r.json.data, { total: 1, success: 0, repeat: 1, fail: 0 });
  const led = (await ctl.ledger()).zxycall;
  assert.deepEqual(led.tasks[uuid].customers.map((c) => c.phone), ['13800000001', '13800000002']);
  assert.deepEqual(led.imports[uuid], { 13800000001: 2, 13800000002: 2 });
  assert.equal((await api.post(`/v1/task/import_task_customer/${uuid}`, { customers: [] })).status, 422);
  assert.equal((await api.post('/v1/task/import_task_customer/nope', { customers: [{ phone: '1' }] })).status, 404);
  assert.equal((await api.post(`/v1/task/import_task_customer/${uuid}`, '{bad json')).status, 400);
});
