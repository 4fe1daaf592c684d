// What a package the app loads by name says about the devDependencies: a devDependency, a package only a
// devDependency pulls in (hoisted beside them, pruned with them), or one of unknown origin.
import { builtinModules } from "node:module";
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { type NodeProject, topLevelInstall } from "./node-project.js";

/**
 * What loading the package `name` by name says about the devDependencies, for "`file` loads …": null when
 * production installs it. One that only a devDependency pulls in is hoisted beside them and pruned with them;
 * one that neither package.json nor the lockfile's production packages list may be anything.
 */
export function devLoad(
  project: NodeProject,
  context: BuildContext,
  workspaces: ReadonlyMap<string, string>,
): (name: string) => string | null {
  const { dependencies, optionalDependencies, devDependencies } = project.pkg;
  const lockText = project.lockfile === null ? null : context.read(project.lockfile);
  const installs = lockText === null ? null : topLevelInstall(project.manager, lockText, project.pkg);
  const lockName = posix.basename(project.lockfile ?? "");
  return (name) => {
    if (Object.hasOwn(devDependencies ?? {}, name)) return `the devDependency \`${name}\``;
    if (Object.hasOwn({ ...dependencies, ...optionalDependencies }, name) || workspaces.has(name) || builtinModules.includes(name))
      return null;
    const install = installs?.(name) ?? null;
    if (install === "production") return null;
    if (install === "development")
      return `\`${name}\`, which ${lockName} installs for the devDependencies only (declare it in \`dependencies\`)`;
    if (installs === null)
      return `\`${name}\`, which package.json does not declare and no lockfile places, so whether production installs it is unknown`;
    return `\`${name}\`, which neither package.json nor ${lockName} lists, so where it comes from is unknown`;
  };
}
