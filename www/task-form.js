// The vendor-neutral create-task form: waihu's unified task spec (README "One task, four
// vendors"). The common fields keep their values across vendor tabs; each vendor's ids and
// options (its own section, `own` in vendors.js) keep theirs per vendor. waihu maps the spec
// onto the chosen vendor and reports every issue at the spec path, so each lands on the same
// field whatever the vendor; what a vendor cannot express is `unsupported_field`.
import { VENDORS, paramValue } from "./vendors.js";

const HHMM = "HH:mm";
const DAY = "yyyy-MM-dd";

const DAYS = [["monday", { en: "Mon", zh: "周一" }], ["tuesday", { en: "Tue", zh: "周二" }], ["wednesday", { en: "Wed", zh: "周三" }],
  ["thursday", { en: "Thu", zh: "周四" }], ["friday", { en: "Fri", zh: "周五" }], ["saturday", { en: "Sat", zh: "周六" }], ["sunday", { en: "Sun", zh: "周日" }]];

const REDIAL_ON = [["noAnswer", { en: "No answer", zh: "无应答" }], ["busy", { en: "Busy", zh: "忙线" }], ["rejected", { en: "Rejected", zh: "拒接" }],
  ["unreachable", { en: "Unreachable", zh: "无法接通" }], ["poweredOff", { en: "Powered off", zh: "关机" }], ["outOfService", { en: "Out of service", zh: "停机" }],
  ["vacant", { en: "Vacant number", zh: "空号" }], ["callerLineError", { en: "Caller line error", zh: "主叫异常" }], ["dropped", { en: "Dropped", zh: "呼损" }],
  ["failed", { en: "Failed", zh: "外呼失败" }]];

/** The spec's fields, with their spec paths. `toggle` fields only show others; they are not sent. */
export const COMMON = [
  { id: "name", path: ["name"], type: "text", label: { en: "Task name", zh: "任务名称" }, value: "Demo task", wide: true },
  { id: "lineType", path: ["lineType"], type: "select", label: { en: "Line type", zh: "线路类型" }, value: "landline", optional: true,
    options: [["mobile", { en: "Mobile", zh: "手机" }], ["landline", { en: "Landline", zh: "固话" }], ["unfixed", { en: "No caller ID", zh: "无主叫" }], ["policyGroup", { en: "Policy group", zh: "外呼策略组" }]] },
  { id: "robots", path: ["robots"], type: "int", label: { en: "Robots (AI seats)", zh: "机器人数（AI 坐席）" }, value: "1" },
  { id: "concurrency", path: ["concurrency"], type: "int", label: { en: "Concurrency", zh: "并发数" }, value: "1", optional: true },
  { id: "startMode", path: ["start", "mode"], alias: [["start"]], type: "select", label: { en: "Start", zh: "启动方式" }, value: "manual",
    options: [["manual", { en: "By hand", zh: "手动" }], ["auto", { en: "At a time", zh: "定时" }]] },
  { id: "startAt", path: ["start", "at"], type: "text", label: { en: "Start at", zh: "开始时间" }, placeholder: "2024-05-01T09:00:00+08:00",
    hint: { en: "ISO 8601; without an offset it is China time", zh: "ISO 8601；不带时区时按北京时间" }, showIf: (v) => v.startMode === "auto" },
  { id: "end", path: ["end"], type: "text", label: { en: "End at", zh: "结束时间" }, placeholder: "2024-05-31T20:00:00+08:00", optional: true },
  { id: "hoursStart", path: ["hours", "start"], alias: [["hours"]], type: "text", label: { en: "Daily start", zh: "每日开始" }, value: "09:00", placeholder: HHMM, time: true },
  { id: "hoursEnd", path: ["hours", "end"], type: "text", label: { en: "Daily end", zh: "每日结束" }, value: "20:00", placeholder: HHMM, time: true },
  { id: "breaks", path: ["breaks"], type: "windows", keys: ["start", "end"], label: { en: "Breaks", zh: "不拨打时段" }, placeholder: HHMM },
  { id: "days", path: ["days"], type: "multi", label: { en: "Days of week", zh: "拨打日" }, optional: true, wide: true, options: DAYS },
  { id: "skipDates", path: ["skipDates"], type: "windows", keys: ["start", "end"], label: { en: "Dates to skip", zh: "不拨打日期" }, placeholder: DAY },
  { id: "redial", path: ["redial"], type: "bool", toggle: true, label: { en: "Redial", zh: "自动重拨" }, value: false, wide: true },
  { id: "redialTimes", path: ["redial", "times"], type: "int", label: { en: "Redial times", zh: "重拨次数" }, showIf: (v) => v.redial },
  { id: "redialInterval", path: ["redial", "interval"], type: "int", label: { en: "Redial interval (min)", zh: "重拨间隔（分钟）" }, showIf: (v) => v.redial },
  { id: "redialOn", path: ["redial", "on"], type: "multi", label: { en: "Redial after", zh: "重拨条件" }, wide: true, options: REDIAL_ON, showIf: (v) => v.redial },
  { id: "note", path: ["note"], type: "text", label: { en: "Note", zh: "备注" }, optional: true, wide: true },
];

const SECTION = { id: "vendor-section", type: "section", label: { en: "Vendor ids and options", zh: "厂商 ID 与选项" },
  hint: { en: "Kept per vendor: ids differ between vendors; options are what only this vendor has (vendorOptions).", zh: "按厂商分别保存：各厂商的 ID 不同；选项为该厂商独有的字段（vendorOptions）。" } };

/** Every field of the form for a vendor: the common ones, then its own section. */
export function fieldsFor(vendor) {
  return [...COMMON, SECTION, ...VENDORS[vendor].own];
}

export function initialCommon() {
  return Object.fromEntries(COMMON.map((f) => [f.id, f.type === "windows" || f.type === "multi" ? [] : f.value ?? (f.type === "bool" ? false : "")]));
}

export function initialOwn(vendor) {
  return Object.fromEntries(VENDORS[vendor].own.map((f) => [f.id, f.type === "multi" ? [] : f.value ?? ""]));
}

/** One values object over the shared values and the vendor's own. */
export function formValues(common, own) {
  return new Proxy({}, {
    get: (_, k) => (k in own ? own : common)[k],
    set: (_, k, v) => { (k in own ? own : common)[k] = v; return true; },
  });
}

/** The spec of the form's values (hidden fields and toggles are not sent). */
export function buildSpec(vendor, values) {
  const spec = {};
  for (const f of fieldsFor(vendor)) {
    if (f.type === "section" || f.toggle || (f.showIf && !f.showIf(values))) continue;
    const v = paramValue(f, values[f.id]);
    if (v === undefined) continue;
    let o = spec;
    for (const k of f.path.slice(0, -1)) o = o[k] ??= {};
    o[f.path.at(-1)] = v;
  }
  return spec;
}

/** The unified status as a badge class (raw values differ per vendor; the status does not). */
export const LIFECYCLE = { notStarted: "created", queued: "running", running: "running", paused: "paused", suspended: "paused", completed: "completed", stopped: "stopped" };

/** A task's calls as table rows: the unified outcome, the vendor's own on hover. */
export function callRows(h, calls) {
  return calls.map((c) => h("tr", { "data-call-id": c.callId },
    h("td", {}, h("code", {}, c.callId)),
    h("td", {}, h("code", {}, c.phone)),
    h("td", { class: "outcome" }, h("span", { class: `badge out-${c.outcome}`, title: `${c.rawOutcome}` }, c.outcome)),
    h("td", {}, c.intent ?? ""),
    h("td", { class: "num" }, c.durationSeconds ?? ""),
    h("td", { class: "muted" }, c.startedAt ?? "")));
}
