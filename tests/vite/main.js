// Imported as a browser app would: Vite resolves "waihu" through the `browser` export
// condition (dist/browser.js), which fetches and instantiates the .wasm with top-level await.
import { validate } from "waihu";

const form = {
  concurrencyQuota: 1,
  jobPhoneNumberIdList: [1],
  robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "08:00", dailyEndTime: "21:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 },
};

try {
  const issues = validate("tanyi", "createTask", form, { locale: "zh-CN" });
  document.getElementById("out").textContent = JSON.stringify(issues, null, 2);
} catch (e) {
  document.getElementById("out").textContent = JSON.stringify({ error: String(e?.stack ?? e) });
}
document.title = "done";
