// What every entry file does at the wasm boundary: arguments into the forms the exports take,
// and the core's errors out as instances of their classes (errors.js, generated.js).
import { WaihuError } from "./errors.js";
import { ERRORS } from "./generated.js";

export const invalid = (message) => Object.assign(new TypeError(message), { code: "invalid_argument" });

// Params, options and results cross as JSON text: V8's JSON with the core's parser is far
// faster than converting objects field by field (bench/RESULTS.md), and the .wasm needs no code
// for JS objects. `undefined` crosses as `null`.
export function json(value, what = "params are") {
  try {
    const text = JSON.stringify(value ?? null);
    // A function or symbol has no JSON text.
    if (text === undefined) throw new TypeError(`a ${typeof value} is not JSON`);
    return text;
  } catch (e) {
    throw invalid(`${what} not JSON data: ${e.message}`);
  }
}
export const opts = (value) => json(value, "options are");

/** A name (vendor, operation) or a body: a string, which the glue hands the core as it is. */
export function str(value, what) {
  if (typeof value === "string") return value;
  throw invalid(`${what} must be a string`);
}

/**
 * The core's error (a plain `Error` named for its kind, or from a proxy the plain object of
 * one) as an instance of its class.
 */
export function typed(e) {
  const C = e instanceof Object && !(e instanceof WaihuError) && Object.hasOwn(ERRORS, e.name) ? ERRORS[e.name] : undefined;
  if (!C) return e;
  // The core's Error becomes an instance of its class as it is (a second Error, with its own
  // stack, cost more than the rest of the failed call); a proxy's answer is a plain object.
  if (e instanceof Error) return Object.setPrototypeOf(e, C.prototype);
  return new C(e.message, e);
}
export const rethrow = (e) => {
  throw typed(e);
};
/** Calls `f`, throwing the core's errors as instances of their classes. */
export function sync(f) {
  try {
    return f();
  } catch (e) {
    throw typed(e);
  }
}
