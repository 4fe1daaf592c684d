// Every e2e app through `msb-opt verify` with every pass: the rewrite must build, keep the image contract
// and behave the same. Needs Docker (MSB_DOCKER); skipped without it. Uses the build cache (no cold
// builds, no rebuild timing): `npm run bench:e2e` measures those.
import { describe, expect, test } from "vitest";
import { appSpec, dockerFromEnv, e2eApps } from "./support/e2e-harness.js";
import { verifyApp } from "./support/e2e-verify.js";

const { docker, reason } = await dockerFromEnv(process.env);
if (!docker) console.warn(`e2e-verify: skipped: ${reason}`);

describe.skipIf(!docker)("msb-opt verify on the e2e apps (all passes)", () => {
  // Controls (already optimal, or declined on purpose) are covered by e2e-split.test.ts.
  // Apps whose opt-in changes the contract on purpose (allowConfig) are covered by e2e-split.test.ts too.
  for (const app of e2eApps().filter((a) => !appSpec(a).expectUnchanged && !appSpec(a).declines && !appSpec(a).allowConfig)) {
    test(app, { timeout: 900_000 }, async () => {
      const { result } = await verifyApp(docker!, app, { full: false });
      expect(result.changed).toBe(true);
      expect(result.reasons.filter((r) => r.kind === "difference").map((r) => r.text)).toEqual([]);
      expect(result.equivalent).toBe(true);
      expect(result.optimized.sizeBytes!).toBeLessThan(result.original.sizeBytes!);
    });
  }
});
