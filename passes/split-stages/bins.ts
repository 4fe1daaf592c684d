// Which of the project's own dependencies puts a command into node_modules/.bin. Evidence: the npm
// lockfile's record of each package's `bin` for the packages it lists; else a table of well-known CLIs
// whose command is not their name, and a package named like the command. Only direct dependencies count: a
// hoisted transitive package's command may be missing after a production install.
import type { BuildContext } from "../../src/core/context.js";
import { FULL_IMAGE_TOOLS } from "./runtime-check.js";

/** Commands of well-known CLIs that differ from their package name (yarn and pnpm lockfiles record no bins). */
const KNOWN_BINS: Readonly<Record<string, string>> = {
  nest: "@nestjs/cli",
  ng: "@angular/cli",
  tsc: "typescript",
  "ts-node-esm": "ts-node",
  "ts-node-dev": "ts-node-dev",
  tsnd: "ts-node-dev",
  "vue-cli-service": "@vue/cli-service",
  "pm2-runtime": "pm2",
  "pm2-docker": "pm2",
  "sequelize-cli": "sequelize-cli",
  sequelize: "sequelize-cli",
};

interface Manifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/**
 * Command name → the direct dependency that provides it, for the project whose package.json is the context
 * file `manifest`. Empty when the manifest cannot be read.
 */
export function binPackages(context: BuildContext, manifest: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (manifest === null) return out;
  const pkg = readJson(context, manifest) as Manifest | null;
  if (pkg === null || typeof pkg !== "object") return out;
  const direct = new Set(Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.devDependencies }));
  // npm's lockfile records every package's commands: for the packages it lists, it is the whole evidence.
  const dir = manifest.replace(/\/?package\.json$/, "");
  for (const file of ["npm-shrinkwrap.json", "package-lock.json"]) {
    const lock = readJson(context, dir ? `${dir}/${file}` : file) as { packages?: Record<string, { bin?: unknown }> } | null;
    if (typeof lock?.packages !== "object" || lock.packages === null) continue;
    for (const [key, entry] of Object.entries(lock.packages)) {
      const name = key.replace(/^node_modules\//, "");
      if (!key.startsWith("node_modules/") || !direct.has(name)) continue;
      direct.delete(name);
      if (typeof entry?.bin !== "object" || entry.bin === null) continue;
      for (const command of Object.keys(entry.bin)) out.set(command, name);
    }
    break;
  }
  // The others (no npm lockfile, or a stale one next to the yarn.lock the install reads): the table, else a
  // package named like the command (never one of the OS tools of that name).
  for (const name of direct) if (!name.startsWith("@") && !FULL_IMAGE_TOOLS.includes(name) && !out.has(name)) out.set(name, name);
  for (const [command, name] of Object.entries(KNOWN_BINS)) if (direct.has(name) && !out.has(command)) out.set(command, name);
  return out;
}

function readJson(context: BuildContext, path: string): unknown {
  try {
    return JSON.parse(context.read(path) ?? "null");
  } catch {
    return null;
  }
}
