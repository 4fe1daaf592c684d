// Node: the same release on its `-slim` variant (or the same image when it is already slim/alpine). The
// layered plan (recipes/node-layered.ts) gives the runtime production dependencies from a manifests-only
// stage; builds that do not fit it fall back to pruning devDependencies at the end of the build stage.
// NODE_ENV=production is deliberately not added: it would change the image's Env (part of its contract)
// and what the app does (Express caches views and hides stack traces, some apps branch on it).
import { posix } from "node:path";
import { instruction, type Instruction } from "../../../src/core/ir.js";
import type { RecipePlan } from "./types.js";
import { chownedFolder } from "../owners.js";
import type { Analysis } from "../analysis.js";
import { devDependencyUse, entryTexts, runsNode } from "../closure/node-entry.js";
import { eolDebian } from "../closure/native.js";
import { someNames } from "../closure/dev-roles.js";
import { nodeProject } from "../closure/node-project.js";
import { filesFolder, filesStage, freeName, layeredPlan } from "./node-layered.js";
import { filesAside } from "./node-files-aside.js";
import { omittingOptions } from "./node-deps.js";
import { usesPrismaClient } from "./prisma-client.js";
import { nginxStaticPlan } from "./node-static.js";
import { npmWorkspaces, pnpmWorkspaceDirs, withWorkspaceNote } from "./node-workspaces.js";
import { berryGlobalPnp } from "./node-berry.js";
import { movedModules } from "./node-install-files.js";
import { type ModulesWriter, nodeModulesWriter } from "./node-modules-writers.js";
import { nativePackages } from "./node-native.js";
import { notifierStamp } from "./node-user-home.js";
import { aptInstallRun } from "../apt-run.js";
import { copyDestination } from "../contract.js";
import { isOfficial, splitCodename, type Recipe, type RecipeNote } from "./types.js";

/** How each package manager drops devDependencies from an installed node_modules (pnpm and yarn berry: kept). */
const PRUNE: Readonly<Record<string, string | null>> = {
  pnpm: null,
  "yarn-berry": null,
  // Yarn classic only; the offline cache of the first install serves it.
  yarn: "yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline",
  npm: "npm prune --omit=dev",
};

export const nodeRecipe: Recipe = {
  id: "node",
  matches: (base) => isOfficial(base, "node"),
  tools: ["node", "npm", "npx", "yarn", "yarnpkg", "corepack", "docker-entrypoint.sh"],
  // The official image sets no WORKDIR.
  baseWorkdir: "/",
  plan(base, a, context, runtimePackages, options) {
    const tag = base.tag ?? "latest";
    const slimBase = /slim|alpine/.test(tag);
    const { version, codename } = splitCodename(tag);
    const slim = tag === "latest" ? "slim" : codename ? `${version ? `${version}-` : ""}${codename}-slim` : `${version}-slim`;
    const image = slimBase ? base.raw : `${base.name}:${slim}`;
    const root = nodeProject(a, context);
    // npm workspaces: the layered plan sees every workspace's dependencies, and copies their manifests.
    const workspaces = root && root.pkg.workspaces !== undefined ? npmWorkspaces(root, context, entryTexts(a, root.pkg)) : null;
    if (workspaces && !workspaces.ok && "pattern" in workspaces)
      return { ok: false, id: "workspaceGlob", data: { pattern: workspaces.pattern } };
    // On a full base the fallback still splits (keeping what the install made); on a slim one, say why not.
    if (workspaces && !workspaces.ok && "bin" in workspaces && slimBase)
      return { ok: false, id: "workspaceBin", data: { path: workspaces.bin } };
    if (workspaces && !workspaces.ok && "script" in workspaces && slimBase)
      return { ok: false, id: "workspaceScript", data: { command: workspaces.script } };
    const project = (workspaces?.ok && workspaces.project) || root;
    const workspaceDirs = workspaces?.ok ? workspaces.dirs : [];
    if (project?.manager === "yarn-berry" && berryGlobalPnp(project, context)) return { ok: false, id: "yarnGlobalPnp", data: {} };
    // Yarn's `--modules-folder`, pnpm's `modules-dir`: the packages are not in the folder a runtime copies.
    const moved = project && a.projectInstalls[0] ? movedModules(project, context, a.projectInstalls[0].args) : null;
    if (moved) return { ok: false, id: "modulesMoved", data: { reason: moved } };
    const onNginx = options.staticRuntime === "nginx" ? nginxStaticPlan(a, context) : null;
    if (onNginx) return onNginx;
    // A pnpm workspace: its packages' own node_modules stay with the files (the fallback below), never re-linked.
    const pnpmDirs = root ? pnpmWorkspaceDirs(root, context) : null;
    if (pnpmDirs && slimBase)
      return { ok: false, id: "pnpmWorkspace", data: { dirs: pnpmDirs.map((d) => `\`${d}\``).join(", ") || "none" } };
    // Yarn classic workspaces: yarn.lock does not say which packages go into a workspace's own node_modules.
    const yarnWorkspaces = root?.manager === "yarn" && root.pkg.workspaces !== undefined;
    if (yarnWorkspaces && slimBase) return { ok: false, id: "yarnWorkspaces", data: {} };
    const attempt =
      project && !pnpmDirs ? layeredPlan({ base, a, context, project, image, options, runtimePackages, workspaceDirs }) : null;
    const layered = withWorkspaceNote(attempt && "notLayered" in attempt ? null : attempt, workspaceDirs);
    // On an image that is already slim, the split pays only when the runtime leaves something behind.
    if (layered && (!slimBase || !layered.ok || leavesSomething(layered.plan.notes, project, a, runtimePackages))) return layered;
    // On a slim image with nothing to leave behind, that is the reason, whatever else the stage does; when the
    // devDependencies had to stay, say why, since that is what the user can change.
    const kept = layered?.ok ? layered.plan.notes.find((n) => n.id === "keptDevDeps" || n.id === "keptDevLibraries") : undefined;
    if (slimBase && kept)
      return {
        ok: false,
        id: kept.id === "keptDevLibraries" ? "alreadySlimDevLibraries" : "alreadySlimDevKept",
        data: { image: base.raw, reason: kept.data.reason },
      };
    const sources = { context, scripts: project?.pkg.scripts ?? {} };
    const writer = nodeModulesWriter(a, a.projectInstalls[0], { sources });
    // `prisma generate` is no such step where the layered runtime takes the client from the build (prisma-client.ts):
    // when that runtime did not fit, its reason is the one to give.
    const prismaTaken = project !== null && usesPrismaClient(project) && attempt !== null && "notLayered" in attempt;
    const slimWriter = prismaTaken ? nodeModulesWriter(a, a.projectInstalls[0], { sources, prismaGenerate: false }) : writer;
    if (slimBase && slimWriter && Object.keys(project?.pkg.devDependencies ?? {}).length > 0)
      return { ok: false, id: "alreadySlimDevKept", data: { image: base.raw, reason: modulesChanged(a, slimWriter) } };
    if (slimBase && attempt && "notLayered" in attempt)
      return { ok: false, id: "alreadySlimNotLayered", data: { image: base.raw, reason: attempt.notLayered } };
    if (slimBase) return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    const [global] = a.globalInstalls;
    if (global) {
      const command = global.command.replace(/\s+/g, " ");
      // Only the layered runtime places global programs (again, or not at all when the build alone uses them).
      if (attempt && "notLayered" in attempt)
        return { ok: false, id: "globalInstallNotLayered", data: { command, reason: attempt.notLayered } };
      return { ok: false, id: "globalInstall", data: { command } };
    }

    const notes: RecipeNote[] = [];
    if (pnpmDirs) notes.push({ line: a.stage.body[a.lastBuild].line, id: "pnpmWorkspaceWhole", data: {} });
    if (yarnWorkspaces) notes.push({ line: a.stage.body[a.lastBuild].line, id: "yarnWorkspacesWhole", data: {} });
    const builderInserts = [];
    const last = a.stage.body[a.lastBuild];
    const devDeps = Object.keys(project?.pkg.devDependencies ?? {});
    const manager = project && a.buildCommands.has(project.manager.replace("-berry", "")) ? project.manager : null;
    let devKept = devDeps.length > 0;
    if (project && devDeps.length > 0 && manager) {
      const dev = devDependencyUse(a, project, context, options.buildOnlyDevDeps);
      // A prune re-reads the lockfile: without the original's `--omit=optional` it would install those packages.
      const prune = PRUNE[manager] && [PRUNE[manager], ...omittingOptions(a.projectInstalls[0])].join(" ");
      // A prune re-resolves node_modules from the manifest: what a later step added there (`npm install --no-save`,
      // `prisma generate`) may not survive it.
      const reason = dev.keep
        ? dev.reason
        : writer
          ? modulesChanged(a, writer)
          : prune === null
            ? `there is no safe prune for the project's \`${manager}\` setup`
            : usesPrismaClient(project)
              ? "a prune re-links node_modules, and Prisma's generated client in `node_modules/.prisma` may not survive it"
              : null;
      if (reason || prune === null) {
        notes.push({ line: last.line, id: dev.keep && dev.libraries ? "keptDevLibraries" : "keptDevDeps", data: { reason: reason ?? "" } });
      } else {
        builderInserts.push({ before: a.lastBuild + 1, instructions: [instruction("RUN", prune, { line: last.line })] });
        notes.push({ line: last.line, id: "pruned", data: { command: prune } });
        if (!dev.keep && dev.byOption) notes.push({ line: last.line, id: "devPrunedByOption", data: { names: someNames(dev.byOption) } });
        devKept = false;
      }
    }
    // The runtime copies the build's node_modules: the libraries and programs its native packages need come too.
    const native = project ? nativePackages(project, devKept, runtimePackages, !slimBase, last.line, a, context) : null;
    if (native && !native.ok) return native;
    const runtimePrelude = [];
    if (native?.ok && native.apt.length > 0) {
      if (/alpine/.test(tag)) return { ok: false, id: "alpinePackages", data: { packages: native.apt.map((p) => `\`${p}\``).join(", ") } };
      const eol = eolDebian(tag);
      if (eol)
        return { ok: false, id: "eolReleasePackages", data: { codename: eol, packages: native.apt.map((p) => `\`${p}\``).join(", ") } };
      runtimePrelude.push(aptInstallRun(["-y", "--no-install-recommends"], [...new Set(native.apt)], last.line));
      notes.push(...native.notes);
    }
    return {
      ok: true,
      plan: {
        image,
        shellless: false,
        builderInserts,
        runtimePrelude,
        notes,
        nonRootUser: { name: "node", chown: "node:node" },
        ...(options.harden ? {} : withStamp(a, project ? modulesApart(a, project, options.takenNames, builderInserts, notes) : {}, notes)),
      },
    };
  },
};

function modulesChanged(a: Analysis, w: ModulesWriter): string {
  // The "writer" is another install of the project in the install's own RUN (`if [ "$NODE_ENV" = development ]; then
  // npm install; else npm install --omit=dev; fi` on a value not known here, or one install after the other).
  const first = a.projectInstalls[0];
  const installs = a.projectInstalls.filter((i) => i.index === first?.index).map((i) => [i.tool, ...i.args].join(" "));
  if (installs.length > 1 && a.stage.body[first.index].line === w.line && installs.includes(w.command.replace(/\s+/g, " ")))
    return `the RUN on line ${w.line} holds more than one install of the project (${installs.map((c) => `\`${c}\``).join(", ")}), and which of them leaves node_modules is not read here`;
  return `the RUN on line ${w.line} runs \`${w.command}\`, which changes node_modules after the install`;
}

/**
 * The build's node_modules in a COPY of its own, before the rest of the working folder (from a stage without
 * it): a source edit re-runs the build's steps, but a node_modules with the same content is a cache hit, so
 * only the files are copied again. Only where root owns every copied path (their COPYs then carry no owner)
 * and the install in the working folder leaves a node_modules there (the project has dependencies). The build's
 * last RUN (the prune, when the plan `inserts` one) sets the files aside where it safely can (node-files-aside.ts):
 * else a stage of its own does, one more container on every source edit.
 */
function modulesApart(
  a: Analysis,
  project: NonNullable<ReturnType<typeof nodeProject>>,
  taken: ReadonlySet<string>,
  inserts: RecipePlan["builderInserts"],
  /** The plan's notes, which the copy of npm's stamp adds to. */
  notes: RecipeNote[],
): Partial<RecipePlan> {
  const wd = a.workdir;
  const install = a.projectInstalls[0];
  const specs = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies, ...project.pkg.devDependencies };
  if (wd === null || wd === "/" || !install || install.dir !== wd || Object.keys(specs).length === 0) return {};
  // Yarn Berry (Plug'n'Play by default) may write no node_modules at all.
  if (project.manager === "yarn-berry") return {};
  if (!a.copyPaths.includes(wd) || a.owners.size > 0 || a.copyPaths.some((p) => chownedFolder(a, p))) return {};
  const files = freeName("files", taken);
  const line = a.stage.body[a.lastBuild].line;
  const modules = posix.join(wd, "node_modules");
  const end = a.lastBuild + 1;
  const added = inserts.find((ins) => ins.before === end)?.instructions ?? [];
  const lastRun = added.at(-1) ?? a.stage.body[a.lastBuild];
  const aside = filesAside(a, lastRun, added.length > 0 ? end : a.lastBuild, wd, filesFolder(a, wd));
  const set = aside.ok
    ? added.length > 0
      ? {
          builderInserts: inserts.map((ins) => (ins.before === end ? { ...ins, instructions: [...added.slice(0, -1), aside.instr] } : ins)),
        }
      : { builderReplace: new Map([[a.lastBuild, aside.instr]]) }
    : { stagesBefore: (builder: string) => [filesStage(a, builder, files, line)] };
  // npm's update-notifier stamp the build's install left, where the runtime's npm reads it (node-user-home.ts).
  const users = a.stage.body.slice(0, install.index).filter((i) => i.keyword === "USER");
  const user = users.length > 0 ? users[users.length - 1].args.trim() : null;
  const stamp = notifierStamp(a, install, user === null || /^(root|0)(:(root|0))?$/.test(user) ? null : user);
  if (stamp) notes.push({ line, id: "npmNotifierStampBuild", data: { path: stamp.path } });
  const stampCopy = (builder: string) =>
    stamp
      ? [
          instruction("COPY", `${stamp.path.replace(/d$/, "[d]")} ${posix.dirname(stamp.path)}/`, {
            flags: [{ name: "from", value: builder }, ...(stamp.owner ? [{ name: "chown", value: stamp.owner }] : [])],
            line,
          }),
        ]
      : [];
  return {
    ...set,
    runtimeCopies: (builder: string): Instruction[] => [
      ...stampCopy(builder),
      instruction("COPY", `${modules} ${modules}`, { flags: [{ name: "from", value: builder }], line }),
      instruction("COPY", `${filesFolder(a, wd)} ${wd}`, { flags: [{ name: "from", value: aside.ok ? builder : files }], line }),
      ...a.copyPaths
        .filter((p) => p !== wd)
        .map((p) => instruction("COPY", `${p} ${p}`, { flags: [{ name: "from", value: builder }], line })),
    ],
  };
}

/**
 * The runtime copies the build's paths whole (`COPY --from=build /app /app`, installs in subfolders with `cd server
 * && npm ci`), and npm's update-notifier stamp the installs left where the runtime's npm reads it comes along
 * (node-user-home.ts): else `npm start` asks the registry for a newer npm and prints a notice the original did not.
 * Only where the plan has no copies of its own and no copied folder has an owner (the copies then carry none).
 */
function withStamp(a: Analysis, plan: Partial<RecipePlan>, notes: RecipeNote[]): Partial<RecipePlan> {
  if (plan.runtimeCopies || a.owners.size > 0 || a.copyPaths.some((p) => chownedFolder(a, p))) return plan;
  const stamp = a.projectInstalls
    .map((install) => {
      const users = a.stage.body.slice(0, install.index).filter((i) => i.keyword === "USER");
      const user = users.length > 0 ? users[users.length - 1].args.trim() : null;
      return notifierStamp(a, install, user === null || /^(root|0)(:(root|0))?$/.test(user) ? null : user);
    })
    .find((s) => s !== null);
  if (!stamp) return plan;
  const line = a.stage.body[a.lastBuild].line;
  notes.push({ line, id: "npmNotifierStampBuild", data: { path: stamp.path } });
  // The default copies' order: the working folder and what holds it last (contract.ts).
  const wd = a.workdir;
  const changing = (p: string) => wd !== null && (wd === p || wd.startsWith(`${p}/`) || p.startsWith(`${wd}/`));
  const paths = [...a.copyPaths.filter((p) => !changing(p)), ...a.copyPaths.filter(changing)];
  return {
    ...plan,
    runtimeCopies: (builder: string): Instruction[] => [
      instruction("COPY", `${stamp.path.replace(/d$/, "[d]")} ${posix.dirname(stamp.path)}/`, {
        flags: [{ name: "from", value: builder }, ...(stamp.owner ? [{ name: "chown", value: stamp.owner }] : [])],
        line,
      }),
      ...paths.map((p) => instruction("COPY", `${p} ${copyDestination(p)}`, { flags: [{ name: "from", value: builder }], line })),
    ],
  };
}

/** Something build-only stays behind: devDependencies, a global CLI only the build runs, or node_modules when the image does not run node. */
function leavesSomething(
  notes: readonly RecipeNote[],
  project: ReturnType<typeof nodeProject>,
  a: Analysis,
  runtimePackages: readonly string[],
): boolean {
  const devDeps = Object.keys(project?.pkg.devDependencies ?? {}).length > 0;
  // An apt package the runtime does not install again is build-only (`python3 make g++` for node-gyp): it stays
  // in the stage that installs the dependencies.
  const kept = new Set(runtimePackages.map((p) => p.replace(/[=:].*$/, "")));
  return (
    (devDeps && !notes.some((n) => n.id === "keptDevDeps" || n.id === "keptDevLibraries")) ||
    !runsNode(a) ||
    notes.some((n) => n.id === "globalBuildOnly") ||
    a.setup.some((u) => (u.buildOnly ?? []).length > 0) ||
    a.apt.some((i) => i.packages.some((p) => !kept.has(p.replace(/[=:].*$/, ""))))
  );
}
