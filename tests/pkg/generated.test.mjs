// The package's vendor lists and error classes are generated from the core (src/vendors/mod.rs,
// src/error.rs), never written by hand: nothing under pkg-template/ names a vendor, and the
// built types and values list every vendor the core registers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as waihu from "waihu";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(repo, "pkg/dist");
const read = (f) => readFileSync(f, "utf8");

test("no file under pkg-template/ lists vendors by hand", () => {
  for (const f of readdirSync(join(repo, "pkg-template"))) {
    // The package README is prose for people.
    if (f === "README.md") continue;
    const text = read(join(repo, "pkg-template", f)).toLowerCase();
    for (const v of waihu.VENDORS) assert.ok(!text.includes(v), `pkg-template/${f} names ${v}`);
  }
});

test("the built types and values list every registered vendor", () => {
  const dts = read(join(dist, "waihu.d.ts"));
  const union = /export type Vendor = never((?: \| "[a-z]+")+);/.exec(dts);
  assert.ok(union, "waihu.d.ts declares the Vendor union");
  const ids = [...union[1].matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids, [...waihu.VENDORS]);
  for (const map of ["VendorOperations", "CredentialsOf", "VendorCustomers"]) {
    const body = new RegExp(`export interface ${map} \\{([^}]*)\\}`).exec(dts)?.[1] ?? "";
    assert.deepEqual([...body.matchAll(/^\s+([a-z]+):/gm)].map((m) => m[1]), ids, map);
  }
  // Each vendor's credentials type is the core's typed struct (tsify).
  for (const id of ids) assert.ok(waihu.operations(id).length > 0, id);
  const manifest = JSON.parse(read(join(repo, "pkg/package.json")));
  for (const id of ids) assert.ok(manifest.keywords.includes(id), `keywords name ${id}`);
});

test("the issue codes and operations are the core's unions", () => {
  const dts = read(join(dist, "waihu.d.ts"));
  const codes = /export type IssueCode = ([^;]+);/.exec(dts)?.[1] ?? "";
  const readme = read(join(repo, "README.md"));
  const documented = [...readme.slice(readme.indexOf("<!-- codes:start -->"), readme.indexOf("<!-- codes:end -->")).matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...codes.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]), documented);
  const ops = /export type Operation = never([^;]+);/.exec(dts)?.[1] ?? "";
  for (const id of waihu.VENDORS) for (const op of waihu.operations(id)) assert.ok(ops.includes(`"${op}"`), op);
});

test("one error class per kind the core declares", () => {
  const gen = read(join(dist, "generated.js"));
  const classes = [...gen.matchAll(/^export class (\w+) extends WaihuError/gm)].map((m) => m[1]);
  assert.ok(classes.length >= 7);
  for (const name of classes) {
    assert.equal(typeof waihu[name], "function", name);
    assert.equal(waihu[name].name, name);
    assert.equal(new waihu[name]("m").name, name);
    assert.ok(new waihu[name]("m") instanceof waihu.WaihuError);
    assert.equal(typeof waihu[`is${name}`], "function");
  }
});
