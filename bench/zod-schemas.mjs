// zod 4 schemas enforcing the same rules as waihu for the two validation benchmarks: a Tanyi
// customer import and an Itniotech task form. bench/run.mjs checks that both libraries agree
// on which inputs are valid before it times them.
import { z } from "zod";

const id = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/)]);

// phone::is_plausible: optional "+", digits with "-" or " " between them, 3–20 digits.
const phone = z.string().trim().min(1).refine((s) => {
  const body = s.startsWith("+") ? s.slice(1) : s;
  if (/^[- ]|[- ]$/.test(body) || !/^[0-9 -]*$/.test(body)) return false;
  const digits = body.replace(/[^0-9]/g, "").length;
  return digits >= 3 && digits <= 20;
}, "Not a valid phone number");
const normalize = (s) => (s.trim().startsWith("+") ? "+" : "") + s.replace(/[^0-9A-Za-z]/g, "");

const duplicates = (rows, ctx) => {
  const first = new Map();
  rows.forEach((r, i) => {
    const key = normalize(r.phoneNumber);
    if (first.has(key)) ctx.addIssue({ code: "custom", path: [i, "phoneNumber"], message: `Duplicate of item ${first.get(key)}`, params: { firstIndex: first.get(key), index: i } });
    else first.set(key, i);
  });
};
const customer = z.object({ name: z.string().optional(), phoneNumber: phone, properties: z.record(z.string(), z.string()).optional() });

/** One importCustomer call: 1–100 customers. */
export const tanyiImport = z.object({ robotCallJobId: id, customerPersons: z.array(customer).min(1).max(100).superRefine(duplicates) });

/**
 * A whole import's rows, any number (what waihu's import planning validates before cutting
 * chunks): zod's `.max(100)` would stop before looking at the rows, so it is left out here.
 */
export const tanyiImportRows = z.object({
  robotCallJobId: id,
  customerPersons: z
    .array(customer)
    .min(1)
    .superRefine(duplicates),
});

const hm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const minutes = (s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
const validDate = (s) => {
  const [y, m, d] = s.split("-").map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(validDate);
const datetime = z.string().regex(/^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/).refine((s) => validDate(s.slice(0, 10)));
const inHours = hm.refine((s) => minutes(s) >= 540 && minutes(s) <= 1200, "Must be between 09:00 and 20:00");
const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const REDIAL = ["CALL_LOSS", "NO_ANSWER", "BUSY", "REFUSED", "POWER_OFF", "OUT_OF_SERVICE", "CAN_NOT_CONNECT", "FROM_PHONE_ERROR", "SYSTEM_ERROR", "VACANT_NUMBER"];
const unique = (xs, ctx, key) => xs.forEach((x, i) => { if (xs.indexOf(x) !== i) ctx.addIssue({ code: "custom", path: [key, i], message: "Duplicate" }); });

export const itniotechTask = z
  .object({
    appId: z.string().trim().min(1).optional(),
    name: z.string().trim().min(1),
    dialogFlowId: id,
    mode: z.enum(["MANUAL", "AUTO"]),
    startDateTime: datetime.optional(),
    endDateTime: datetime.optional(),
    dailyStartDateTime: inHours,
    dailyEndDateTime: inHours,
    inactiveTimeList: z.array(z.object({ startTime: hm, endTime: hm })).max(3).optional(),
    inactiveDateList: z.array(z.object({ startDate: date, endDate: date }).refine((r) => r.startDate <= r.endDate, { path: ["endDate"] })).max(3).optional(),
    daysOfWeek: z.array(z.enum(WEEKDAYS)).optional(),
    robotCount: z.number().int().min(1),
    jobPhoneNumberId: id,
    redial: z.boolean(),
    redialCondition: z.array(z.enum(REDIAL)).optional(),
    redialInterval: z.number().int().min(1).max(1440).optional(),
    redialTimes: z.number().int().min(1).max(3).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.mode === "AUTO" && !t.startDateTime) ctx.addIssue({ code: "custom", path: ["startDateTime"], message: "Required when mode is AUTO" });
    if (t.startDateTime && t.endDateTime && t.startDateTime >= t.endDateTime) ctx.addIssue({ code: "custom", path: ["endDateTime"], message: "startDateTime must be before endDateTime" });
    const [s, e] = [minutes(t.dailyStartDateTime), minutes(t.dailyEndDateTime)];
    if (s >= e) ctx.addIssue({ code: "custom", path: ["dailyEndDateTime"], message: "range inverted" });
    const wins = [];
    (t.inactiveTimeList ?? []).forEach((w, i) => {
      const [ws, we] = [minutes(w.startTime), minutes(w.endTime)];
      if (ws >= we) return ctx.addIssue({ code: "custom", path: ["inactiveTimeList", i, "endTime"], message: "range inverted" });
      // A window outside the daily one, or overlapping another, is only a warning in waihu (no
      // doc forbids it), which zod has no way to say: the search stays, to cost the same.
      wins.push([ws, we, s < e && (ws < s || we > e), wins.findIndex(([a, b]) => ws < b && a < we)]);
    });
    if (t.daysOfWeek) unique(t.daysOfWeek, ctx, "daysOfWeek");
    if (t.redial) {
      for (const k of ["redialCondition", "redialInterval", "redialTimes"]) if (t[k] === undefined) ctx.addIssue({ code: "custom", path: [k], message: "Required when redial is true" });
      if (t.redialCondition?.length === 0) ctx.addIssue({ code: "custom", path: ["redialCondition"], message: "at least 1" });
    }
    if (t.redialCondition) unique(t.redialCondition, ctx, "redialCondition");
  });
