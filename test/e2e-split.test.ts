// Real BuildKit builds of the e2e apps, original vs split (see test/e2e-harness.ts). Needs Docker:
//   MSB_DOCKER=/usr/bin/docker npx vitest run test/e2e-split.test.ts
import { afterAll, describe, expect, test } from "vitest";
import { appSpec, dockerFromEnv, e2eApps, formatTable, runApp, type AppResult } from "./support/e2e-harness.js";

const { docker, reason } = await dockerFromEnv(process.env);
if (!docker) console.warn(`e2e-split: skipped: ${reason}`);

describe.skipIf(!docker)("split-stages end to end", () => {
  const results: AppResult[] = [];
  afterAll(() => {
    if (results.length > 0) console.log(`\n${formatTable(results)}\n`);
  });
  for (const app of e2eApps()) {
    test(app, { timeout: 900_000 }, async () => {
      const r = await runApp(docker!, app);
      results.push(r);
      const spec = appSpec(app);
      const control = spec.expectUnchanged ?? spec.declines;
      if (control) {
        expect(r.build).toBe("not split");
        expect(r.detail).toContain(control);
        return;
      }
      expect(r.build, r.detail).toBe("ok");
      expect(r.unexpectedDiffs, "the image contract changed").toEqual([]);
      expect(r.behaviorEqual, r.detail).toBe(true);
      expect(r.sizeAfter!).toBeLessThan(r.sizeBefore!);
    });
  }
});
