// The public API over the wasm exports: the same functions, a Client with one method per
// operation, and type guards for the errors. Types: index.d.ts.
import * as raw from "./waihu.js";

export const validate = raw.validate;
export const buildRequest = raw.buildRequest;
export const parseResponse = raw.parseResponse;
export const operations = raw.operations;

export const VENDORS = Object.freeze(["tanyi", "byrobot", "itniotech", "zxycall"]);

export class Client {
  #raw;
  constructor(config) {
    this.#raw = new raw.Client(config);
    // One method per operation the vendor supports: client.createTask(params), …
    for (const op of raw.operations(config.vendor)) {
      Object.defineProperty(this, op, { value: (params, options) => this.call(op, params, options), enumerable: false });
    }
  }
  get vendor() {
    return this.#raw.vendor;
  }
  call(operation, params, options) {
    return this.#raw.call(operation, params, options);
  }
}

const is = (name) => (e) => e instanceof Error && e.name === name;
export const isValidationError = is("ValidationError");
export const isVendorError = is("VendorError");
export const isResponseError = is("ResponseError");
export const isNetworkError = is("NetworkError");
export const isTimeoutError = is("TimeoutError");
export const isAbortError = is("AbortError");
export const isUnsupportedOperationError = is("UnsupportedOperationError");
