// A static front-end (Vue CLI, Angular, Docusaurus, Astro, Vite, CRA) served by a global Node static server
// (`serve -s dist`, `http-server build`): such a server reads the folder it serves and nothing else of the
// working folder, so the runtime needs only the server it installs and the build output, not the sources.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { Analysis } from "../analysis.js";
import { isUnder } from "../paths.js";
import type { BuildRun } from "./node-outputs.js";
import { staticServer } from "./node-static.js";

/** Files through which `serve` reads settings from the served folder; one may send it elsewhere (`public`). */
const SERVE_CONFIGS = new Set(["serve.json", "now.json"]);
/** Folders of the context never walked: they hold no site settings of the project. */
const SKIPPED = new Set(["node_modules", ".git"]);
/** More context entries than this: the walk stops and the evidence is missing. */
const WALK_LIMIT = 5000;

export interface StaticSite {
  readonly server: string;
  /** The served folder, absolute, inside one of the build's outputs. */
  readonly dir: string;
}

/**
 * The static site the image serves when the runtime needs only the server and the build's outputs: the
 * server is a global one the runtime installs (`provided`), the served folder lies inside an output of a
 * build RUN that comes after every COPY (so the build stage holds its final state), no USER or COPY owner
 * makes the working folder's owner depend on the copies, and no settings file in the context could point the
 * server elsewhere. Else null: the runtime keeps the context copies.
 */
export function staticSiteOnly(
  a: Analysis,
  context: BuildContext,
  runs: readonly BuildRun[],
  provided: readonly string[],
): StaticSite | null {
  const site = context.available ? staticServer(a, context) : null;
  if (site === null || !provided.includes(site.server)) return null;
  const run = runs.find((r) => r.outputs.some((o) => isUnder(site.dir, o)));
  if (!run) return null;
  if (a.stage.body.some((i, index) => (i.keyword === "COPY" || i.keyword === "ADD") && index > run.index)) return null;
  // Owners: the context copies may give the working folder to a user; without them it stays root's.
  const owned = a.stage.body.some(
    (i) =>
      i.keyword === "USER" ||
      ((i.keyword === "COPY" || i.keyword === "ADD") && i.flags.some((f) => f.name === "chown" || f.name === "chmod")),
  );
  if (owned || (a.workdir !== null && a.owners.has(a.workdir))) return null;
  return settingsInContext(context) ? null : { server: site.server, dir: site.dir };
}

/** Whether the context holds a file that could configure the server (or the walk could not finish). */
function settingsInContext(context: BuildContext): boolean {
  const ctx = withDockerignore(context);
  const folders = ["."];
  let seen = 0;
  while (folders.length > 0) {
    const dir = folders.pop() as string;
    for (const name of ctx.list(dir)) {
      if (++seen > WALK_LIMIT) return true;
      const path = dir === "." ? name : posix.join(dir, name);
      if (SKIPPED.has(name)) continue;
      if (SERVE_CONFIGS.has(name)) return true;
      // `package.json` in a served folder configures `serve` through its `static` key.
      if (name === "package.json" && /"static"\s*:/.test(ctx.read(path) ?? "")) return true;
      if (ctx.list(path).length > 0) folders.push(path);
    }
  }
  return false;
}
