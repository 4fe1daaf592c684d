import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";

const { pruneCaches } = createRequire(import.meta.url)("../../bin/code-cache.js") as {
  pruneCaches: (dir: string, prefix: string, file: string, now?: number) => void;
};
const DAY = 24 * 60 * 60 * 1000;

/** A cache folder with the files `ages` names, each written that many days before `now`. */
function folder(now: number, ages: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), "msb-opt-cache-"));
  for (const [name, days] of Object.entries(ages)) {
    const path = join(dir, name);
    writeFileSync(path, "x");
    utimesSync(path, (now - days * DAY) / 1000, (now - days * DAY) / 1000);
  }
  return dir;
}

test("two versions sharing the folder keep each other's caches however often each writes (issue 19)", () => {
  const now = Date.now();
  const dir = folder(now, {
    "cli-aaaa-v20.1.0-x64.v8": 0,
    "cli-aaaa-v22.3.0-x64.v8": 3,
    "cli-bbbb-v20.1.0-x64.v8": 1,
    "cli-bbbb-v22.3.0-x64.v8": 2,
    "cli-cccc-v20.1.0-x64.v8": 5,
    "cli-dddd-v20.1.0-x64.v8": 6,
  });
  for (let i = 0; i < 10; i++) {
    pruneCaches(dir, "cli-", join(dir, "cli-aaaa-v20.1.0-x64.v8"), now);
    pruneCaches(dir, "cli-", join(dir, "cli-bbbb-v20.1.0-x64.v8"), now);
  }
  expect(readdirSync(dir).sort()).toHaveLength(6);
});

test("another version's caches go once old by mtime, or beyond the sixteen newest; the current version's and other bundles' stay", () => {
  const now = Date.now();
  const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`cli-${(0x100 + i).toString(16)}-v20.1.0-x64.v8`, i / 10]));
  const dir = folder(now, {
    "cli-aaaa-v20.1.0-x64.v8": 0,
    "cli-aaaa-v18.0.0-x64.v8": 40,
    "cli-eeee-v20.1.0-x64.v8": 15,
    "cli-worker-ffff-v20.1.0-x64.v8": 40,
    "frontend-eeee-v20.1.0-x64.v8": 40,
    ...many,
  });
  pruneCaches(dir, "cli-", join(dir, "cli-aaaa-v20.1.0-x64.v8"), now);
  const left = readdirSync(dir);
  expect(left).toContain("cli-aaaa-v18.0.0-x64.v8");
  expect(left).not.toContain("cli-eeee-v20.1.0-x64.v8");
  expect(left).toContain("cli-worker-ffff-v20.1.0-x64.v8");
  expect(left).toContain("frontend-eeee-v20.1.0-x64.v8");
  // The 16 newest of the 20 other versions.
  expect(left.filter((n) => n in many)).toHaveLength(16);
  expect(left).not.toContain("cli-113-v20.1.0-x64.v8");
});
