// A static front-end (Vue CLI, Angular, Docusaurus, Astro, Vite, CRA) served by a Node static server
// (`serve -s dist`, `http-server build`, `vite preview`): such a server reads the folder it serves and nothing
// else of the working folder, so the runtime needs only the server and the build output, not the sources. A
// global server is installed in the runtime; a local one comes with node_modules, and npm, which finds its
// command, reads the manifests, so those COPYs stay.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import type { NodeProject } from "../closure/node-project.js";
import { manifestOnly } from "./node-deps.js";
import { isUnder } from "../paths.js";
import type { BuildRun } from "./node-outputs.js";
import { staticServer } from "./node-static.js";
import type { RecipeNote } from "./types.js";

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
  /** The note that says what the runtime left out. */
  readonly note: Omit<RecipeNote, "line">;
  /** The context COPYs the runtime still replays (the manifests, for a local server). */
  readonly keeps: (instr: Instruction) => boolean;
}

/** The runtime's node_modules: the project's, with or without its devDependencies; null when it has none. */
export interface RuntimeModules {
  readonly project: NodeProject;
  readonly devKept: boolean;
}

/** Health-check programs that only ask the server over HTTP. */
const HEALTH_CLIENTS = new Set(["curl", "wget"]);

/** The package each server's command comes from. */
const SERVER_PACKAGES: Readonly<Record<string, string>> = { serve: "serve", "http-server": "http-server", "vite preview": "vite" };

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
  modules: RuntimeModules | null = null,
): StaticSite | null {
  const site = context.available ? staticServer(a, context) : null;
  if (site === null) return null;
  // A health check that runs something other than an HTTP client may read the working folder.
  if (a.entry.some((e) => e.from === "HEALTHCHECK" && !HEALTH_CLIENTS.has(posix.basename(e.name)))) return null;
  const local = modules !== null && localServer(site.server, modules);
  if (!local && (modules !== null || !provided.includes(site.server))) return null;
  // vite reads its config and the `.env` files of the project folder when it starts, whatever it serves.
  if (local && site.server === "vite preview" && viteReads(context, modules.project.dir)) return null;
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
  if (settingsInContext(context)) return null;
  const data = { server: site.server, dir: site.dir };
  return local
    ? { ...data, note: { id: "staticSiteLocal", data }, keeps: manifestOnly }
    : { ...data, note: { id: "staticSiteOnly", data }, keeps: () => false };
}

/** The server's package is in the runtime's node_modules: a dependency, or a devDependency the runtime keeps. */
function localServer(server: string, { project, devKept }: RuntimeModules): boolean {
  const pkg = SERVER_PACKAGES[server];
  return Object.hasOwn(project.pkg.dependencies ?? {}, pkg) || (devKept && Object.hasOwn(project.pkg.devDependencies ?? {}, pkg));
}

function viteReads(context: BuildContext, dir: string): boolean {
  return withDockerignore(context)
    .list(dir)
    .some((f) => f === ".env" || f.startsWith(".env.") || f.startsWith("vite.config."));
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
