// What the page knows per vendor: its credentials, its own section of the unified create-task
// form (`own`: its ids and the options only it has, each with the spec path waihu reports
// issues at; the common fields are in task-form.js), and its id and query params. No
// credentials: the page calls the demo Worker (waihu's edge proxy), which holds them.
//
// Field types: text, int (a whole number), id (a number or a string id), idlist (comma
// separated ids), select (options; `num` sends numbers, `list` a one-item list), multi
// (checkboxes → array), bool, windows (a list of {start, end} windows). `showIf(values)` hides
// fields that do not apply; hidden fields are not sent. `catalog` names a list loaded from the
// vendor to suggest ids.

export const VENDORS = {
  tanyi: {
    label: { en: "Tanyi", zh: "探意" },
    native: "探意",
    own: [
      { id: "script", path: ["script"], type: "id", label: { en: "Dialog flow (script) id", zh: "话术 ID" }, value: "139", catalog: "scripts" },
      { id: "lines", path: ["lines"], type: "idlist", label: { en: "Line ids", zh: "线路 ID" }, value: "348", catalog: "lines", hint: { en: "Comma-separated", zh: "用逗号分隔" } },
      { id: "csStaffGroupId", path: ["vendorOptions", "tanyi", "robotCallJob", "csStaffGroupId"], type: "id", label: { en: "Seat group (csStaffGroupId)", zh: "坐席组 (csStaffGroupId)" }, optional: true },
    ],
    idParams: (id) => ({ robotCallJobId: id }),
    listParams: () => ({ pageNum: 1, pageSize: 50 }),
    dryTaskId: 1,
    catalogs: async (client) => ({
      scripts: (await client.listScripts({})).map((s) => ({ value: s.dialogFlowId, label: `${s.name} · ${s.status}` })),
      lines: (await client.listCallerLines({})).map((l) => ({ value: l.tenantPhoneNumberId, label: `${l.phoneType} · ${l.phoneNumber}` })),
    }),
  },

  byrobot: {
    label: { en: "BYRobot", zh: "百应" },
    native: "百应",
    own: [
      { id: "companyId", path: ["vendorOptions", "byrobot", "companyId"], type: "id", label: { en: "Company id", zh: "公司 ID" }, value: "1", catalog: "companies",
        hint: { en: "Also used for the task list and imports", zh: "任务列表和导入也使用该公司" } },
      { id: "script", path: ["script"], type: "id", label: { en: "Robot id", zh: "机器人 ID" }, value: "1", catalog: "robots" },
      { id: "lines", path: ["lines"], type: "idlist", label: { en: "Line ids (userPhoneId)", zh: "线路 ID (userPhoneId)" }, value: "13", catalog: "lines",
        hint: { en: "Comma-separated; of the line type above", zh: "用逗号分隔；需为上面的线路类型" } },
    ],
    idParams: (id) => ({ taskId: id }),
    listParams: (values) => ({ companyId: idValue(values.companyId), pageNum: 1, pageSize: 50 }),
    importExtra: (values) => ({ companyId: idValue(values.companyId) }),
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
    own: [
      { id: "script", path: ["script"], type: "id", label: { en: "Dialog flow (script) id", zh: "话术 ID" }, value: "8663", catalog: "scripts" },
      { id: "lines", path: ["lines"], type: "idlist", label: { en: "Line id", zh: "线路 ID" }, value: "2959", catalog: "lines" },
    ],
    idParams: (id) => ({ jobId: id }),
    listParams: () => ({ current: 1, size: 50 }),
    // recordQuery takes a time range, not a task: waihu filters its records by task.
    callParams: () => ({ params: { startTime: "2000-01-01 00:00:00", endTime: "2100-01-01 00:00:00" } }),
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
    own: [
      { id: "script", path: ["script"], type: "select", num: true, label: { en: "Script group", zh: "话术分组" },
        meta: (m) => m.outbound_group.map((g) => [String(g.id), `${g.id} · ${g.name}`]) },
      { id: "lines", path: ["lines"], type: "select", list: true, label: { en: "Caller line", zh: "外呼线路" }, wide: true,
        meta: (m) => m.caller_line_list.map((l) => [l.value, `${l.name} · ${l.call_number ?? ""} · residue ${l.residue}`]) },
      { id: "disable_dial_timegroup", path: ["vendorOptions", "zxycall", "disable_dial_timegroup"], type: "select", label: { en: "No-dial time group", zh: "禁拨时间组" },
        meta: (m) => m.enum_disable_dial_timegroup.map((g) => [g.uuid, g.name]) },
      { id: "auto_recycle_rule_id", path: ["vendorOptions", "zxycall", "auto_recycle_rule_id"], type: "select", num: true, label: { en: "Redial rule", zh: "重呼规则" },
        meta: (m) => m.auto_recycle_rules.map((r) => [String(r.id), `${r.id} · ${r.name}${r.status ? "" : " (off)"}`]) },
      { id: "customer_service_id", path: ["vendorOptions", "zxycall", "customer_service_id"], type: "select", num: true, label: { en: "Customer-service group", zh: "客服组" }, optional: true,
        meta: (m) => m.customer_service.map((c) => [String(c.id), `${c.id} · ${c.name}`]) },
      { id: "_originate_timeout", path: ["vendorOptions", "zxycall", "_originate_timeout"], type: "int", label: { en: "Dial timeout (s)", zh: "呼叫超时（秒）" }, value: "60" },
      { id: "call_pause_second", path: ["vendorOptions", "zxycall", "call_pause_second"], type: "int", label: { en: "Pause between calls (s)", zh: "呼叫间隔（秒）" }, value: "10" },
    ],
    idParams: (id) => ({ task_id: String(id) }),
    listParams: () => ({ page: 1, per_page: 50 }),
    dryTaskId: "00000000-0000-0000-0000-000000000000",
    /** Picks the first usable entry of each list once the create options are loaded. */
    metaDefaults: (m) => ({
      lines: m.caller_line_list.find((l) => l.residue >= 1)?.value,
      script: m.outbound_group[0] && String(m.outbound_group[0].id),
      disable_dial_timegroup: m.enum_disable_dial_timegroup[0]?.uuid,
      auto_recycle_rule_id: String(m.auto_recycle_rules.find((r) => r.status)?.id ?? ""),
    }),
  },
};

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
    case "select": {
      if (raw === undefined || raw === "") return undefined;
      const v = field.num ? idValue(raw) : raw;
      return field.list ? [v] : v;
    }
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
