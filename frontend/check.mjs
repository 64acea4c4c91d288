// Fails when the committed bundle is not what a fresh build from the lockfile makes.
//
//   node check.mjs [COMMITTED]   (default: ../static/dist/wajong.css)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { BUNDLE, buildBundle } from "./build.mjs";

export async function check(committed = BUNDLE) {
  const folder = mkdtempSync(path.join(tmpdir(), "wajong-assets-"));
  try {
    const fresh = readFileSync(await buildBundle(path.join(folder, "wajong.css")));
    let kept;
    try {
      kept = readFileSync(committed);
    } catch {
      return `${committed} is missing: run \`make assets\` and commit it.`;
    }
    if (!fresh.equals(kept)) {
      return `${committed} differs from a fresh build (${kept.length} bytes, fresh ${fresh.length}): run \`make assets\` and commit it.`;
    }
    return null;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const committed = path.resolve(process.argv[2] ?? BUNDLE);
  const problem = await check(committed);
  if (problem) {
    console.error(`assets-check FAILED: ${problem}`);
    process.exit(1);
  }
  console.log(`assets-check: ${path.relative(process.cwd(), committed)} equals a fresh build.`);
}
