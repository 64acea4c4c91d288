// The assets check itself: it passes on a fresh build and fails on a changed or missing bundle.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { buildBundle } from "./build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
let folder;
before(() => {
  folder = mkdtempSync(path.join(tmpdir(), "wajong-check-test-"));
});
after(() => rmSync(folder, { recursive: true, force: true }));

function runCheck(bundle) {
  return spawnSync(process.execPath, [path.join(here, "check.mjs"), bundle], { encoding: "utf8" });
}

test("a bundle equal to a fresh build passes", async () => {
  const bundle = await buildBundle(path.join(folder, "same.css"));
  const run = runCheck(bundle);
  assert.equal(run.status, 0, run.stderr);
});

test("a bundle changed by hand fails, naming the fix", async () => {
  const bundle = await buildBundle(path.join(folder, "changed.css"));
  appendFileSync(bundle, "body{color:red}");
  const run = runCheck(bundle);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /differs from a fresh build.*make assets/);
});

test("a missing bundle fails", () => {
  const run = runCheck(path.join(folder, "missing.css"));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /is missing/);
});
