// The ledger: what each vendor holds, in a shape tests can compare against
// what the SDK meant to send. `imports` counts every time a customer row was
// APPLIED (accepted by the vendor, including rows the vendor then de-duplicated
// away); `repeats` counts the subset that was dropped as a duplicate. So a
// client that imports each customer once shows imports[task][phone] === 1.
//
// The counters live in Maps (one per task) and are turned into plain objects
// only when a snapshot is taken: noteImport is on the import path, which a
// benchmark drives with 1 000 000 rows into one task, and a Map stays O(1) per
// row where a huge plain object degrades.

const toObject = (byTask) => {
  const out = {};
  for (const [id, m] of byTask) out[id] = Object.fromEntries(m);
  return out;
};

export function createLedger() {
  const imports = new Map();
  const repeats = new Map();
  const bump = (byTask, taskId, phone) => {
    let m = byTask.get(taskId);
    if (!m) byTask.set(taskId, (m = new Map()));
    m.set(phone, (m.get(phone) ?? 0) + 1);
  };
  return {
    tasks: new Map(),
    /** Record one applied customer row. */
    noteImport(taskId, phone, { repeat = false } = {}) {
      bump(imports, taskId, phone);
      if (repeat) bump(repeats, taskId, phone);
    },
    get imports() { return toObject(imports); },
    get repeats() { return toObject(repeats); },
    /** Plain JSON view; `view(task)` renders one task the vendor's way. */
    snapshot(view) {
      const tasks = {};
      for (const [id, t] of this.tasks) tasks[id] = view(t);
      return { tasks, imports: toObject(imports), repeats: toObject(repeats) };
    },
  };
}

/**
 * Remember one dialled call of a task for the ledger (`dialedCalls`): the
 * vendor's record id of that call (Tanyi callRecordId, BYRobot callInstanceId,
 * Itniotech callId; ZXY has none → null), so a test can check that every
 * dialled call produced exactly one callback event.
 */
export function noteCall(task, c, recordId) {
  (task.calls ??= []).push({ phone: c.phone, recordId, attempt: c.attempt });
}

/** Common part of a task's ledger entry. */
export function ledgerTask(t, extra) {
  const live = t.customers.filter((c) => !c.removed);
  return {
    id: t.id,
    name: t.name,
    ...extra,
    deleted: !!t.deleted,
    customers: live.map((c) => ({ phone: c.phone, name: c.name ?? null, properties: c.properties ?? {} })),
    importCalls: t.importCalls,
    dialed: live.filter((c) => c.dialed).length,
    dialedCalls: (t.calls ?? []).map((x) => ({ ...x })),
    removedCustomers: t.customers.filter((c) => c.removed).map((c) => c.phone),
  };
}
