// What the Docker suites share: the client from MSB_DOCKER (skipped with a reason without one), and the
// docker farm's offline stand-ins for base images (there is no registry here).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FARM } from "./farm.js";
export { FARM };

export const DOCKER = process.env.MSB_DOCKER;
export const dockerEnv = { ...process.env, DOCKER_BUILDKIT: "1" };

/** Why the Docker suites cannot run here, or null when they can. */
export function dockerSkipReason(): string | null {
  if (!DOCKER) return "MSB_DOCKER is not set";
  const info = spawnSync(DOCKER, ["info"], { env: dockerEnv, encoding: "utf8" });
  return info.status === 0 ? null : `\`${DOCKER} info\` failed: ${(info.stderr || info.error?.message || "").trim().split("\n")[0]}`;
}

/** Tag a stand-in for every external base image of these Dockerfiles, when the docker farm is installed. */
export function tagStandIns(...dockerfiles: string[]): void {
  if (existsSync(FARM)) spawnSync(FARM, ["tag-dockerfile", ...dockerfiles], { stdio: "ignore" });
}

/**
 * One side of a build comparison: a copy of the app as its own context and the Dockerfile text beside it,
 * with stand-ins tagged for its base images. Returns the two paths `docker build` takes.
 */
export function prepareVariant(work: string, name: string, app: string, text: string): { context: string; dockerfile: string } {
  const context = join(work, name);
  cpSync(app, context, { recursive: true });
  const dockerfile = join(work, `${name}.Dockerfile`);
  writeFileSync(dockerfile, text);
  if (existsSync(FARM)) {
    const farm = spawnSync(FARM, ["tag-dockerfile", dockerfile], { env: dockerEnv, encoding: "utf8" });
    if (farm.status !== 0) throw new Error(`docker-farm failed: ${farm.stderr}`);
  }
  return { context, dockerfile };
}
