// The docker farm tags offline stand-ins for the base images a Dockerfile names. It lives beside the checkout
// (../shared/tools/docker-farm), beside the main checkout when this one is a git worktree, or where
// MSB_DOCKER_FARM says; without one, the suites build only what needs no stand-in.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const CHECKOUT = resolve(import.meta.dirname, "..", "..");

/** The main checkout of a git worktree (its common git folder's parent), or this checkout. */
function mainCheckout(): string {
  const r = spawnSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], { cwd: CHECKOUT, encoding: "utf8" });
  return r.status === 0 ? resolve(r.stdout.trim(), "..") : CHECKOUT;
}

function findFarm(): string {
  if (process.env.MSB_DOCKER_FARM) return process.env.MSB_DOCKER_FARM;
  const beside = (dir: string) => join(dir, "..", "shared", "tools", "docker-farm");
  if (existsSync(beside(CHECKOUT))) return beside(CHECKOUT);
  return beside(mainCheckout());
}

export const FARM = findFarm();

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
