// npm run bench:review: size and open time of the batch review page for 5,000 Dockerfiles (testdata cases
// replicated), in headless Chromium. `--screenshot FILE` also saves a picture of the page with a file open.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../test/support/browser.ts";

const FILES = 5000;
const shot = process.argv.includes("--screenshot") ? process.argv[process.argv.indexOf("--screenshot") + 1] : null;
const executablePath = findChromium(process.env.MSB_CHROMIUM);
if (!executablePath) throw new Error("no Chromium: apt-get install chromium, or set MSB_CHROMIUM");

const cases = [];
for (const group of readdirSync("testdata")) {
  if (!statSync(join("testdata", group)).isDirectory()) continue;
  for (const name of readdirSync(join("testdata", group))) {
    const dir = join("testdata", group, name);
    if (statSync(dir).isDirectory() && readdirSync(dir).includes("Dockerfile")) cases.push(dir);
  }
}
const root = mkdtempSync(join(tmpdir(), "msb-bench-review-"));
for (let i = 0; cases.length * i < FILES; i++) {
  cases.forEach((dir, j) => {
    if (i * cases.length + j < FILES)
      cpSync(dir, join(root, `repo${i}`, dir.replace(/^testdata\//, "")), {
        recursive: true,
        filter: (src) => !/expected\.|options\.json/.test(src),
      });
  });
}
spawnSync(process.execPath, [join(process.cwd(), "bin/msb-opt.js"), "batch", "--offline", "-q", "--report", "review.html"], {
  cwd: root,
  env: { ...process.env, CI: "true" },
});
const page_ = join(root, "review.html");
console.log(`review page: ${FILES} Dockerfiles, ${(statSync(page_).size / 1024 / 1024).toFixed(2)} MiB`);

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const opens = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const t = performance.now();
  await page.goto(`file://${page_}`);
  await page.waitForSelector("li.file");
  opens.push(performance.now() - t);
  if (i === 4) {
    const t2 = performance.now();
    await page.fill("#q", "apt");
    await page.waitForFunction(() => document.querySelector("#count").textContent.includes(" of "));
    const search = performance.now() - t2;
    await page.fill("#q", "");
    await page.click("button[data-filter=changed]");
    const t3 = performance.now();
    await page.click("li.file >> nth=1 >> button");
    await page.waitForSelector(".detail");
    console.log(`search "apt": ${Math.round(search)} ms; open one file's diff: ${Math.round(performance.now() - t3)} ms`);
    if (shot) await page.screenshot({ path: shot });
  }
  await page.close();
}
await browser.close();
opens.sort((a, b) => a - b);
console.log(
  `open until the list shows: median ${Math.round(opens[2])} ms (min ${Math.round(opens[0])}, max ${Math.round(opens[4])}) over 5 loads`,
);
rmSync(root, { recursive: true, force: true });
