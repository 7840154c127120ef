// What the page knows per vendor: its create-task fields (each with the params path waihu
// reports issues at), its task-list shape and its id params. No credentials: the page calls the
// demo Worker (waihu's edge proxy), which holds them.
//
// Field types: text, int (a whole number), id (a number or a string id), idlist (comma
// separated ids), select (options; `num` sends numbers), multi (checkboxes → array), bool,
// windows (a list of HH:mm windows). `showIf(values)` hides fields that do not apply; hidden
// fields are not sent. `catalog` names a list loaded from the vendor to suggest ids.

const HHMM = "HH:mm";

export const VENDORS = {
  tanyi: {
    label: { en: "Tanyi", zh: "探意" },
    native: "探意",
    fields: [
      { id: "name", path: ["robotCallJob", "name"], type: "text", label: { en: "Task name", zh: "任务名称" }, value: "Demo task", wide: true },
      { id: "dailyStartTime", path: ["robotCallJob", "dailyStartTime"], type: "text", label: { en: "Daily start", zh: "每日开始" }, value: "09:00", placeholder: HHMM, time: true },
      { id: "dailyEndTime", path: ["robotCallJob", "dailyEndTime"], type: "text", label: { en: "Daily end", zh: "每日结束" }, value: "20:00", placeholder: HHMM, time: true },
      { id: "inactive", path: ["robotCallJob", "inactiveTimeList"], type: "windows", keys: ["startTime", "endTime"], label: { en: "Inactive windows", zh: "不拨打时段" },
        hint: { en: "At most three, inside the daily window", zh: "最多三个，需在每日拨打时段之内" } },
      { id: "dialogFlowId", path: ["robotCallJob", "dialogFlowId"], type: "id", label: { en: "Dialog flow (script) id", zh: "话术 ID" }, value: "139", catalog: "scripts" },
      { id: "phoneType", path: ["robotCallJob", "phoneType"], type: "select", label: { en: "Line type", zh: "线路类型" }, value: "LANDLINE",
        options: [["MOBILE", { en: "Mobile (MOBILE)", zh: "手机 (MOBILE)" }], ["LANDLINE", { en: "Landline (LANDLINE)", zh: "固话 (LANDLINE)" }],
          ["UNFIXED_CALL", { en: "No caller ID (UNFIXED_CALL)", zh: "无主叫 (UNFIXED_CALL)" }], ["CALL_POLICY_GROUP", { en: "Policy group (CALL_POLICY_GROUP)", zh: "外呼策略组 (CALL_POLICY_GROUP)" }]] },
      { id: "concurrencyQuota", path: ["concurrencyQuota"], type: "int", label: { en: "Concurrency quota", zh: "并发数" }, value: "1",
        hint: { en: "Required unless the lines are MOBILE", zh: "手机线路以外必填" } },
      { id: "jobPhoneNumberIdList", path: ["jobPhoneNumberIdList"], type: "idlist", label: { en: "Line ids", zh: "线路 ID" }, value: "348", catalog: "lines",
        hint: { en: "Comma-separated", zh: "用逗号分隔" } },
      { id: "robotCount", path: ["robotCallJob", "robotCount"], type: "int", label: { en: "Robot count", zh: "机器人数" }, value: "1" },
      { id: "mode", path: ["robotCallJob", "mode"], type: "select", label: { en: "Start mode", zh: "启动方式" }, value: "MANUAL",
        options: [["MANUAL", { en: "Manual (MANUAL)", zh: "手动 (MANUAL)" }], ["AUTO", { en: "Scheduled (AUTO)", zh: "定时 (AUTO)" }]] },
      { id: "startTime", path: ["robotCallJob", "startTime"], type: "text", label: { en: "Start time", zh: "开始时间" }, placeholder: "yyyy-MM-dd HH:mm:ss",
        hint: { en: "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss", zh: "yyyy-MM-dd 或 yyyy-MM-dd HH:mm:ss" }, showIf: (v) => v.mode === "AUTO" },
      { id: "description", path: ["robotCallJob", "description"], type: "text", label: { en: "Description", zh: "描述" }, optional: true, wide: true },
    ],
    idParams: (id) => ({ robotCallJobId: id }),
    listParams: () => ({ pageNum: 1, pageSize: 50 }),
    createdId: (r) => r?.robotCallJobId,
    tasks: (data) => (data?.content ?? []).map((j) => ({
      id: j.robotCallJobId, name: j.name, status: j.status, lifecycle: tanyiLifecycle(j.status),
      called: j.taskCallTotal === undefined ? "" : `${j.completedTask ?? 0} / ${j.taskCallTotal}`, created: j.createTime ?? "",
    })),
    dryTaskId: 1,
    catalogs: async (client) => ({
      scripts: (await client.listScripts({})).map((s) => ({ value: s.dialogFlowId, label: `${s.name} · ${s.status}` })),
      lines: (await client.listCallerLines({})).map((l) => ({ value: l.tenantPhoneNumberId, label: `${l.phoneType} · ${l.phoneNumber}` })),
    }),
  },

  byrobot: {
    label: { en: "BYRobot", zh: "百应" },
    native: "百应",
    fields: [
      { id: "companyId", path: ["companyId"], type: "id", label: { en: "Company id", zh: "公司 ID" }, value: "1", catalog: "companies",
        hint: { en: "Also used for the task list and imports", zh: "任务列表和导入也使用该公司" } },
      { id: "taskName", path: ["taskName"], type: "text", label: { en: "Task name", zh: "任务名称" }, value: "Demo task" },
      { id: "taskType", path: ["taskType"], type: "select", num: true, label: { en: "Task type", zh: "任务类型" }, value: "2",
        options: [["2", { en: "Manual (2)", zh: "手动 (2)" }], ["1", { en: "Scheduled (1)", zh: "定时 (1)" }]] },
      { id: "workingStartTime", path: ["workingStartTime"], type: "text", label: { en: "Working from", zh: "工作开始" }, value: "09:00", placeholder: HHMM, time: true },
      { id: "workingEndTime", path: ["workingEndTime"], type: "text", label: { en: "Working until", zh: "工作结束" }, value: "20:00", placeholder: HHMM, time: true },
      { id: "breakStartTime", path: ["breakStartTime"], type: "text", label: { en: "Break from", zh: "休息开始" }, placeholder: HHMM, optional: true, time: true },
      { id: "breakEndTime", path: ["breakEndTime"], type: "text", label: { en: "Break until", zh: "休息结束" }, placeholder: HHMM, optional: true, time: true },
      { id: "startDate", path: ["startDate"], type: "text", label: { en: "Start date", zh: "开始日期" }, placeholder: "yyyy-MM-dd", showIf: (v) => v.taskType === "1" },
      { id: "robotDefId", path: ["robotDefId"], type: "id", label: { en: "Robot id", zh: "机器人 ID" }, value: "1", catalog: "robots" },
      { id: "callType", path: ["callType"], type: "select", num: true, label: { en: "Call type", zh: "外呼类型" }, value: "0",
        options: [["0", { en: "SIM line (0)", zh: "手机号 (0)" }], ["1", { en: "Landline (1)", zh: "固话 (1)" }], ["2", { en: "No caller ID (2)", zh: "无主叫 (2)" }]],
        hint: { en: "Must match the lines' type", zh: "需与线路类型一致" } },
      { id: "concurrencyQuota", path: ["concurrencyQuota"], type: "int", label: { en: "AI seats", zh: "AI 坐席数" }, value: "1", optional: true },
      { id: "userPhoneIds", path: ["userPhoneIds"], type: "idlist", label: { en: "Line ids (userPhoneId)", zh: "线路 ID (userPhoneId)" }, value: "1", catalog: "lines",
        hint: { en: "Comma-separated", zh: "用逗号分隔" } },
      { id: "remark", path: ["remark"], type: "text", label: { en: "Remark", zh: "备注" }, optional: true, wide: true },
    ],
    idParams: (id) => ({ taskId: id }),
    listParams: (values) => ({ companyId: idValue(values.companyId), pageNum: 1, pageSize: 50 }),
    importExtra: (values) => ({ companyId: idValue(values.companyId) }),
    createdId: (r) => r,
    tasks: (data) => (data?.list ?? []).map((j) => ({
      id: j.callJobId, name: j.jobName, status: `${j.status} · ${BYROBOT_STATUS[j.status] ?? "?"}`, lifecycle: byrobotLifecycle(j.status),
      called: j.totalCount === undefined ? "" : `${j.doneCount ?? 0} / ${j.totalCount}`, created: "",
    })),
    dryTaskId: 1,
    catalogs: async (client, values) => {
      const companyId = idValue(values.companyId);
      const [companies, lines, robots] = await Promise.all([
        client.listCompanies({}),
        client.listCallerLines({ companyId }).catch(() => []),
        client.listRobots({ companyId }).catch(() => []),
      ]);
      return {
        companies: companies.map((c) => ({ value: c.companyId, label: c.companyName })),
        lines: lines.map((l) => ({ value: l.userPhoneId, label: `${l.phoneName} · type ${l.phoneType}` })),
        robots: robots.map((r) => ({ value: r.robotDefId, label: r.robotName })),
      };
    },
  },

  itniotech: {
    label: { en: "Itniotech", zh: "Itniotech" },
    native: "AI Voice",
    fields: [
      { id: "name", path: ["name"], type: "text", label: { en: "Task name", zh: "任务名称" }, value: "Demo task", wide: true },
      { id: "dailyStartDateTime", path: ["dailyStartDateTime"], type: "text", label: { en: "Daily start", zh: "每日开始" }, value: "09:00", placeholder: HHMM, time: true },
      { id: "dailyEndDateTime", path: ["dailyEndDateTime"], type: "text", label: { en: "Daily end", zh: "每日结束" }, value: "20:00", placeholder: HHMM, time: true },
      { id: "inactive", path: ["inactiveTimeList"], type: "windows", keys: ["startTime", "endTime"], label: { en: "Inactive windows", zh: "不拨打时段" },
        hint: { en: "At most three, inside the daily window", zh: "最多三个，需在每日拨打时段之内" } },
      { id: "daysOfWeek", path: ["daysOfWeek"], type: "multi", label: { en: "Days of week", zh: "拨打日" }, optional: true, wide: true,
        options: [["MONDAY", { en: "Mon", zh: "周一" }], ["TUESDAY", { en: "Tue", zh: "周二" }], ["WEDNESDAY", { en: "Wed", zh: "周三" }],
          ["THURSDAY", { en: "Thu", zh: "周四" }], ["FRIDAY", { en: "Fri", zh: "周五" }], ["SATURDAY", { en: "Sat", zh: "周六" }], ["SUNDAY", { en: "Sun", zh: "周日" }]] },
      { id: "dialogFlowId", path: ["dialogFlowId"], type: "id", label: { en: "Dialog flow (script) id", zh: "话术 ID" }, value: "8663", catalog: "scripts" },
      { id: "jobPhoneNumberId", path: ["jobPhoneNumberId"], type: "id", label: { en: "Line id", zh: "线路 ID" }, value: "2959", catalog: "lines" },
      { id: "robotCount", path: ["robotCount"], type: "int", label: { en: "Robot count", zh: "机器人数" }, value: "1" },
      { id: "mode", path: ["mode"], type: "select", label: { en: "Start mode", zh: "启动方式" }, value: "MANUAL",
        options: [["MANUAL", { en: "Manual (MANUAL)", zh: "手动 (MANUAL)" }], ["AUTO", { en: "Scheduled (AUTO)", zh: "定时 (AUTO)" }]] },
      { id: "startDateTime", path: ["startDateTime"], type: "text", label: { en: "Start", zh: "开始时间" }, placeholder: "yyyy-MM-dd HH:mm:ss", showIf: (v) => v.mode === "AUTO" },
      { id: "endDateTime", path: ["endDateTime"], type: "text", label: { en: "End", zh: "结束时间" }, placeholder: "yyyy-MM-dd HH:mm:ss", optional: true, showIf: (v) => v.mode === "AUTO" },
      { id: "redial", path: ["redial"], type: "bool", label: { en: "Auto redial", zh: "自动重拨" }, value: false, wide: true },
      { id: "redialCondition", path: ["redialCondition"], type: "multi", label: { en: "Redial when", zh: "重拨条件" }, wide: true, showIf: (v) => v.redial,
        options: ["NO_ANSWER", "BUSY", "REFUSED", "POWER_OFF", "OUT_OF_SERVICE", "CAN_NOT_CONNECT", "CALL_LOSS", "FROM_PHONE_ERROR", "SYSTEM_ERROR", "VACANT_NUMBER"].map((c) => [c, c]) },
      { id: "redialInterval", path: ["redialInterval"], type: "int", label: { en: "Redial interval (min)", zh: "重拨间隔（分钟）" }, showIf: (v) => v.redial },
      { id: "redialTimes", path: ["redialTimes"], type: "int", label: { en: "Redial times", zh: "重拨次数" }, showIf: (v) => v.redial },
    ],
    idParams: (id) => ({ jobId: id }),
    listParams: () => ({ current: 1, size: 50 }),
    createdId: (r) => r,
    tasks: (data) => (data?.records ?? []).map((j) => ({
      id: j.jobId, name: j.name, status: j.status ?? "", lifecycle: tanyiLifecycle(j.status),
      called: j.taskTotal === undefined ? "" : `${j.taskCompleted ?? 0} / ${j.taskTotal}`, created: j.createTime ?? "",
    })),
    dryTaskId: 1,
    catalogs: async (client) => ({
      scripts: (await client.listScripts({})).map((s) => ({ value: s.dialogFlowId, label: s.name })),
      lines: (await client.listCallerLines({})).map((l) => ({ value: l.tenantPhoneNumberId, label: l.phoneNumber })),
    }),
  },

  zxycall: {
    label: { en: "ZXY", zh: "ZXY" },
    native: "zxycall",
    usesMeta: true,
    fields: [
      { id: "name", path: ["name"], type: "text", label: { en: "Task name", zh: "任务名称" }, value: "Demo task", wide: true },
      { id: "caller_line_id", path: ["caller_line_id"], type: "select", label: { en: "Caller line", zh: "外呼线路" }, wide: true,
        meta: (m) => m.caller_line_list.map((l) => [l.value, `${l.name} · ${l.call_number ?? ""} · residue ${l.residue}`]) },
      { id: "maximumcall", path: ["maximumcall"], type: "int", label: { en: "Concurrency (maximumcall)", zh: "并发数 (maximumcall)" }, value: "1",
        hint: { en: "At most the line's remaining concurrency", zh: "不超过线路剩余并发" } },
      { id: "destination_extension", path: ["destination_extension"], type: "select", num: true, label: { en: "Script group", zh: "话术分组" },
        meta: (m) => m.outbound_group.map((g) => [String(g.id), `${g.id} · ${g.name}`]) },
      { id: "disable_dial_timegroup", path: ["disable_dial_timegroup"], type: "select", label: { en: "No-dial time group", zh: "禁拨时间组" },
        meta: (m) => m.enum_disable_dial_timegroup.map((g) => [g.uuid, g.name]) },
      { id: "auto_recycle_rule_id", path: ["auto_recycle_rule_id"], type: "select", num: true, label: { en: "Redial rule", zh: "重呼规则" },
        meta: (m) => m.auto_recycle_rules.map((r) => [String(r.id), `${r.id} · ${r.name}${r.status ? "" : " (off)"}`]) },
      { id: "customer_service_id", path: ["customer_service_id"], type: "select", num: true, label: { en: "Customer-service group", zh: "客服组" }, optional: true,
        meta: (m) => m.customer_service.map((c) => [String(c.id), `${c.id} · ${c.name}`]) },
      { id: "_originate_timeout", path: ["_originate_timeout"], type: "int", label: { en: "Dial timeout (s)", zh: "呼叫超时（秒）" }, value: "60" },
      { id: "call_pause_second", path: ["call_pause_second"], type: "int", label: { en: "Pause between calls (s)", zh: "呼叫间隔（秒）" }, value: "10" },
      { id: "recycle_limit", path: ["recycle_limit"], type: "int", label: { en: "recycle_limit", zh: "recycle_limit" }, value: "0", hint: { en: "Deprecated; always 0", zh: "已弃用，固定为 0" } },
      { id: "random_assignment_number", path: ["random_assignment_number"], type: "int", label: { en: "random_assignment_number", zh: "random_assignment_number" }, value: "0",
        hint: { en: "Always 0", zh: "固定为 0" } },
      { id: "remark", path: ["remark"], type: "text", label: { en: "Remark", zh: "备注" }, optional: true, wide: true },
    ],
    idParams: (id) => ({ task_id: String(id) }),
    listParams: () => ({ page: 1, per_page: 50 }),
    createdId: (r) => r?.uuid,
    tasks: (data) => (data?.data ?? []).map((j) => ({
      id: j.uuid, name: j.name, status: `start = ${j.start}${j.start_str ? ` · ${j.start_str}` : ""}`, lifecycle: j.start === 1 ? "running" : "paused",
      called: j.progress_bar ? `${j.progress_bar.progress} / ${j.progress_bar.total}` : "", created: j.create_datetime ?? "",
    })),
    dryTaskId: "00000000-0000-0000-0000-000000000000",
    /** Picks the first usable entry of each list once the create options are loaded. */
    metaDefaults: (m) => ({
      caller_line_id: m.caller_line_list.find((l) => l.residue >= 1)?.value,
      destination_extension: m.outbound_group[0] && String(m.outbound_group[0].id),
      disable_dial_timegroup: m.enum_disable_dial_timegroup[0]?.uuid,
      auto_recycle_rule_id: String(m.auto_recycle_rules.find((r) => r.status)?.id ?? ""),
    }),
  },
};

// BYRobot task status (src/vendors/byrobot/README.md, Enums).
const BYROBOT_STATUS = { 0: "未开始", 1: "进行中", 2: "已完成", 3: "可运行", 4: "用户暂停", 5: "系统暂停", 6: "已终止", 7: "排队中", 8: "AI到期", 9: "线路欠费", 10: "短信欠费" };

function tanyiLifecycle(s) {
  if (s === "NOT_STARTED") return "created";
  if (["IN_PROCESS", "RUNNABLE", "IN_QUEUE", "WAITING_FOR_REDIAL"].includes(s)) return "running";
  if (["USER_PAUSE", "SYSTEM_SUSPENDED", "SYSTEM_HANG_UP", "ACCOUNT_DISABLE", "MAINTAIN"].includes(s)) return "paused";
  if (s === "COMPLETED") return "completed";
  if (s === "TERMINATE") return "stopped";
  return "unknown";
}
function byrobotLifecycle(s) {
  return { 0: "created", 1: "running", 3: "running", 7: "running", 2: "completed", 4: "paused", 5: "paused", 8: "paused", 9: "paused", 10: "paused", 6: "stopped" }[s] ?? "unknown";
}

/** Digits become a number; anything else is passed as typed, for waihu to judge. */
export function idValue(raw) {
  const s = String(raw ?? "").trim();
  if (s === "") return undefined;
  return /^\d{1,15}$/.test(s) ? Number(s) : s;
}

/** A field's form value as the params value, or undefined to leave it out. */
export function paramValue(field, raw) {
  switch (field.type) {
    case "bool":
      return Boolean(raw);
    case "multi":
      return raw?.length ? [...raw] : undefined;
    case "idlist": {
      const parts = String(raw ?? "").split(/[\s,，;]+/).filter(Boolean);
      return parts.length ? parts.map(idValue) : undefined;
    }
    case "id":
      return idValue(raw);
    case "int": {
      const s = String(raw ?? "").trim();
      if (s === "") return undefined;
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    }
    case "select":
      if (raw === undefined || raw === "") return undefined;
      return field.num ? idValue(raw) : raw;
    case "windows": {
      const rows = (raw ?? []).map((w) => Object.fromEntries(field.keys.map((k) => [k, w[k]]).filter(([, v]) => v !== undefined && v !== "")));
      return rows.length ? rows : undefined;
    }
    default: {
      const s = String(raw ?? "");
      return s.trim() === "" ? undefined : s;
    }
  }
}

/** The createTask params of a vendor's form values. */
export function buildParams(vendor, values) {
  const params = {};
  for (const f of VENDORS[vendor].fields) {
    if (f.showIf && !f.showIf(values)) continue;
    const v = paramValue(f, values[f.id]);
    if (v === undefined) continue;
    let o = params;
    for (const k of f.path.slice(0, -1)) o = o[k] ??= {};
    o[f.path.at(-1)] = v;
  }
  return params;
}

/** Initial form values of a vendor. */
export function initialValues(vendor) {
  return Object.fromEntries(VENDORS[vendor].fields.map((f) => [f.id, f.type === "windows" || f.type === "multi" ? [] : f.value ?? (f.type === "bool" ? false : "")]));
}
