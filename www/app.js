// The waihu admin page: plain ES modules over the package's browser entry ("waihu" is mapped to
// /waihu/browser.js by the import map in index.html).
import { VENDORS, idValue } from "./vendors.js";
import { fieldsFor, initialCommon, initialOwn, formValues, buildSpec, LIFECYCLE, callRows } from "./task-form.js";
import { t, L, locale, setLocale } from "./i18n.js";
import { sampleCsv } from "./csv.js";

let waihu; // the package, loaded in boot()

// ---------------------------------------------------------------------------------------------
// DOM helpers

const $ = (sel, root = document) => root.querySelector(sel);

/** h("button", { class: "btn", onclick }, "text", child…): an element; text via textContent. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (["value", "checked", "disabled", "hidden", "selected"].includes(k)) el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const clock = (d = new Date()) => d.toLocaleTimeString("en-GB", { hour12: false });

/** Shows a message in a status region: kind ok | error | info. */
function message(el, kind, text) {
  el.replaceChildren();
  if (!text) return;
  el.append(h("div", { class: `note ${kind}` }, text));
}

/** A readable line for any waihu error: "VendorError -45: …". */
function describeError(e) {
  if (waihu.isVendorError(e)) {
    const main = e.explanation || e.vendorMessage || e.message;
    const verbatim = e.explanation && e.vendorMessage && e.vendorMessage !== e.explanation ? ` (“${e.vendorMessage}”)` : "";
    return `VendorError ${e.code}: ${main}${verbatim}`;
  }
  if (waihu.isValidationError(e)) return `ValidationError: ${issuesText(e.issues)}`;
  if (waihu.isResponseError(e)) return `ResponseError (HTTP ${e.status}): ${e.message}`;
  if (waihu.isNetworkError(e) || waihu.isTimeoutError(e)) return `${e.name}: ${e.message}${e.mayHaveApplied ? " — it may have reached the vendor" : ""}`;
  return `${e?.name ?? "Error"}: ${e?.message ?? e}`;
}

const issuesText = (issues) => issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ");

/** A readable line for an error the Worker answered as JSON (`{ error: { name, code, message, issues? } }`). */
function describeReply(status, body) {
  const e = body?.error ?? {};
  return `${e.name ?? "Error"} (HTTP ${status}${e.code ? `, ${e.code}` : ""}): ${e.issues ? issuesText(e.issues) : e.message ?? ""}`;
}

// ---------------------------------------------------------------------------------------------
// State

const VENDOR_NAMES = { tanyi: "Tanyi 探意", byrobot: "BYRobot 百应", itniotech: "Itniotech", zxycall: "ZXY" };

const state = {
  vendor: "tanyi",
  // The demo Worker's proxy and the demo user's token (from /config.json): the page holds no
  // vendor secret.
  proxy: { url: "http://127.0.0.1:8788/api", token: "" },
  common: {}, // the unified form's shared values (task-form.js)
  values: {}, // vendor → its own section's values
  catalogs: {}, // vendor → { scripts, lines, … } (suggestions)
  meta: {}, // vendor → getCreateOptions reply (ZXY)
  metaState: {}, // vendor → "loading" | "error: …"
  client: null,
  dryClient: null,
  issues: [],
  request: null,
  creating: false,
  tasks: [],
  tasksSeq: 0,
  tasksError: false, // the list failed to load (its message is cleared by a later load)
  importTask: {}, // vendor → selected task id (string)
  csv: { customers: [], rowIssues: new Map(), general: [], error: null, seq: 0 },
  importing: null, // AbortController while an import runs
  report: null,
};

const vdef = () => VENDORS[state.vendor];
const values = () => formValues(state.common, state.values[state.vendor]);
const fields = () => fieldsFor(state.vendor);
const supports = (op) => waihu.operations(state.vendor).includes(op);

// Issue slots: params path ("robotCallJob.dailyEndTime") → where its issues go.
const slots = { conn: new Map(), form: new Map() };

// ---------------------------------------------------------------------------------------------
// Boot

async function boot() {
  try {
    waihu = await import("waihu");
  } catch (e) {
    $("#boot").className = "notice error";
    $("#boot").textContent = `Could not load waihu from /waihu/browser.js (${e.message}). Build the package: npm run build.`;
    return;
  }
  try {
    const cfg = await (await fetch("/config.json")).json();
    if (cfg.proxyUrl) state.proxy.url = cfg.proxyUrl;
    if (cfg.token) state.proxy.token = cfg.token;
  } catch { /* keep the default proxy URL */ }

  const stamp = clock().slice(0, 5);
  for (const v of Object.keys(VENDORS)) {
    state.values[v] = initialOwn(v);
  }
  state.common = initialCommon();
  state.common.name = `Demo task ${stamp}`;

  renderVendorPicker();
  wireStatic();
  setLocale("en");
  applyStaticText();
  $("#boot").remove();
  for (const id of ["#connection", "#create-area", "#tasks", "#customers"]) $(id).hidden = false;
  selectVendor("tanyi");
  document.body.dataset.ready = "true";
}

function renderVendorPicker() {
  const box = $("#vendor-picker");
  for (const v of Object.keys(VENDORS)) {
    box.append(h("label", { class: "seg" },
      h("input", { type: "radio", name: "vendor", value: v, checked: v === state.vendor, onchange: () => selectVendor(v) }),
      h("span", {}, VENDOR_NAMES[v])));
  }
}

function applyStaticText() {
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  const toggle = $("#lang-toggle");
  toggle.textContent = t("langToggle");
  toggle.lang = locale() === "en" ? "zh-CN" : "en";
  toggle.setAttribute("aria-label", t("langToggleLabel"));
}

function wireStatic() {
  $("#lang-toggle").addEventListener("click", () => {
    setLocale(locale() === "en" ? "zh-CN" : "en");
    applyStaticText();
    renderConnection();
    renderForm();
    makeClient();
    refresh();
    renderTasks();
    checkCustomers();
    renderReport();
  });
  $("#create-form").addEventListener("input", onFormInput);
  $("#create-form").addEventListener("submit", onSubmit);
  $("#tasks-refresh").addEventListener("click", () => loadTasks());
  $("#csv").addEventListener("input", debounce(() => checkCustomers(), 200));
  $("#csv-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    $("#csv").value = await file.text();
    e.target.value = "";
    checkCustomers();
  });
  $("#csv-sample").addEventListener("click", () => { $("#csv").value = sampleCsv(); checkCustomers(); });
  $("#csv-clear").addEventListener("click", () => { $("#csv").value = ""; checkCustomers(); $("#csv").focus(); });
  $("#only-issues").addEventListener("change", renderRows);
  $("#import-task").addEventListener("change", (e) => { state.importTask[state.vendor] = e.target.value; checkCustomers(); });
  $("#import-btn").addEventListener("click", runImport);
  $("#import-cancel").addEventListener("click", () => state.importing?.abort());
  $("#upload-file").addEventListener("change", updateImportButton);
  $("#upload-btn").addEventListener("click", runUpload);
}

function debounce(fn, ms) {
  let timer;
  return (...a) => { clearTimeout(timer); timer = setTimeout(() => fn(...a), ms); };
}

function selectVendor(v) {
  state.vendor = v;
  for (const r of document.querySelectorAll('input[name="vendor"]')) r.checked = r.value === v;
  state.tasks = [];
  state.report = null;
  $("#calls-panel").hidden = true;
  renderConnection();
  renderForm();
  makeClient();
  refresh();
  renderTasks();
  renderReport();
  message($("#create-msg"), "", "");
  message($("#tasks-msg"), "", "");
  message($("#import-msg"), "", "");
  $("#progress-box").hidden = true;
  loadRemoteData();
  checkCustomers();
}

/** Task list, suggestions and (ZXY) create options, from the vendor. */
function loadRemoteData() {
  loadTasks();
  loadCatalogs();
  if (vdef().usesMeta) loadMeta();
}

// ---------------------------------------------------------------------------------------------
// Connection

function renderConnection() {
  const box = $("#conn-fields");
  box.replaceChildren();
  slots.conn.clear();
  const p = state.proxy;
  const onInput = () => { makeClient(); refresh(); };
  const onChange = () => loadRemoteData();
  const urlInput = h("input", {
    id: "proxy-url", type: "url", value: p.url, spellcheck: "false",
    oninput: (e) => { p.url = e.target.value; onInput(); }, onchange: onChange,
  });
  const tokenInput = h("input", {
    id: "user-token", type: "password", value: p.token, autocomplete: "off", spellcheck: "false",
    oninput: (e) => { p.token = e.target.value; onInput(); }, onchange: onChange,
  });
  box.append(
    h("div", { class: "field wide" }, h("label", { for: "proxy-url" }, t("proxyUrl")), urlInput),
    h("div", { class: "field" }, h("label", { for: "user-token" }, t("userToken")), h("div", { class: "with-btn" }, tokenInput, h("button", {
      type: "button", class: "btn ghost small", "aria-controls": "user-token", "aria-pressed": "false",
      onclick: (e) => {
        const show = tokenInput.type === "password";
        tokenInput.type = show ? "text" : "password";
        e.currentTarget.textContent = show ? t("hide") : t("show");
        e.currentTarget.setAttribute("aria-pressed", String(show));
      },
    }, t("show")))));
}

function makeClient() {
  const p = state.proxy;
  try {
    state.client = new waihu.Client({ vendor: state.vendor, proxyUrl: p.url, token: p.token, locale: locale(), timeoutMs: 30_000, maxRetries: 1 });
  } catch (e) {
    state.client = null;
    message($("#tasks-msg"), "error", describeError(e));
  }
  // Dry runs of imports never send (their signal is aborted): the plan is made in the page.
  state.dryClient = new waihu.Client({ vendor: state.vendor, proxyUrl: "http://127.0.0.1:9/dry-run", locale: locale() });
}

// ---------------------------------------------------------------------------------------------
// Create-task form

function renderForm() {
  const box = $("#form-fields");
  box.replaceChildren();
  slots.form.clear();
  for (const f of fields()) box.append(f.type === "section" ? renderSection(f) : renderField(f));
  renderMetaBar();
  renderCatalogs();
}

/** The heading of the vendor's own part of the form. */
function renderSection(f) {
  return h("div", { class: "field wide form-section", "data-field-wrap": f.id },
    h("h3", { class: "small" }, L(f.label), " · ", VENDOR_NAMES[state.vendor]), h("p", { class: "hint" }, L(f.hint)));
}

function registerSlot(path, list, wrap, inputs) {
  slots.form.set(path.join("."), { list, wrap, inputs });
}

function renderField(f) {
  const v = values();
  const id = `f-${f.id}`;
  const hint = f.hint ? h("p", { class: "hint", id: `${id}-hint` }, L(f.hint)) : null;
  const issues = h("ul", { class: "issues", id: `${id}-issues` });
  const describedBy = [hint && `${id}-hint`, `${id}-issues`].filter(Boolean).join(" ");
  const label = h("label", { for: id }, L(f.label), f.optional ? h("span", { class: "opt" }, ` · ${t("optional")}`) : null);
  const cls = `field type-${f.type}${f.wide || f.catalog ? " wide" : ""}`;
  const common = { id, "data-field": f.id, "aria-describedby": describedBy };

  let wrap, inputs;
  switch (f.type) {
    case "select": {
      const opts = f.meta ? (state.meta[state.vendor] ? f.meta(state.meta[state.vendor].meta ?? state.meta[state.vendor]) : []) : f.options.map(([val, lab]) => [val, L(lab)]);
      const select = h("select", common,
        f.meta || f.optional ? h("option", { value: "" }, f.optional ? t("none") : t("choose")) : null,
        opts.map(([val, lab]) => h("option", { value: val, selected: String(v[f.id]) === String(val) }, lab)));
      select.value = v[f.id] ?? "";
      inputs = [select];
      wrap = h("div", { class: cls }, label, select, hint, issues);
      break;
    }
    case "bool": {
      const input = h("input", { ...common, type: "checkbox", checked: Boolean(v[f.id]) });
      inputs = [input];
      wrap = h("div", { class: cls }, h("label", { class: "check", for: id }, input, " ", L(f.label)), hint, issues);
      break;
    }
    case "multi": {
      inputs = f.options.map(([val, lab], i) => h("input", {
        type: "checkbox", id: `${id}-${i}`, "data-field": f.id, value: val, checked: v[f.id].includes(val),
      }));
      wrap = h("fieldset", { class: cls, "aria-describedby": describedBy },
        h("legend", {}, L(f.label), f.optional ? h("span", { class: "opt" }, ` · ${t("optional")}`) : null),
        h("div", { class: "checks" }, inputs.map((input, i) => h("label", { class: "check chip-check", for: input.id }, input, " ", L(f.options[i][1])))),
        hint, issues);
      break;
    }
    case "windows":
      return renderWindows(f);
    default: {
      const input = h("input", {
        ...common, type: "text", value: v[f.id] ?? "", placeholder: f.placeholder, autocomplete: "off", spellcheck: "false",
        inputmode: f.type === "int" || f.time ? "numeric" : undefined, class: f.time ? "time" : undefined,
      });
      inputs = [input];
      wrap = h("div", { class: cls }, label, input, f.catalog ? h("div", { class: "chips", "data-catalog": f.catalog, "data-for": f.id }) : null, hint, issues);
    }
  }
  wrap.dataset.fieldWrap = f.id;
  registerSlot(f.path, issues, wrap, inputs);
  // A field also shows the issues of its group (`hours` on the daily start).
  for (const path of f.alias ?? []) registerSlot(path, issues, wrap, inputs);
  return wrap;
}

/** A list of HH:mm windows (Tanyi/Itniotech inactiveTimeList) with add and remove. */
function renderWindows(f) {
  const list = values()[f.id];
  const id = `f-${f.id}`;
  const hint = f.hint ? h("p", { class: "hint", id: `${id}-hint` }, L(f.hint)) : null;
  const issues = h("ul", { class: "issues", id: `${id}-issues` });
  const rerender = (focus) => {
    const old = document.querySelector(`[data-field-wrap="${f.id}"]`);
    const fresh = renderWindows(f);
    old.replaceWith(fresh);
    refresh();
    (typeof focus === "function" ? focus(fresh) : null)?.focus();
  };
  const rows = list.map((w, i) => {
    const rowIssues = h("ul", { class: "issues", id: `${id}-${i}-issues` });
    const inputs = f.keys.map((k, j) => h("input", {
      type: "text", class: "time", id: `${id}-${i}-${k}`, value: w[k] ?? "", placeholder: f.placeholder ?? "HH:mm", inputmode: "numeric", autocomplete: "off",
      "data-field": f.id, "data-win-index": i, "data-win-key": k, "aria-describedby": `${id}-${i}-issues`,
      "aria-label": `${L(f.label)} ${i + 1}: ${j === 0 ? t("windowFrom") : t("windowTo")}`,
    }));
    const row = h("div", { class: "window-row" },
      h("span", { class: "win-n", "aria-hidden": "true" }, `${i + 1}`),
      inputs[0], h("span", { class: "dash", "aria-hidden": "true" }, "–"), inputs[1],
      h("button", {
        type: "button", class: "btn ghost small", "aria-label": `${t("windowRemove")} ${i + 1}`,
        onclick: () => { list.splice(i, 1); rerender((el) => el.querySelector(".add-window")); },
      }, t("windowRemove")),
      rowIssues);
    registerSlot([...f.path, i], rowIssues, row, inputs);
    f.keys.forEach((k, j) => registerSlot([...f.path, i, k], rowIssues, row, [inputs[j]]));
    return row;
  });
  const wrap = h("fieldset", { class: `field type-windows wide`, "aria-describedby": [hint && `${id}-hint`, `${id}-issues`].filter(Boolean).join(" ") },
    h("legend", {}, L(f.label), h("span", { class: "opt" }, ` · ${t("optional")}`)),
    rows,
    h("button", {
      type: "button", class: "btn ghost small add-window",
      onclick: () => { list.push(Object.fromEntries(f.keys.map((k) => [k, ""]))); rerender((el) => el.querySelectorAll(".window-row input")[list.length * 2 - 2]); },
    }, `+ ${t("windowAdd")}`),
    hint, issues);
  wrap.dataset.fieldWrap = f.id;
  registerSlot(f.path, issues, wrap, []);
  return wrap;
}

const reloadCompany = debounce(() => { loadCatalogs(); loadTasks(); }, 400);

function onFormInput(e) {
  const el = e.target;
  const id = el.dataset.field;
  if (!id) return;
  const f = fields().find((x) => x.id === id);
  const v = values();
  if (f.type === "windows") v[id][Number(el.dataset.winIndex)][el.dataset.winKey] = el.value;
  else if (f.type === "bool") v[id] = el.checked;
  else if (f.type === "multi") v[id] = [...document.querySelectorAll(`input[data-field="${id}"]:checked`)].map((x) => x.value);
  else v[id] = el.value;
  if (id === "companyId") reloadCompany();
  refresh();
}

/**
 * Validates the form's spec for the chosen vendor (issues at spec paths: the same fields for
 * every vendor), places every issue, rebuilds the request preview and the submit state.
 */
function refresh() {
  const v = values();
  for (const f of fields()) {
    const wrap = document.querySelector(`[data-field-wrap="${f.id}"]`);
    if (wrap) wrap.hidden = Boolean(f.showIf && !f.showIf(v));
  }
  const spec = buildSpec(state.vendor, v);
  let issues;
  try {
    issues = waihu.validateTask(state.vendor, spec, specOptions());
  } catch (e) {
    issues = [];
    message($("#create-msg"), "error", describeError(e));
  }
  // What the page's client sends for it: the call to the proxy (src/edge.rs), which checks the
  // params again, and signs and sends the vendor's request with the secrets it holds.
  state.request = null;
  if (!issues.some((i) => i.severity === "error")) {
    const params = waihu.taskParams(state.vendor, spec, specOptions());
    state.request = {
      method: "POST",
      url: state.proxy.url,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${state.proxy.token}` },
      body: JSON.stringify({ vendor: state.vendor, operation: "createTask", locale: locale(), params }),
    };
  }
  state.issues = issues;
  renderIssues(issues);
  renderPreview();
  updateSubmit();
}

/** The spec's options: the page's locale and, for ZXY, the create options to check ids against. */
function specOptions() {
  const meta = state.meta[state.vendor];
  return { locale: locale(), ...(meta ? { meta } : {}) };
}

function findSlot(path) {
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).join(".");
    const slot = slots.form.get(key) ?? slots.conn.get(key);
    if (slot && !slot.wrap.closest("[hidden]")) return { slot, rest: path.slice(n) };
  }
  return null;
}

function issueItem(issue, prefix = "") {
  return h("li", { class: `issue ${issue.severity}`, "data-code": issue.code },
    h("span", { class: "sr-only" }, `${issue.severity === "error" ? t("error") : t("warning")}: `),
    prefix ? h("code", {}, prefix) : null, prefix ? " " : null, issue.message);
}

function renderIssues(issues) {
  for (const slot of [...slots.form.values(), ...slots.conn.values()]) {
    slot.list.replaceChildren();
    slot.wrap.classList.remove("has-error", "has-warning");
    for (const input of slot.inputs) input.removeAttribute("aria-invalid");
  }
  const other = [];
  for (const issue of issues) {
    const found = findSlot(issue.path);
    if (!found) { other.push(issue); continue; }
    const { slot, rest } = found;
    const prefix = rest.length ? rest.map((p) => (typeof p === "number" ? `#${p + 1}` : p)).join(".") : "";
    slot.list.append(issueItem(issue, prefix));
    slot.wrap.classList.add(issue.severity === "error" ? "has-error" : "has-warning");
    if (issue.severity === "error") for (const input of slot.inputs) input.setAttribute("aria-invalid", "true");
  }
  $("#other-issues").hidden = other.length === 0;
  $("#other-issues-list").replaceChildren(...other.map((i) => issueItem(i, i.path.join(".") || "params")));
}

function updateSubmit() {
  const errors = state.issues.filter((i) => i.severity === "error").length;
  const warnings = state.issues.length - errors;
  const btn = $("#submit");
  btn.disabled = errors > 0 || !state.request || !state.client || state.creating;
  btn.textContent = state.creating ? t("creating") : t("submit");
  const sum = $("#issue-summary");
  sum.className = `summary ${errors ? "error" : warnings ? "warning" : "ok"}`;
  sum.textContent = errors ? t("summaryErrors", errors, warnings) : warnings ? t("summaryWarnings", warnings) : t("summaryOk");
}

async function onSubmit(e) {
  e.preventDefault();
  if ($("#submit").disabled) return;
  const vendor = state.vendor;
  const spec = buildSpec(vendor, values());
  state.creating = true;
  updateSubmit();
  message($("#create-msg"), "info", t("creating"));
  try {
    const { id } = await state.client.tasks.create(spec, specOptions());
    if (vendor !== state.vendor) return;
    message($("#create-msg"), "ok", t("created", id));
    if (id !== null) state.importTask[vendor] = id;
    await loadTasks();
  } catch (err) {
    if (vendor === state.vendor) message($("#create-msg"), "error", describeError(err));
  } finally {
    state.creating = false;
    updateSubmit();
  }
}

// ---------------------------------------------------------------------------------------------
// Vendor data: suggestions and ZXY create options

async function loadCatalogs() {
  const vendor = state.vendor;
  const def = vdef();
  if (!def.catalogs || !state.client) return;
  try {
    state.catalogs[vendor] = await def.catalogs(state.client, values());
  } catch {
    state.catalogs[vendor] = null; // suggestions are optional
  }
  if (vendor === state.vendor) renderCatalogs();
}

/** Suggestion chips under id fields: a click sets the id (or toggles it in a list). */
function renderCatalogs() {
  const cat = state.catalogs[state.vendor];
  for (const box of document.querySelectorAll("[data-catalog]")) {
    box.replaceChildren();
    const items = cat?.[box.dataset.catalog];
    if (!items?.length) continue;
    const f = fields().find((x) => x.id === box.dataset.for);
    const input = $(`#f-${f.id}`);
    const current = () => String(values()[f.id] ?? "").split(/[\s,，;]+/).filter(Boolean);
    box.append(h("span", { class: "chips-label" }, t("catalogHint")));
    for (const item of items) {
      const on = current().includes(String(item.value));
      box.append(h("button", {
        type: "button", class: `chip${on ? " on" : ""}`, "aria-pressed": String(on),
        onclick: () => {
          let next;
          if (f.type === "idlist") {
            const ids = current();
            next = ids.includes(String(item.value)) ? ids.filter((x) => x !== String(item.value)) : [...ids, String(item.value)];
            next = next.join(", ");
          } else next = String(item.value);
          input.value = next;
          values()[f.id] = next;
          if (f.id === "companyId") { loadCatalogs(); loadTasks(); }
          renderCatalogs();
          refresh();
        },
      }, h("b", {}, String(item.value)), " ", item.label));
    }
  }
}

async function loadMeta() {
  const vendor = state.vendor;
  if (!state.client) return;
  state.metaState[vendor] = "loading";
  renderMetaBar();
  try {
    const reply = await state.client.getCreateOptions({});
    state.meta[vendor] = reply;
    state.metaState[vendor] = "ok";
    const v = state.values[vendor];
    for (const [k, val] of Object.entries(VENDORS[vendor].metaDefaults(reply.meta ?? reply))) if (!v[k] && val) v[k] = val;
  } catch (e) {
    state.metaState[vendor] = `error: ${describeError(e)}`;
  }
  if (vendor !== state.vendor) return;
  renderForm();
  refresh();
}

function renderMetaBar() {
  const bar = $("#meta-bar");
  if (!vdef().usesMeta) { bar.hidden = true; return; }
  bar.hidden = false;
  const st = state.metaState[state.vendor];
  const meta = state.meta[state.vendor];
  const text = st === "loading" ? t("loading") : st?.startsWith("error") ? st.slice(7) : meta ? t("metaLoaded", (meta.meta ?? meta).caller_line_list.length) : t("metaMissing");
  bar.className = `meta-bar ${st?.startsWith("error") ? "error" : meta ? "ok" : "warning"}`;
  bar.replaceChildren(h("span", {}, text), h("button", { type: "button", class: "btn small", onclick: loadMeta, disabled: st === "loading" }, t("metaLoad")));
}

// ---------------------------------------------------------------------------------------------
// Request preview

const MASKED = new Set(["signature", "sign", "authorization", "appkey", "apikey", "api-key", "appsecret", "apisecret", "token"]);

/** Keeps a few characters at each end: "9a25••••••••abd5". */
function mask(value) {
  const s = String(value);
  const scheme = /^(Bearer|Basic|Token)\s+(.+)$/i.exec(s);
  if (scheme) return `${scheme[1]} ${mask(scheme[2])}`;
  const keep = s.length >= 16 ? 4 : s.length >= 8 ? 2 : 0;
  return `${s.slice(0, keep)}${"•".repeat(Math.min(Math.max(s.length - 2 * keep, 3), 12))}${keep ? s.slice(-keep) : ""}`;
}

function renderPreview() {
  const box = $("#preview-body");
  const req = state.request;
  if (!req) {
    box.replaceChildren(h("p", { class: "blocked" }, t("previewBlocked")));
    return;
  }
  let body = null;
  if (req.body !== undefined) {
    try { body = JSON.stringify(JSON.parse(req.body), null, 2); } catch { body = req.body; }
  }
  box.replaceChildren(
    h("div", { class: "req-line" }, h("span", { class: `method m-${req.method}` }, req.method), h("code", { class: "url", id: "preview-url" }, req.url)),
    h("h3", { class: "small" }, t("headers")),
    h("table", { class: "headers", id: "preview-headers" },
      h("tbody", {}, Object.entries(req.headers).map(([k, v]) => h("tr", {},
        h("th", { scope: "row" }, k),
        h("td", {}, MASKED.has(k.toLowerCase()) ? h("code", { class: "masked" }, mask(v)) : h("code", {}, v)))))),
    h("h3", { class: "small" }, t("body")),
    body === null ? h("p", { class: "muted small" }, t("noBody")) : h("pre", { class: "body", id: "preview-json" }, body),
    body === null ? null : h("p", { class: "muted small" }, t("bodyNote", new TextEncoder().encode(req.body).length)),
    h("p", { class: "muted small" }, t("previewSigned", clock())));
}

// ---------------------------------------------------------------------------------------------
// Tasks

async function loadTasks() {
  const vendor = state.vendor;
  const seq = ++state.tasksSeq;
  if (!state.client) return;
  $("#tasks-updated").textContent = t("loading");
  $("#tasks").setAttribute("aria-busy", "true");
  try {
    const tasks = await state.client.tasks.list(VENDORS[vendor].listParams(values()));
    if (seq !== state.tasksSeq || vendor !== state.vendor) return;
    state.tasks = tasks;
    state.tasksLoadedAt = new Date();
    if (state.tasksError) message($("#tasks-msg"), "", "");
    state.tasksError = false;
  } catch (e) {
    if (seq !== state.tasksSeq || vendor !== state.vendor) return;
    state.tasksError = true; // cleared by the next successful load
    message($("#tasks-msg"), "error", describeError(e));
  } finally {
    if (seq === state.tasksSeq) $("#tasks").removeAttribute("aria-busy");
  }
  renderTasks();
}

const ACTIONS = [["startTask", "start"], ["pauseTask", "pause"], ["stopTask", "stop"], ["deleteTask", "delete"]];

function renderTasks() {
  $("#tasks-updated").textContent = state.tasksLoadedAt ? t("updatedAt", clock(state.tasksLoadedAt)) : "";
  const body = $("#tasks-body");
  $("#tasks-table").classList.toggle("no-created", state.tasks.length > 0 && !state.tasks.some((x) => x.createdAt));
  if (!state.tasks.length) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: 6, class: "empty" }, t("noTasks"))));
  } else {
    const ops = ACTIONS.filter(([op]) => supports(op));
    // The unified status; the vendor's own on hover.
    body.replaceChildren(...state.tasks.map((task) => h("tr", { "data-task-id": task.id },
      h("td", {}, h("code", {}, task.id)),
      h("td", {}, task.name ?? ""),
      h("td", { class: "status" }, h("span", { class: `badge lc-${LIFECYCLE[task.status] ?? "unknown"}`, title: `${t("raw")}: ${task.rawStatus}` }, task.status)),
      h("td", { class: "num" }, task.counts.total === null ? "" : `${task.counts.called ?? 0} / ${task.counts.total}`),
      h("td", { class: "muted" }, task.createdAt ?? ""),
      h("td", { class: "actions" }, ops.map(([op, key]) => h("button", {
        type: "button", class: `btn small${key === "delete" ? " danger-ghost" : ""}`, "data-action": op,
        "aria-label": `${t(key)} ${task.id}`,
        onclick: (e) => taskAction(op, key, task, e.currentTarget),
      }, t(key))), supports("listCalls") ? h("button", {
        type: "button", class: "btn small ghost", "data-action": "calls", "aria-label": `${t("calls")} ${task.id}`, onclick: () => loadCalls(task.id),
      }, t("calls")) : null))));
  }
  renderTaskSelect();
}

/** A task's calls, with their unified outcomes (the vendor's own on hover). */
async function loadCalls(taskId) {
  const vendor = state.vendor;
  const panel = $("#calls-panel");
  panel.hidden = false;
  $("#calls-h").textContent = t("callsOf", taskId);
  try {
    const calls = await state.client.calls.list(taskId, vdef().callParams?.() ?? {});
    if (vendor !== state.vendor) return;
    $("#calls-body").replaceChildren(...(calls.length ? callRows(h, calls) : [h("tr", {}, h("td", { colspan: 6, class: "empty" }, t("noCalls")))]));
  } catch (e) {
    message($("#tasks-msg"), "error", describeError(e));
  }
}

async function taskAction(op, key, task, button) {
  // Delete asks once more, in place (no modal dialog).
  if (op === "deleteTask" && button.dataset.armed !== "true") {
    button.dataset.armed = "true";
    button.textContent = t("confirmDelete");
    button.classList.add("danger");
    setTimeout(() => {
      if (!button.isConnected) return;
      button.dataset.armed = "false";
      button.textContent = t("delete");
      button.classList.remove("danger");
    }, 4000);
    return;
  }
  const row = button.closest("tr");
  for (const b of row.querySelectorAll("button")) b.disabled = true;
  try {
    await state.client[op](vdef().idParams(task.id));
    message($("#tasks-msg"), "ok", t("actionDone", t(key), task.id));
  } catch (e) {
    message($("#tasks-msg"), "error", describeError(e));
  }
  await loadTasks();
}

function renderTaskSelect() {
  const sel = $("#import-task");
  const want = state.importTask[state.vendor];
  sel.replaceChildren(...(state.tasks.length
    ? state.tasks.map((task) => h("option", { value: task.id }, `${task.id} · ${task.name ?? ""}`))
    : [h("option", { value: "" }, t("noTaskOption"))]));
  if (want && state.tasks.some((x) => x.id === want)) sel.value = want;
  state.importTask[state.vendor] = sel.value || undefined;
  updateImportButton();
}

// ---------------------------------------------------------------------------------------------
// Customers: CSV, per-row issues (dry runs of importCustomers), import with progress, report

function importOptions() {
  const extra = vdef().importExtra?.(values());
  return { locale: locale(), ...(extra ? { extra } : {}) };
}

/**
 * Parses the CSV and checks every row the way the import will: importCustomers with an
 * already-aborted signal plans the import (validation, duplicates) and sends nothing.
 * Without skipInvalid it throws ValidationError whose issue paths start at the row index;
 * with skipInvalid its report also names the duplicates it would drop.
 */
async function checkCustomers() {
  const seq = ++state.csv.seq;
  const parsed = customersOf($("#csv").value);
  const csv = { customers: [], rowIssues: new Map(), general: [], error: null, seq };
  if (parsed.error) csv.error = t("csvNeedsHeader");
  else csv.customers = parsed.customers;
  if (csv.customers.length) {
    const ac = new AbortController();
    ac.abort();
    const taskId = idValue(state.importTask[state.vendor]) ?? vdef().dryTaskId;
    const add = (row, item) => { if (!csv.rowIssues.has(row)) csv.rowIssues.set(row, []); csv.rowIssues.get(row).push(item); };
    try {
      await state.dryClient.importCustomers(taskId, csv.customers, { ...importOptions(), signal: ac.signal });
    } catch (e) {
      if (!waihu.isValidationError(e)) csv.general.push(describeError(e));
      else for (const i of e.issues) {
        if (typeof i.path[0] === "number") add(i.path[0], { column: columnOf(i.path[1]), code: i.code, message: i.message, severity: i.severity });
        else csv.general.push(`${i.path.join(".")}: ${i.message}`);
      }
    }
    try {
      const report = await state.dryClient.importCustomers(taskId, csv.customers, { ...importOptions(), signal: ac.signal, skipInvalid: true });
      for (const r of report.rejected) if (!csv.rowIssues.has(r.row)) add(r.row, { column: "phone", code: r.code, message: reasonText(r), severity: "error" });
    } catch { /* the first run reported it */ }
  }
  if (seq !== state.csv.seq) return;
  state.csv = csv;
  renderRows();
}

/** The CSV's customers, read by the core's CSV reader (the one an import through the Worker uses). */
function customersOf(text) {
  try {
    return { customers: waihu.csvCustomers(text) };
  } catch (e) {
    if (e?.code === "invalid_argument") return { error: "header" };
    throw e;
  }
}

function columnOf(key) {
  if (key === "name") return "name";
  if (key === "properties") return "props";
  return "phone";
}

/** A rejection's reason; a duplicate points at the row it repeats, numbered as the table is. */
const reasonText = (r) => (r.duplicateOf === undefined ? r.reason : t("dupOf", r.duplicateOf + 1));

const MAX_ROWS = 500;

function renderRows() {
  const { customers, rowIssues, general, error } = state.csv;
  const only = $("#only-issues").checked;
  const sum = $("#rows-summary");
  const bad = rowIssues.size;
  if (error) {
    sum.className = "summary error";
    sum.textContent = error;
  } else {
    sum.className = `summary ${bad ? "error" : customers.length ? "ok" : ""}`;
    sum.replaceChildren(customers.length ? t("rowsSummary", customers.length, bad) : "");
    // Jump links to the first rows with issues.
    const badRows = [...rowIssues.keys()].sort((a, b) => a - b);
    if (badRows.length) {
      sum.append(h("span", { class: "jumps" }, badRows.slice(0, 8).map((r) => h("button", {
        type: "button", class: "chip", "aria-label": `${t("colRow")} ${r + 1}`,
        onclick: () => {
          const tr = document.querySelector(`#rows-body tr[data-row="${r}"]`);
          if (!tr) return;
          tr.scrollIntoView({ block: "center" });
          tr.focus();
          tr.classList.add("flash");
          setTimeout(() => tr.classList.remove("flash"), 1600);
        },
      }, `#${r + 1}`)), badRows.length > 8 ? "…" : null));
    }
  }
  const body = $("#rows-body");
  const rows = [];
  for (const g of general) rows.push(h("tr", { class: "row-bad" }, h("td", { colspan: 5 }, h("span", { class: "issue error" }, g))));
  let shown = 0, hiddenCount = 0;
  customers.forEach((c, i) => {
    const issues = rowIssues.get(i);
    if (only && !issues) return;
    if (shown >= MAX_ROWS) { hiddenCount++; return; }
    shown++;
    const cols = new Set(issues?.map((x) => x.column));
    rows.push(h("tr", { class: issues ? "row-bad" : "", "data-row": i, tabindex: issues ? "-1" : undefined },
      h("td", { class: "num muted" }, i + 1),
      h("td", { class: cols.has("name") ? "cell-bad" : "" }, c.name ?? ""),
      h("td", { class: cols.has("phone") ? "cell-bad" : "" }, h("code", {}, c.phone)),
      h("td", { class: `props${cols.has("props") ? " cell-bad" : ""}` }, c.properties ? Object.entries(c.properties).map(([k, v]) => `${k}=${v}`).join(", ") : ""),
      h("td", { class: "row-issues" }, issues ? h("ul", { class: "issues" }, issues.map((x) => h("li", { class: `issue ${x.severity}` }, x.message))) : null)));
  });
  if (hiddenCount) rows.push(h("tr", {}, h("td", { colspan: 5, class: "empty" }, t("moreRows", hiddenCount))));
  if (!rows.length) rows.push(h("tr", {}, h("td", { colspan: 5, class: "empty" }, t("noRows"))));
  body.replaceChildren(...rows);
  updateImportButton();
}

function updateImportButton() {
  const ready = state.csv.customers.length > 0 && !state.csv.error && state.importTask[state.vendor] && state.client && !state.importing;
  $("#import-btn").disabled = !ready;
  $("#import-btn").textContent = state.importing ? t("importing") : t("importBtn");
  $("#upload-btn").disabled = !($("#upload-file").files?.length && state.importTask[state.vendor] && !state.importing);
  $("#import-cancel").hidden = !state.importing;
}

async function runImport() {
  const vendor = state.vendor;
  const taskId = idValue(state.importTask[vendor]);
  const customers = state.csv.customers;
  const ac = new AbortController();
  state.importing = ac;
  state.report = null;
  renderReport();
  updateImportButton();
  message($("#import-msg"), "", "");
  const bar = $("#import-progress");
  const text = $("#import-progress-text");
  $("#progress-box").hidden = false;
  const show = ({ done, total, failed }) => {
    bar.max = Math.max(total, 1);
    bar.value = done;
    text.textContent = `${t("progress", done, total, failed)} · ${total ? Math.floor((done / total) * 100) : 100}%`;
  };
  show({ done: 0, total: customers.length, failed: 0 });
  try {
    const report = await state.client.importCustomers(taskId, customers, {
      ...importOptions(), skipInvalid: true, concurrency: 4, signal: ac.signal, onProgress: show,
    });
    if (vendor !== state.vendor) return;
    state.report = { report, customers };
    if (ac.signal.aborted) message($("#import-msg"), "info", t("aborted"));
    renderReport();
  } catch (e) {
    if (vendor === state.vendor) message($("#import-msg"), "error", describeError(e));
  } finally {
    state.importing = null;
    updateImportButton();
  }
  if (vendor === state.vendor) loadTasks();
}

// ---------------------------------------------------------------------------------------------
// Upload: a large list imported at the edge (www/worker/imports.js: the Worker plans it as it
// streams, its ImportLedger keeps the chunks, Cloudflare Queues deliver them to the consumer)

/** How often the page asks the Worker for an import's progress. */
const POLL_MS = 500;

/** The Worker's imports route: /imports on the proxy's origin (www/worker/index.js). */
const importsUrl = (path = "") => new URL(`/imports${path}`, state.proxy.url);

/**
 * POSTs `file` as the request body and resolves with `{ status, body }`. The browser reads a
 * File from disk as it sends it, so the page never holds the list. XMLHttpRequest rather than
 * fetch: it reports the upload's progress, and Chromium streams a fetch body only over HTTP/2.
 * `signal` aborts the upload only while the body is being sent (the Worker then sends nothing);
 * once all of it is sent the import may be committed, so the answer and its id are awaited.
 */
function postFile(url, file, signal, onUpload) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("authorization", `Bearer ${state.proxy.token}`);
    xhr.setRequestHeader("content-type", file.type || "text/plain");
    let sent = false;
    xhr.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => { sent = true; };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: described by its status */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new TypeError(`network error: POST ${url.origin}${url.pathname}`));
    xhr.onabort = () => reject(new DOMException("upload cancelled", "AbortError"));
    signal.addEventListener("abort", () => sent || xhr.abort(), { once: true });
    xhr.send(file);
  });
}

async function runUpload() {
  const vendor = state.vendor;
  const file = $("#upload-file").files?.[0];
  const taskId = state.importTask[vendor];
  if (!file || !taskId) return;
  const ac = new AbortController();
  state.importing = ac;
  state.report = null;
  renderReport();
  updateImportButton();
  const msg = $("#import-msg");
  message(msg, "", "");
  const bar = $("#import-progress");
  const text = $("#import-progress-text");
  $("#progress-box").hidden = false;
  const pct = (done, total) => (total ? Math.floor((done / total) * 100) : 100);
  const mib = (n) => (n / 2 ** 20).toFixed(1);
  const uploaded = (sent, size) => {
    bar.max = Math.max(size, 1);
    bar.value = sent;
    text.textContent = t("uploading", mib(sent), mib(size), pct(sent, size));
  };
  // The ledger's progress: rows whose outcome is final (refused before sending included) and
  // chunks in a final status (the core's LEDGER_RULES.final).
  const followed = (p) => {
    const done = Object.entries(p.byStatus).filter(([s]) => waihu.LEDGER_RULES.final.includes(s)).reduce((n, [, c]) => n + c, 0);
    bar.max = Math.max(p.total, 1);
    bar.value = p.rows.final;
    text.textContent = t("uploadProgress", p.rows.final, p.total, done, p.chunks, pct(p.rows.final, p.total));
  };
  uploaded(0, file.size);
  const url = importsUrl();
  url.searchParams.set("vendor", vendor);
  url.searchParams.set("taskId", taskId);
  url.searchParams.set("format", /\.(ndjson|jsonl)$/i.test(file.name) ? "ndjson" : "csv");
  url.searchParams.set("options", JSON.stringify({ ...importOptions(), skipInvalid: true }));
  // What the Worker answered, already readable (anything else goes through describeError).
  const refused = (text) => Object.assign(new Error(text), { readable: true });
  let id;
  try {
    const { status, body } = await postFile(url, file, ac.signal, uploaded);
    if (status !== 202) throw refused(describeReply(status, body));
    id = body.id;
    message(msg, "info", t("uploadQueued", id, body.chunks, body.rejected));
    for (;;) {
      if (ac.signal.aborted) throw new DOMException("stopped", "AbortError");
      const res = await fetch(importsUrl(`/${encodeURIComponent(id)}?locale=${locale()}`), { headers: { authorization: `Bearer ${state.proxy.token}` }, signal: ac.signal });
      const p = await res.json().catch(() => null);
      if (!res.ok) throw refused(describeReply(res.status, p));
      if (vendor !== state.vendor) return;
      if (p.state === "failed") throw refused(t("uploadFailed", id));
      if (p.total !== null) followed(p);
      if (p.report) {
        state.report = { report: p.report };
        message(msg, "ok", t("uploadDone", id));
        renderReport();
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (e) {
    if (vendor !== state.vendor) return;
    if (e?.name === "AbortError") message(msg, "info", id ? t("uploadWatchStopped", id) : t("uploadCancelled"));
    else message(msg, "error", e?.readable ? e.message : describeError(e));
  } finally {
    if (state.importing === ac) state.importing = null;
    updateImportButton();
  }
  if (vendor === state.vendor) loadTasks();
}

function renderReport() {
  const box = $("#import-report");
  if (!state.report) { box.hidden = true; return; }
  // customers: the rows the page holds (an import through the client); none for an upload.
  const { report, customers = [] } = state.report;
  box.hidden = false;
  const counts = { imported: report.imported.length, rejected: report.rejected.length, unknown: report.unknown.length, notSent: report.notSent.length };
  for (const [k, n] of Object.entries(counts)) box.querySelector(`[data-count="${k}"]`).textContent = String(n);
  $("#report-resume").textContent = report.resume.rows.length ? `${t("resume")}: ${report.resume.note}` : report.resume.note;
  const rows = [
    ...report.rejected.map((r) => ({ row: r.row, code: r.code, reason: reasonText(r) })),
    ...report.unknown.map((r) => ({ row: r.row, code: "unknown", reason: r.reason })),
  ].sort((a, b) => a.row - b.row);
  $("#rejected-wrap").hidden = rows.length === 0;
  $("#rejected-wrap").classList.toggle("no-phone", !state.report.customers);
  const trs = rows.slice(0, MAX_ROWS).map((r) => h("tr", { "data-row": r.row },
    h("td", { class: "num muted" }, r.row + 1),
    h("td", {}, h("code", {}, customers[r.row]?.phone ?? "")),
    h("td", {}, h("code", {}, r.code)),
    h("td", {}, r.reason)));
  if (rows.length > MAX_ROWS) trs.push(h("tr", {}, h("td", { colspan: 4, class: "empty" }, t("moreRows", rows.length - MAX_ROWS))));
  $("#rejected-body").replaceChildren(...trs);
}

boot();
