// The batch review page in a real headless browser: it opens without console errors, its counts match
// the JSON report, filtering and search work, and an opened file shows its diff labelled by its notes.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "./support/browser.js";
import { ROOT, TESTDATA } from "./support/golden.js";

const executablePath = findChromium(process.env.MSB_CHROMIUM);
if (!executablePath) console.warn("review-page: skipped: no Chromium found (apt-get install chromium, or set MSB_CHROMIUM)");

describe.skipIf(!executablePath)("batch review page", () => {
  let browser: Browser;
  let page: Page;
  let report: { summary: Record<string, number>; files: { path: string; status: string }[] };
  const errors: string[] = [];

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "msb-review-"));
    for (const group of ["merge-run", "errors", "pipeline"])
      cpSync(join(TESTDATA, group), join(root, group), { recursive: true, filter: (src) => !/expected\./.test(src) });
    for (const out of ["review.html", "report.json"]) {
      spawnSync(process.execPath, [join(ROOT, "bin/msb-opt.js"), "batch", "--offline", "-q", "--report", out], {
        cwd: root,
        env: { ...process.env, CI: "true" },
      });
    }
    report = JSON.parse(readFileSync(join(root, "report.json"), "utf8"));
    browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) errors.push(`network request: ${r.url()}`);
    });
    await page.goto(`file://${join(root, "review.html")}`);
  }, 120_000);

  afterAll(async () => browser?.close());

  test("opens with no console errors and no network requests", () => {
    expect(errors).toEqual([]);
  });

  test("the summary cards match the JSON report", async () => {
    for (const status of ["changed", "unchanged", "refused", "error"]) {
      expect(await page.textContent(`.card[data-status=${status}] b`), status).toBe(String(report.summary[status]));
    }
    expect(report.summary.changed).toBeGreaterThan(0);
    expect(report.summary.error).toBeGreaterThan(0);
  });

  test("filters by status and searches paths and notes", async () => {
    await page.click("button[data-filter=error]");
    expect(await page.locator("li.file").count()).toBe(report.summary.error);
    await page.click("button[data-filter=all]");
    const target = report.files.find((f) => f.status === "changed")!.path;
    await page.fill("#q", target);
    await page.waitForFunction(
      (n) => document.querySelectorAll("li.file").length === n,
      report.files.filter((f) => f.path.includes(target)).length,
    );
    await page.fill("#q", "");
    await page.waitForFunction((n) => document.querySelectorAll("li.file").length === Math.min(n, 200), report.files.length);
  });

  test("an opened file shows its hunks labelled with the pass and reason", async () => {
    await page.click("button[data-filter=changed]");
    await page.click("li.file >> nth=0 >> button");
    const detail = page.locator("li.file >> nth=0 >> .detail");
    expect(await detail.locator(".hunk pre .add").count()).toBeGreaterThan(0);
    expect(await detail.locator(".note .pass").first().textContent()).toMatch(/^(merge-run|pin-tags|reorder-copy|split-stages)/);
    expect(errors).toEqual([]);
  });
});
