// Imported as a browser app would: Vite resolves "waihu" through the `browser` export
// condition (dist/browser.js), which fetches and instantiates the .wasm with top-level await.
import { validate, buildRequest, ValidationError, WaihuError, isValidationError } from "waihu";

const form = {
  concurrencyQuota: 1,
  jobPhoneNumberIdList: [1],
  robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "08:00", dailyEndTime: "21:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 },
};

try {
  const issues = validate("tanyi", "createTask", form, { locale: "zh-CN" });
  // The error classes, as a browser bundle sees them.
  let classes;
  try {
    buildRequest("tanyi", "startTask", {}, { credentials: {} });
  } catch (e) {
    classes = { instanceOfValidationError: e instanceof ValidationError, instanceOfWaihuError: e instanceof WaihuError, instanceOfError: e instanceof Error, guard: isValidationError(e), name: e.name, code: e.code };
  }
  document.getElementById("out").textContent = JSON.stringify({ issues, classes }, null, 2);
} catch (e) {
  document.getElementById("out").textContent = JSON.stringify({ error: String(e?.stack ?? e) });
}
document.title = "done";
