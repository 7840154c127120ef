// The ledger: what each vendor holds, in a shape tests can compare against
// what the SDK meant to send. `imports` counts every time a customer row was
// APPLIED (accepted by the vendor, including rows the vendor then de-duplicated
// away); `repeats` counts the subset that was dropped as a duplicate. So a
// client that imports each customer once shows imports[task][phone] === 1.

export function createLedger() {
  return {
    tasks: new Map(),
    imports: {},
    repeats: {},
    /** Record one applied customer row. */
    noteImport(taskId, phone, { repeat = false } = {}) {
      const t = (this.imports[taskId] ??= {});
      t[phone] = (t[phone] ?? 0) + 1;
      if (repeat) {
        const r = (this.repeats[taskId] ??= {});
        r[phone] = (r[phone] ?? 0) + 1;
      }
    },
    /** Plain JSON view; `view(task)` renders one task the vendor's way. */
    snapshot(view) {
      const tasks = {};
      for (const [id, t] of this.tasks) tasks[id] = view(t);
      return { tasks, imports: structuredClone(this.imports), repeats: structuredClone(this.repeats) };
    },
  };
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
    removedCustomers: t.customers.filter((c) => c.removed).map((c) => c.phone),
  };
}
