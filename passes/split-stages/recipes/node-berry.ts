// Yarn berry (2+): a production install is `yarn workspaces focus --all --production`, built into Yarn 4
// (earlier releases need the workspace-tools plugin). The runtime can take node_modules only when the
// project uses the node-modules linker; Plug'n'Play keeps its install in .pnp.cjs and .yarn, which the
// layered plan does not copy.
import type { BuildContext } from "../../../src/core/context.js";
import type { NodeProject } from "../closure/node-project.js";

export const BERRY_CACHE = "/root/.yarn/berry/cache";

/** Can the layered plan install this berry project's production dependencies from its manifests? */
export function berryLayered(project: NodeProject, context: BuildContext): boolean {
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const rc = context.read(at(".yarnrc.yml"));
  const major = Number(/^yarn@(\d+)\./.exec(project.pkg.packageManager ?? "")?.[1] ?? 0);
  // yarnPath and plugins live under .yarn, which the deps stage would also need.
  if (rc === null || major < 4 || /^\s*(yarnPath|plugins)\s*:/m.test(rc)) return false;
  return /^\s*nodeLinker\s*:\s*["']?node-modules["']?\s*$/m.test(rc) && project.lockfile !== null;
}

/** The production install for a berry project the plan takes. */
export function berryInstall(keepDev: boolean): string {
  return keepDev ? "yarn install --immutable" : "yarn workspaces focus --all --production";
}

/**
 * Plug'n'Play with Yarn's global cache (the default from Yarn 4 on): the app loads its packages from
 * `~/.yarn/berry/cache`, outside the working folder, so a runtime that copies the folder cannot run it.
 */
export function berryGlobalPnp(project: NodeProject, context: BuildContext): boolean {
  const at = (f: string) => (project.dir === "." ? f : `${project.dir}/${f}`);
  const rc = context.read(at(".yarnrc.yml")) ?? "";
  if (/^\s*nodeLinker\s*:\s*["']?(node-modules|pnpm)["']?\s*$/m.test(rc)) return false;
  if (/^\s*enableGlobalCache\s*:\s*false\s*$/m.test(rc)) return false;
  const major = Number(/^yarn@(\d+)\./.exec(project.pkg.packageManager ?? "")?.[1] ?? 0);
  return !(major === 2 || major === 3);
}
