// A Cloudflare Worker that uses waihu as a user would: `import … from "waihu"` resolves to the
// package's `workerd` export (dist/workerd.js), which imports the .wasm as a compiled module.
// On each request: validate a Tanyi form, then call startTask against env.TANYI_BASE_URL.
import { Client, validate, isVendorError, isValidationError, ValidationError, UnsupportedOperationError, WaihuError } from "waihu";

const form = {
  concurrencyQuota: 1,
  jobPhoneNumberIdList: [1],
  robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "08:00", dailyEndTime: "21:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 },
};

export default {
  async fetch(request, env) {
    const issues = validate("tanyi", "createTask", form, { locale: "zh-CN" });
    const client = new Client({
      vendor: "tanyi",
      credentials: { appKey: "demoAppKey", appSecret: "demoAppSecret", tenantSign: "demoTenant" },
      baseUrl: env.TANYI_BASE_URL,
      timeoutMs: 5000,
    });
    let data, error;
    try {
      data = await client.startTask({ robotCallJobId: 1 });
    } catch (e) {
      error = { name: e?.name, message: e?.message, vendor: isVendorError(e) };
    }
    // The error classes inside workerd.
    let classes;
    try {
      await client.createTask({});
    } catch (e) {
      classes = { validation: e instanceof ValidationError && e instanceof WaihuError && isValidationError(e), name: e.name };
    }
    try {
      await client.call("noSuchOperation", {});
    } catch (e) {
      classes.unsupported = e instanceof UnsupportedOperationError && e.code === "unsupported_operation";
    }
    return Response.json({ issues, data, error, classes });
  },
};
