// The live feed of completed calls: the demo Worker (www/worker/hooks.js) receives the vendors'
// callbacks through waihu's webhook handler and keeps the latest call events; this polls them
// (GET <feedUrl>?after=<n>, with the admin token) and shows each call's unified outcome, intent
// and duration, its transcript on click. The feed's address and token come from /config.json;
// without one the section stays hidden. Its own strings, in the page's language.

const STRINGS = {
  en: {
    title: "Live calls", hint: "Completed calls as the vendors' callbacks arrive (through the demo Worker's /hooks/:vendor).",
    time: "Time", vendor: "Vendor", task: "Task", phone: "Phone", outcome: "Outcome", intent: "Intent", duration: "Duration",
    empty: "No calls yet: start a task with customers.", error: "The feed is unreachable", ai: "AI", customer: "Customer",
    noTranscript: "No transcript.", recording: "Recording", seconds: "s",
  },
  "zh-CN": {
    title: "实时通话", hint: "厂商回调到达后显示的已完成通话（经演示 Worker 的 /hooks/:vendor）。",
    time: "时间", vendor: "厂商", task: "任务", phone: "号码", outcome: "结果", intent: "意向", duration: "时长",
    empty: "暂无通话：请启动一个导入了客户的任务。", error: "无法连接通话流", ai: "AI", customer: "客户",
    noTranscript: "无对话记录。", recording: "录音", seconds: "秒",
  },
};
const t = (k) => (STRINGS[document.documentElement.lang] ?? STRINGS.en)[k];

const POLL_MS = 1000;
const MAX_ROWS = 200;

const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
};

function section() {
  return el("section", { class: "card", id: "feed", "aria-labelledby": "feed-h" },
    el("div", { class: "card-head row" }, el("h2", { id: "feed-h" }), el("span", { class: "muted small", id: "feed-status", role: "status" })),
    el("p", { class: "muted small", id: "feed-hint" }),
    el("div", { class: "table-wrap" },
      el("table", { class: "table", id: "feed-table" },
        el("thead", {}, el("tr", { id: "feed-head" })),
        el("tbody", { id: "feed-body" }))));
}

function time(e) {
  const iso = e.call.startedAt;
  const d = new Date(iso ?? e.at);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(document.documentElement.lang, { hour12: false });
}

export function startFeed({ feedUrl, feedToken }, root = document.querySelector("main")) {
  const box = section();
  root.append(box);
  const events = [];
  const open = new Set();
  let after = 0;
  let failing = false;

  const render = () => {
    box.querySelector("#feed-h").textContent = t("title");
    box.querySelector("#feed-hint").textContent = t("hint");
    box.querySelector("#feed-head").replaceChildren(...["time", "vendor", "task", "phone", "outcome", "intent", "duration"].map((k) => el("th", { scope: "col" }, t(k))));
    box.querySelector("#feed-status").textContent = failing ? t("error") : "";
    const body = box.querySelector("#feed-body");
    if (events.length === 0) return body.replaceChildren(el("tr", {}, el("td", { colspan: "7", class: "muted" }, t("empty"))));
    const rows = [];
    for (const e of events) {
      const c = e.call;
      const toggle = () => {
        open.has(e.id) ? open.delete(e.id) : open.add(e.id);
        render();
      };
      rows.push(el("tr", { class: "feed-row", tabindex: "0", "data-id": e.id, "aria-expanded": String(open.has(e.id)), onclick: toggle, onkeydown: (k) => (k.key === "Enter" || k.key === " ") && (k.preventDefault(), toggle()) },
        el("td", { class: "num" }, time(e)),
        el("td", {}, e.vendor),
        el("td", { class: "num" }, c.taskId ?? ""),
        el("td", { class: "num" }, c.phone),
        el("td", { class: `outcome ${c.outcome}` }, c.outcome),
        el("td", { class: "intent" }, c.intent ?? "–"),
        el("td", { class: "num duration" }, c.durationSeconds == null ? "–" : `${c.durationSeconds} ${t("seconds")}`)));
      if (open.has(e.id)) {
        const lines = c.transcript.length
          ? el("ol", { class: "transcript" }, ...c.transcript.map((l) => el("li", { class: l.speaker }, el("b", {}, `${t(l.speaker)}: `), l.text)))
          : el("p", { class: "muted" }, t("noTranscript"));
        const rec = c.recordingUrl ? el("p", { class: "small" }, el("a", { href: c.recordingUrl, target: "_blank", rel: "noopener noreferrer" }, t("recording"))) : null;
        rows.push(el("tr", { class: "feed-detail", "data-for": e.id }, el("td", { colspan: "7" }, lines, rec)));
      }
    }
    body.replaceChildren(...rows);
  };

  const poll = async () => {
    try {
      const res = await fetch(`${feedUrl}?after=${after}`, { headers: feedToken ? { authorization: `Bearer ${feedToken}` } : {} });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { events: fresh } = await res.json();
      for (const e of fresh) {
        after = Math.max(after, e.n);
        events.unshift(e);
      }
      events.length = Math.min(events.length, MAX_ROWS);
      if (fresh.length || failing) {
        failing = false;
        render();
      }
    } catch {
      if (!failing) {
        failing = true;
        render();
      }
    }
    setTimeout(poll, POLL_MS);
  };

  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  render();
  poll();
}

// Once the page is ready (app.js sets body[data-ready]) and the demo configures a feed.
async function boot() {
  let cfg;
  try {
    cfg = await (await fetch("/config.json")).json();
  } catch {
    return;
  }
  if (!cfg.feedUrl) return;
  const ready = () => document.body.dataset.ready === "true";
  if (!ready()) await new Promise((r) => new MutationObserver((_, o) => ready() && (o.disconnect(), r())).observe(document.body, { attributes: true, attributeFilter: ["data-ready"] }));
  startFeed(cfg);
}

boot();
