// Synthesised dialling. While a task runs, its customers are dialled in import
// order, one every `dialMs` of the simulator clock (the first one at once), so
// a started task soon has call records AND still has not-dialled customers.
// Outcomes come from rngFor(seed, vendor, task, phone, attempt): they do not
// depend on request order or on when the state is looked at.
//
// CHOICE: no automatic redial is simulated; each queued customer is dialled
// once per queueing. With dialMs <= 0 every queued customer is dialled at once.

/** Begin (or resume) dialling at `now`. */
export function startDialing(task, now, dialMs) {
  task.run = { since: now, carry: Math.max(dialMs, 0) };
}

/** Dial whatever is due up to `now`; onDial(customer, dialTimeMs) builds the record. */
export function advance(task, now, dialMs, onDial) {
  if (!task.run) return 0;
  const queue = task.customers.filter((c) => !c.dialed && !c.removed);
  if (dialMs <= 0) {
    for (const c of queue) { c.dialed = true; onDial(c, now); }
    task.run = { since: now, carry: 0 };
    return queue.length;
  }
  const base = task.run.since - task.run.carry; // virtual start of the unused budget
  const budget = now - base;
  const slots = Math.floor(budget / dialMs);
  const take = Math.min(slots, queue.length);
  for (let k = 0; k < take; k++) {
    queue[k].dialed = true;
    onDial(queue[k], base + (k + 1) * dialMs);
  }
  // Out of customers: keep one slot ready so a later import is dialled at once.
  task.run = take < slots ? { since: now, carry: dialMs } : { since: now, carry: budget - take * dialMs };
  return take;
}

/** Dial what is due, then stop the clock for this task (pause/stop/delete). */
export function stopDialing(task, now, dialMs, onDial) {
  advance(task, now, dialMs, onDial);
  task.run = null;
}

export const pendingCount = (task) => task.customers.filter((c) => !c.dialed && !c.removed).length;
export const liveCustomers = (task) => task.customers.filter((c) => !c.removed);
