// Synthesised dialling. While a task runs, its customers are dialled in import
// order, one every `dialMs` of the simulator clock (the first one at once), so
// a started task soon has call records AND still has not-dialled customers.
// Outcomes come from rngFor(seed, vendor, task, phone, attempt): they do not
// depend on request order or on when the state is looked at.
//
// CHOICE: no automatic redial is simulated; each queued customer is dialled
// once per queueing. With dialMs <= 0 every queued customer is dialled at once.
//
// Cost: a task keeps a cursor (`task.cursor`) before which every customer is
// dialled or removed, so dialling and the "anything left?" check are O(1)
// amortised per customer instead of a scan of all customers per request (a
// running task with 1 000 000 customers is refreshed on every request and on
// every callback tick). Customers are only ever appended, removed, or (Tanyi
// reAddCustomerToJob) re-queued; re-queueing calls requeue(), which rewinds
// the cursor. The dialling order is exactly the old "filter, then take the
// first n" order.

/** Begin (or resume) dialling at `now`. */
export function startDialing(task, now, dialMs) {
  task.run = { since: now, carry: Math.max(dialMs, 0) };
}

/** Move the cursor past customers that are dialled or removed. */
function skip(task) {
  const list = task.customers;
  let i = task.cursor ?? 0;
  while (i < list.length && (list[i].dialed || list[i].removed)) i++;
  task.cursor = i;
  return i;
}

/** Dial whatever is due up to `now`; onDial(customer, dialTimeMs) builds the record. */
export function advance(task, now, dialMs, onDial) {
  if (!task.run) return 0;
  const list = task.customers;
  if (dialMs <= 0) {
    let n = 0;
    for (let i = skip(task); i < list.length; i++) {
      const c = list[i];
      if (c.dialed || c.removed) continue;
      c.dialed = true; onDial(c, now); n++;
    }
    task.cursor = list.length;
    task.run = { since: now, carry: 0 };
    return n;
  }
  const base = task.run.since - task.run.carry; // virtual start of the unused budget
  const budget = now - base;
  const slots = Math.floor(budget / dialMs);
  let take = 0;
  for (let i = skip(task); i < list.length && take < slots; i++) {
    const c = list[i];
    if (c.dialed || c.removed) continue;
    c.dialed = true;
    onDial(c, base + (take + 1) * dialMs);
    take++;
  }
  skip(task);
  // Out of customers: keep one slot ready so a later import is dialled at once.
  task.run = take < slots ? { since: now, carry: dialMs } : { since: now, carry: budget - take * dialMs };
  return take;
}

/** Dial what is due, then stop the clock for this task (pause/stop/delete). */
export function stopDialing(task, now, dialMs, onDial) {
  advance(task, now, dialMs, onDial);
  task.run = null;
}

/** Some customers of the task were marked not-dialled again: rewind the cursor. */
export function requeue(task) { task.cursor = 0; }

/** Is any live customer still waiting to be dialled? O(1) amortised. */
export const hasPending = (task) => skip(task) < task.customers.length;
/** Does the task hold any live customer? (stops at the first one) */
export const hasLive = (task) => task.customers.some((c) => !c.removed);

export function pendingCount(task) {
  let n = 0;
  const list = task.customers;
  for (let i = skip(task); i < list.length; i++) if (!list[i].dialed && !list[i].removed) n++;
  return n;
}
export const liveCustomers = (task) => task.customers.filter((c) => !c.removed);
