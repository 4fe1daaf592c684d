// The docker farm beside the checkout tags offline stand-ins for the base images a Dockerfile names.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const FARM = join(import.meta.dirname, "..", "..", "..", "shared", "tools", "docker-farm");

/**
 * Tag stand-ins for every FROM image of the files. On a new machine the first call builds a stand-in, and test files
 * running at once may race to build the same one: a failed call is tried again before it fails the test.
 */
export function farmTag(...dockerfiles: string[]): void {
  if (!existsSync(FARM)) return;
  let last = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = spawnSync(FARM, ["tag-dockerfile", ...dockerfiles], { encoding: "utf8" });
    if (r.status === 0) return;
    last = `${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim();
  }
  throw new Error(`docker-farm tag-dockerfile ${dockerfiles.join(" ")} failed: ${last}`);
}
