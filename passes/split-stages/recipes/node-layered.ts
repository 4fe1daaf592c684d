// Node, layered: production dependencies come from a `deps` stage that reads only the manifests, the
// application files from the build, each in its own COPY, so a source edit re-runs only the build and the
// small copy of its output. Global CLIs the image runs are installed in the runtime at the same spec.
import { aptInstallRun } from "../apt-run.js";
import { posix } from "node:path";
import { subsumedCopies } from "../subsumed-copies.js";
import { isUnder } from "../paths.js";
import type { BuildContext } from "../../../src/core/context.js";
import { parseImageRef } from "../../../src/core/image-ref.js";
import { changed, instruction, type ImageRef, type Instruction, type Stage } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import { notifierStamp, userHome } from "./node-user-home.js";
import { chownedFolder, copiesSetOwners, copyOwner } from "../owners.js";
import { runsNode } from "../closure/node-entry.js";
import { someNames } from "../closure/dev-roles.js";
import { depsStage, installWrittenLock, lockfileAtInstall } from "./node-deps.js";
import { installFiles, LOCAL_SPEC } from "./node-install-files.js";
import { layoutNotes, runtimeLayout } from "./node-runtime-layout.js";
import { staticSiteOnly } from "./node-static-site.js";
import type { NodeProject } from "../closure/node-project.js";
import { nativePackages } from "./node-native.js";
import { nodeModulesWriter } from "./node-modules-writers.js";
import { workdirReader } from "./node-outputs.js";
import { prismaOverlay, usesPrismaClient } from "./prisma-client.js";
import type { PlanResult, RecipeNote, RecipeOptions } from "./types.js";
import { berryLayered } from "./node-berry.js";
import { cachedBuilds } from "./node-build-caches.js";
import { filesAside, trailingCopies } from "./node-files-aside.js";
import { compiledSourceCopies } from "./node-compiled-sources.js";
import { eolDebian, osNeeds } from "../closure/native.js";
import { rootInstallScripts } from "./node-root-scripts.js";

/** The lockfile each package manager writes when the project has none, as a one-letter class (copied if there). */
const WRITTEN_LOCKFILES: Readonly<Record<string, string>> = {
  npm: "package-lock.jso[n]",
  yarn: "yarn.loc[k]",
  pnpm: "pnpm-lock.yam[l]",
};

/** npm's clean install and its aliases. */
const NPM_CI = /^(ci|clean-install|ic|install-clean|isntall-clean)$/;

/** Commands the global package provides when they differ from its name. */
const GLOBAL_BINS: Readonly<Record<string, readonly string[]>> = {
  pm2: ["pm2", "pm2-runtime", "pm2-docker"],
  "http-server": ["http-server", "hs"],
  "@nestjs/cli": ["nest"],
  "@angular/cli": ["ng"],
  typescript: ["tsc", "tsserver"],
  "@vue/cli": ["vue"],
};
/** Programs of the full node image that an entry or health check may run, by Debian package. */
const ENTRY_PACKAGES: Readonly<Record<string, string>> = { curl: "curl", wget: "wget", git: "git", ssh: "openssh-client" };
export interface LayeredInput {
  readonly base: ImageRef;
  readonly a: Analysis;
  readonly context: BuildContext;
  readonly project: NodeProject;
  /** Runtime image reference. */
  readonly image: string;
  readonly options: RecipeOptions;
  /** OS packages the runtime already installs (the original's run-time packages, libraries of `-dev` headers). */
  readonly runtimePackages?: readonly string[];
  /** npm workspace folders whose manifests the deps stage copies (recipes/node-workspaces.ts). */
  readonly workspaceDirs?: readonly string[];
}

/**
 * The manager of a project whose install reads no lockfile: npm when npm installs (a stage apart installs without
 * a lockfile only with npm), else the one the lockfile names.
 */
function unlockedManager(manager: NodeProject["manager"], tool: string | undefined): NodeProject["manager"] {
  return tool === "npm" ? "npm" : manager;
}

/** Why the build does not fit the layered pattern (the caller falls back, or on a slim base says why not). */
export interface NotLayered {
  readonly notLayered: string;
}
const notLayered = (why: string): NotLayered => ({ notLayered: why });

/** The layered plan, a refusal, or why the build does not fit the pattern. */
export function layeredPlan({
  base,
  a,
  context,
  project: found,
  image,
  options,
  runtimePackages = [],
  workspaceDirs = [],
}: LayeredInput): PlanResult | NotLayered {
  const body = a.stage.body;
  const wd = a.workdir;
  const install = a.projectInstalls[0];
  // The deps stage copies the lockfile only when the original install read it, so it resolves the same versions.
  const lock = install ? lockfileAtInstall(a, found, install) : "absent";
  if (lock === "unknown")
    return notLayered(`a RUN before the install names \`${found.lockfile}\`, so which versions it resolved is unknown`);
  const tool = install?.tool;
  // A lockfile the install never sees (`COPY package*.json` beside a pnpm-lock.yaml, then `npm install`) says
  // nothing of the manager: the one the Dockerfile runs installs without a lockfile.
  const project = lock === "seen" ? found : { ...found, lockfile: null, manager: unlockedManager(found.manager, tool) };
  if (wd === null) return notLayered("the stage sets no working folder");
  if (a.projectInstalls.length > 1) {
    // `npm ci --omit=dev || npm install --omit=dev`: one install with a fallback, which the stage apart (one install
    // command of its own) does not repeat.
    const [first, ...rest] = a.projectInstalls;
    const run = body[first.index];
    if (rest.every((i) => i.index === first.index) && run?.keyword === "RUN" && /\|\|/.test(run.args))
      return notLayered(
        `the RUN on line ${run.line} falls back to another install when the first fails (\`||\`), and a stage apart runs one install command`,
      );
    return notLayered("the stage installs the project more than once");
  }
  // Without an install the image has no node_modules but what the context brings: only a project without dependencies fits.
  const prodSpecs = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies };
  if (!install && Object.keys(prodSpecs).length > 0) return notLayered("no step installs the dependencies the manifest names");
  if (install && install.dir !== wd) return notLayered("the install runs outside the working folder");
  // `npm ci` without a lockfile fails (EUSAGE): a deps stage running `npm install` instead would build what the original cannot.
  const npmVerb = install?.tool === "npm" ? install.args.find((w) => !w.startsWith("-")) : undefined;
  if (install && npmVerb && NPM_CI.test(npmVerb) && !project.lockfile)
    return { ok: false, id: "npmCiNoLockfile", data: { verb: npmVerb, line: String(body[install.index].line) } };
  const berry = project.manager === "yarn-berry";
  if (berry && !berryLayered(project, context))
    return notLayered("its Yarn Berry setup keeps no node_modules folder a stage could install apart");
  if (install && (project.manager === "npm" ? tool !== "npm" : tool !== project.manager.replace("-berry", "")))
    return notLayered(
      project.lockfile === null
        ? `the Dockerfile installs with \`${tool}\` and the project has no lockfile (a stage apart installs without one only with npm)`
        : `the Dockerfile installs with \`${tool}\`, but the project's lockfile is ${project.manager}'s`,
    );
  // The project's own install scripts run again in the deps stage: only git-hook installers, which it drops.
  const hooks = rootInstallScripts(project, context);
  if (hooks.kind === "other") return notLayered("the project's own install scripts would run again in a stage that has only the manifests");
  // npm runs `node-gyp rebuild` for a project with a binding.gyp: its own addon is built into its folder (build/).
  if (context.exists(project.dir === "." ? "binding.gyp" : `${project.dir}/binding.gyp`) || project.pkg.gypfile === true)
    return notLayered("the install builds the project's own native addon (`binding.gyp`) into its folder");
  if (project.pkg.workspaces !== undefined) return notLayered("the project is a workspace root");
  const specs = { ...project.pkg.dependencies, ...project.pkg.optionalDependencies, ...project.pkg.devDependencies };
  if (Object.values(specs).some((v) => /^workspace:/.test(v) || LOCAL_SPEC.test(v)))
    return notLayered("a dependency is a local folder or file (`file:`, `link:`, `workspace:`, `./path`)");
  // The deps stage copies the patches and hooks the install reads; it cannot when which files they are is unknown.
  const reads = installFiles(project, context);
  if (install && !reads.ok) return notLayered(reads.reason);
  if (!a.copyPaths.includes(wd) && a.rootWrite === null) return notLayered("nothing is written into the working folder");
  if (body.some((i) => (i.keyword === "COPY" || i.keyword === "ADD") && i.flags.some((f) => f.name === "from")))
    return notLayered("a COPY takes files from another image or stage");
  const line = body[a.lastBuild].line;
  const notes: RecipeNote[] = [];
  const alpine = /alpine/.test(base.tag ?? "");
  const fullToSlim = image !== base.raw;

  const dropped = hooks.kind === "none" ? [] : hooks.scripts;
  const deps = install ? depsStage(a, context, project, install, options, workspaceDirs, dropped) : null;
  if (deps && "notLayered" in deps) return deps;
  const dev = deps?.dev ?? ({ keep: false } as const);
  const installCmd = deps?.command ?? "";
  const user = deps?.user ?? null;

  // What the runtime installs itself: OS packages of native code, tools the entry runs, global CLIs.
  // Kept devDependencies run in the runtime too: the table's programs of those the manifest names count.
  const native = nativePackages(project, dev.keep, runtimePackages, fullToSlim, line, a, context);
  if (!native.ok) return native;
  const aptPackages: string[] = [...native.apt];
  notes.push(...native.notes);
  const entryNames = new Set(a.entry.filter((e) => e.artifact === null).map((e) => posix.basename(e.name)));
  const provided: string[] = [];
  const prelude: Instruction[] = [];
  const reaches = a.globalInstalls.length > 0 ? globalReach(a, context, project) : () => false;
  for (const g of a.globalInstalls) {
    const used = g.packages.filter((p) => binsOf(p).some((b) => entryNames.has(b)) || reaches(p));
    for (const p of g.packages.filter((x) => !used.includes(x)))
      notes.push({ line: g.instr.line, id: "globalBuildOnly", data: { package: p } });
    if (used.length === 0) continue;
    const command = g.tool === "yarn" ? `yarn global add ${used.join(" ")}` : `${g.tool} install -g ${used.join(" ")}`;
    prelude.push(instruction("RUN", command, { line: g.instr.line }));
    provided.push(...used.flatMap(binsOf));
    notes.push({ line: g.instr.line, id: "globalRuntime", data: { packages: used.map((p) => `\`${p}\``).join(", ") } });
    // A global that runs an OS program (pm2's and nodemon's `ps`) needs it on a smaller runtime as in node_modules.
    const needs = fullToSlim ? osNeeds(used.map((p) => ({ name: p.replace(/(.)@.*$/, "$1"), builds: false }))) : null;
    for (const need of needs?.ok ? needs.needs : []) {
      const missing = need.debian.filter((d) => !aptPackages.includes(d) && !runtimePackages.some((r) => r.replace(/[=:].*$/, "") === d));
      if (missing.length === 0) continue;
      aptPackages.push(...missing);
      notes.push({
        line: g.instr.line,
        id: "osNeedsGlobal",
        data: { package: need.pkg, why: need.why, packages: missing.map((d) => `\`${d}\``).join(", ") },
      });
    }
  }
  if (fullToSlim) {
    for (const name of entryNames) {
      const pkg = ENTRY_PACKAGES[name];
      if (!pkg || provided.includes(name)) continue;
      aptPackages.push(pkg);
      provided.push(name);
      notes.push({ line, id: "entryPackage", data: { command: name, package: pkg } });
    }
  }

  // The application files: replayed from the context when no RUN touches them; when the RUNs are builds whose
  // outputs are known, the context copies plus each output; else the build's whole folder minus node_modules.
  const needsModules = install !== undefined && runsNode(a) && Object.keys(specs).length > 0;
  // A step after the install changed node_modules: a production install apart would lack it (the caller keeps the build's).
  const prisma = needsModules && usesPrismaClient(project);
  const sources = { context, scripts: project.pkg.scripts ?? {} };
  // `"postinstall": "prisma generate"` is dropped from the deps stage only where the client comes from the build.
  if (hooks.kind === "prismaGenerate" && !prisma)
    return notLayered("the project's own install scripts would run again in a stage that has only the manifests");
  const writer = needsModules ? nodeModulesWriter(a, install, { prismaGenerate: !prisma, sources }) : null;
  if (writer) return notLayered(`\`${writer.command.replace(/\s+/g, " ")}\` on line ${writer.line} changes node_modules after the install`);
  // Hardening copies before WORKDIR (so the user owns the folder): every copy must then name absolute paths.
  const layout = runtimeLayout(a, context, project, install, needsModules, options.harden, workspaceDirs);
  // A build step writes into a system folder: the runtime would need it and cannot take it apart.
  if (layout.kind === "files" && layout.why?.id === "outputsSystemFolder")
    return { ok: false, id: "systemDir", data: { path: layout.why.data.path ?? "" } };
  const plain = layout.kind === "plain";
  const filesName = freeName("files", options.takenNames);
  const direct = layout.kind === "outputs" ? layout.runs : null;
  const gate = layout.kind === "outputs" ? layout.gate : undefined;
  // Prisma's client, generated in the build, over the deps stage's stub.
  const overlay = prisma && install ? prismaOverlay(a, workdirReader(a, context, wd), project, install, layout) : { folders: [] };
  if ("why" in overlay) return notLayered(overlay.why);
  // The build stage ends at the last step the runtime takes files from (the whole of it for the files stage).
  const generatedAtInstall = overlay.folders.length > 0 && install && layout.kind !== "files" ? install.index : -1;
  const lastRun = Math.max(generatedAtInstall, ...(direct ?? []).map((r) => r.index));
  // A working folder given away by a `chown -R` step: node_modules comes first and creates it with that owner
  // (before the WORKDIR, which would create it owned by root), and the copies made before the step take it.
  const given =
    (layout.kind === "plain" || layout.kind === "outputs") && layout.chown
      ? { ...layout.chown, spec: layout.kind === "plain" && layout.hardened ? layout.chown.owner : (chownedFolder(a, wd)?.owner ?? null) }
      : null;
  if (given?.spec && overlay.folders.length > 0)
    return notLayered("the working folder is given away before Prisma's client is generated, and the runtime's first copy makes it");
  // The whole folder: set aside by the build's last RUN where that is safe, else by a stage of its own. Context
  // COPYs after that RUN are replayed after the files (not where copies go first: before the runtime's WORKDIR).
  const wholeFolder = !plain && !direct;
  const copiesLast = wholeFolder && body[a.lastBuild].keyword !== "RUN";
  const trailing =
    copiesLast && !options.harden && a.owners.size === 0
      ? trailingCopies(a, context)
      : { why: `the build ends with a ${body[a.lastBuild].keyword}, not a RUN` };
  const asideAt = "run" in trailing ? trailing.run : a.lastBuild;
  const aside = !wholeFolder
    ? null
    : copiesLast && "why" in trailing
      ? { ok: false as const, why: trailing.why }
      : filesAside(a, body[asideAt], asideAt, wd, filesFolder(a, wd));
  const asideRun = aside?.ok ? aside.instr : null;
  const replayed = asideRun && "copies" in trailing ? trailing.copies.map((i) => ({ ...body[i], leading: "" })) : [];
  const told = layoutNotes(layout, line);
  const asideNote = (n: RecipeNote): RecipeNote =>
    replayed.length > 0
      ? {
          ...n,
          id: "filesAsideCopies",
          data: {
            folder: filesFolder(a, wd),
            run: String(body[asideAt].line),
            lines: `line${replayed.length > 1 ? "s" : ""} ${replayed.map((c) => c.line).join(", ")}`,
          },
        }
      : { ...n, id: "filesAside", data: { folder: filesFolder(a, wd) } };
  notes.push(...told.map((n) => (n.id === "filesStage" && asideRun ? asideNote(n) : n)));
  if (aside && !aside.ok && told.some((n) => n.id === "filesStage"))
    notes.push({ line, id: "filesStageWhy", data: { stage: filesName, why: aside.why } });
  // Build tools' own caches on cache mounts: a rebuild after a source edit reuses them.
  const caches = direct && options.cacheMounts ? cachedBuilds(a, context, project, direct, line) : null;
  if (caches) notes.push(...caches.notes);
  // TypeScript sources the build compiled, which nothing in the image reads: left in the build stage.
  const compiled = direct && !options.harden ? compiledSourceCopies(a, context, project, direct, dev.keep) : null;
  if (compiled)
    notes.push({
      line,
      id: "compiledSourcesLeft",
      data: { paths: compiled.paths.map((p) => `\`${p}\``).join(", "), count: String(compiled.files) },
    });
  // A static site on a global server: the build's outputs alone, no context copies.
  const site = direct ? staticSiteOnly(a, context, direct, provided, needsModules ? { project, devKept: dev.keep } : null) : null;
  if (site) notes.push({ line, ...site.note });
  // The site alone on a global server: the runtime has no node_modules, so what their packages would run
  // (launch-editor's `ps`, which react-scripts' dev server loads) has nothing to run it.
  if (site && !needsModules) {
    aptPackages.splice(0, native.apt.length);
    for (const n of native.notes) if (notes.includes(n)) notes.splice(notes.indexOf(n), 1);
  }
  if (aptPackages.length > 0) {
    if (alpine) return { ok: false, id: "alpinePackages", data: { packages: aptPackages.map((p) => `\`${p}\``).join(", ") } };
    const eol = eolDebian(base.tag);
    if (eol)
      return { ok: false, id: "eolReleasePackages", data: { codename: eol, packages: aptPackages.map((p) => `\`${p}\``).join(", ") } };
    prelude.unshift(aptInstallRun(["-y", "--no-install-recommends"], [...new Set(aptPackages)], line));
  }
  const chowned = a.owners.has(wd) ? (chownedFolder(a, wd)?.owner ?? null) : null;
  const owner = chowned ?? copyOwner(body, wd);
  const chown = (who: string | null) => (who ? [{ name: "chown", value: who.includes(":") ? who : `${who}:${who}` }] : []);
  if (owner) notes.push({ line, id: "ownerKept", data: { path: wd, owner } });
  // node_modules is what the install made: its user owns it unless a `chown -R` of the folder gives it away, whatever
  // the owner of the copies around it (`COPY --chown=node:node . .` with a root install leaves it root's).
  const modulesOwner = given?.spec ?? chowned ?? user;
  const names = options.takenNames;
  const depsName = freeName("deps", names);
  // corepack fetched the package manager for the deps stage's install into root's cache; the original's image
  // kept it, so `pnpm start` runs offline there. The runtime takes it too (the class tolerates its absence).
  // Installed as the base image's `node` user: corepack fetched it into that user's home, which the runtime's
  // `pnpm start` (run as that user) reads; the copy gives the folders the user's owner, as corepack made them.
  // A user the Dockerfile creates with a home (`useradd -m -d /srv/app app`) likewise, with its own owner.
  const cacheUser = user === null ? null : userHome(a, user);
  const nodeUser = cacheUser?.owner ?? null;
  const cache = cacheUser ? `${cacheUser.home.replace(/\/+$/, "")}/.cache/node/corepack` : COREPACK_CACHE;
  const corepackRun =
    install &&
    needsModules &&
    deps &&
    (user === null || nodeUser !== null) &&
    (install.tool === "pnpm" || install.tool === "yarn") &&
    a.entry.some((e) => posix.basename(e.name) === install.tool);
  if (
    corepackRun &&
    a.setup.some((u) => u.corepackTools?.includes(install.tool)) &&
    !/COREPACK_HOME/.test(body.map((i) => i.args).join("\n"))
  )
    prelude.push(
      instruction("COPY", `${cache.replace(/k$/, "[k]")} ${cache}/`, {
        flags: [{ name: "from", value: depsName }, ...(nodeUser ? [{ name: "chown", value: nodeUser }] : [])],
        line,
      }),
    );
  // npm's update-notifier stamp the install left in the original: the runtime's npm then asks the registry no
  // sooner than the original's would (the deps stage's install wrote it, at the time the original's did).
  const stamp = install && deps ? notifierStamp(a, install, user) : null;
  if (stamp) notes.push({ line, id: "npmNotifierStamp", data: { path: stamp.path, stage: depsName } });
  if (stamp)
    prelude.push(
      instruction("COPY", `${stamp.path.replace(/d$/, "[d]")} ${posix.dirname(stamp.path)}/`, {
        flags: [{ name: "from", value: depsName }, ...(stamp.owner ? [{ name: "chown", value: stamp.owner }] : [])],
        line,
      }),
    );
  const from = (ref: string, name: string, b: readonly Instruction[], platform = true): Stage => ({
    from: instruction("FROM", `${ref} AS ${name}`, {
      line: a.stage.from.line,
      flags: platform ? a.stage.from.flags.filter((f) => f.name === "platform") : [],
    }),
    base: parseImageRef(ref),
    name,
    platform: a.stage.platform,
    body: b,
  });
  const modules = posix.join(wd, "node_modules");
  // `--link` layers do not depend on what is below them, so a source edit never re-copies node_modules. Only
  // where the file's own syntax allows it, and for root-owned copies (a linked layer brings its own parent folders).
  const link = (who: string | null) => (options.copyLink && !who && !owner && !copyOwned(body) ? [{ name: "link", value: null }] : []);
  const modulesCopy = () =>
    needsModules
      ? [
          instruction("COPY", `${modules} ${modules}`, {
            flags: [{ name: "from", value: depsName }, ...chown(modulesOwner), ...link(modulesOwner)],
            line,
          }),
        ]
      : [];
  // An install with no lockfile in the context writes one (`npm install` → package-lock.json): the runtime takes
  // the deps stage's, which resolved the same manifest (or the build's, when the runtime needs no node_modules).
  // The one-letter class copies it only where it was written.
  // An install that rewrites the context's lockfile (`npm install` over a lockfileVersion 1 file, an out-of-step
  // yarn.lock), copied before it and not after: the image kept the install's, so the runtime takes it after its
  // context copies, which would otherwise put the context's back (berry keeps the rule for no lockfile only).
  const written = install && !site && project.manager !== "yarn-berry" ? installWrittenLock(a, project, install, context) : null;
  const writtenLock =
    install && !site && (written ? !written.after : !found.lockfile && project.manager === "yarn-berry")
      ? (written?.file.replace(/.$/, "[$&]") ?? WRITTEN_LOCKFILES[install.tool])
      : undefined;
  const rewrittenLock = written?.after ? written.file : undefined;
  const lockAfter = (builder: string | null) => {
    const source = needsModules ? depsName : builder;
    if (!rewrittenLock || !source) return [];
    return [
      instruction("COPY", `${posix.join(wd, rewrittenLock)} ${wd === "/" ? "/" : `${wd}/`}`, {
        flags: [{ name: "from", value: source }, ...chown(modulesOwner)],
        line,
      }),
    ];
  };
  const lockCopy = (builder: string | null = null) => {
    const source = needsModules ? depsName : builder;
    if (!writtenLock || !source) return [];
    return [
      instruction("COPY", `${posix.join(wd, writtenLock)} ${wd === "/" ? "/" : `${wd}/`}`, {
        flags: [{ name: "from", value: source }, ...chown(modulesOwner)],
        line,
      }),
    ];
  };
  // Prisma's generated client from the build, over the stub the deps stage's install left.
  const clientCopy = (builder: string | null) =>
    builder === null || !needsModules
      ? []
      : overlay.folders.map((p) =>
          instruction("COPY", `${p} ${p}`, { flags: [{ name: "from", value: builder }, ...chown(modulesOwner)], line }),
        );
  // node_modules first, so a source edit does not re-copy it; then the context copies in order, each build
  // RUN's outputs where the RUN was (a later COPY may overwrite them).
  if (given?.spec) prelude.push(...modulesCopy(), ...lockCopy());
  const replay = (instr: Instruction, i: number): Instruction =>
    given?.spec && i < given.index
      ? changed(instr, { leading: "", flags: [...instr.flags.filter((f) => f.name !== "chown"), { name: "chown", value: given.spec }] })
      : { ...instr, leading: "" };
  // The manifests reorder-copy put first for the install's cache come again with `COPY . .`, when that is kept.
  const leftOut = (instr: Instruction, i: number) => (site !== null && !site.keeps(instr)) || compiled?.indices.has(i) === true;
  const subsumed = subsumedCopies(body, a.cwdAt, context);
  const repeated = (i: number) => subsumed.get(i)?.some((j) => !leftOut(body[j], j)) === true;
  const appCopies = (builder: string | null) => [
    ...(given?.spec ? [] : [...modulesCopy(), ...clientCopy(builder), ...lockCopy(builder)]),
    ...body.flatMap((instr, i) => {
      if (instr.keyword === "COPY" || instr.keyword === "ADD") return leftOut(instr, i) || repeated(i) ? [] : [replay(instr, i)];
      const run = direct?.find((r) => r.index === i);
      const gated = gate && run && run.index === lastRun ? [gate] : [];
      // An output a later RUN writes again comes with that RUN's copy (`svelte-kit sync`, then `vite build`).
      const rewritten = (p: string) => direct?.some((r) => r.index > i && r.outputs.some((q) => isUnder(p, q))) === true;
      const outs = builder === null ? [] : [...(run?.outputs ?? []).filter((p) => !rewritten(p)), ...gated];
      // Outputs made before a `chown -R` of the working folder take its owner, as the original's did.
      const who = given?.spec && run && run.index < given.index ? given.spec : (run?.user ?? null);
      const flags = [{ name: "from", value: builder ?? "" }, ...chown(who), ...link(who)];
      return outs.map((p) => instruction("COPY", `${p} ${p}`, { flags, line }));
    }),
    ...lockAfter(builder),
  ];
  if (needsModules) {
    notes.unshift({ line, id: dev.keep ? "depsStageAll" : "depsStage", data: { stage: depsName, command: installCmd } });
    if (deps?.cache) notes.push({ line, id: "depsCache", data: { dir: deps.cache } });
    if (hooks.kind === "gitHooks") notes.push({ line, id: "gitHookScripts", data: { scripts: hooks.commands, stage: depsName } });
    if (hooks.kind === "prismaGenerate")
      notes.push({ line, id: "prismaGenerateScripts", data: { scripts: hooks.commands, stage: depsName } });
    if (deps?.leftOut.length) notes.push({ line, id: "depsLeftOut", data: { stage: depsName, lines: deps.leftOut.join(", ") } });
    if (dev.keep) notes.push({ line, id: dev.libraries ? "keptDevLibraries" : "keptDevDeps", data: { reason: dev.reason } });
    else if (dev.byOption) notes.push({ line, id: "devPrunedByOption", data: { names: someNames(dev.byOption) } });
    // Only the runtime that replays the context copies takes it; the files stage's folder holds the install's already.
    if (rewrittenLock && (plain || direct))
      notes.push({
        line,
        id: "lockfileRewritten",
        data: { file: rewrittenLock, stage: depsName, command: [install.tool, ...install.args].join(" ") },
      });
    if (found.lockfile && !project.lockfile)
      notes.push({
        line,
        id: lock === "removed" ? "lockfileRemoved" : "lockfileNotRead",
        data: { command: installCmd, lockfile: found.lockfile },
      });
    else if (!project.lockfile) notes.push({ line, id: "noLockfile", data: { command: installCmd } });
  }
  return {
    ok: true,
    plan: {
      image,
      shellless: false,
      builderInserts: [],
      builderReplace: asideRun ? new Map([[asideAt, asideRun]]) : caches?.replace,
      // The runtime copies only the build RUNs' outputs: steps after the last of them (global installs, which the
      // runtime replays or the build never used) need not re-run after a source edit.
      builderEnd: replayed.length > 0 ? asideAt : lastRun >= 0 ? lastRun : undefined,
      buildCaches: caches?.paths,
      runtimePrelude: prelude,
      notes,
      nonRootUser: { name: "node", chown: "node:node" },
      providedTools: provided,
      dropBuilder: plain && overlay.folders.length === 0,
      // A `chown -R` of the working folder: the copies must create it, owned as in the original.
      copiesFirst: layout.kind === "files" && a.owners.has(wd),
      copiesInPlace: layout.kind === "plain" && layout.hardened,
      stagesBefore: (builder) => [
        ...(needsModules && deps ? [from(a.stage.base.raw, depsName, deps.body)] : []),
        ...(plain || direct || asideRun ? [] : [filesStage(a, builder, filesName, line)]),
      ],
      // Plain / outputs: see appCopies. Else the files first, so that they create the working folder (with its
      // owner) and node_modules lands inside it.
      runtimeCopies: (builder) =>
        plain
          ? appCopies(overlay.folders.length > 0 ? builder : null)
          : direct
            ? appCopies(builder)
            : [
                // node_modules first when the working folder keeps root's owner: a source edit then re-copies the
                // files only (a COPY after a changed one always runs again).
                ...(owner || a.owners.has(wd) ? [] : [...modulesCopy(), ...clientCopy(builder)]),
                instruction("COPY", `${filesFolder(a, wd)} ${wd}`, {
                  flags: [{ name: "from", value: asideRun ? builder : filesName }, ...chown(owner)],
                  line,
                }),
                ...(owner || a.owners.has(wd) ? [...modulesCopy(), ...clientCopy(builder)] : []),
                ...a.copyPaths
                  .filter((p) => p !== wd)
                  .map((p) => instruction("COPY", `${p} ${p}`, { flags: [{ name: "from", value: builder }], line })),
                // The COPYs after the RUN that set the files aside, as the original made them.
                ...replayed,
              ],
      copiedWhat: [
        needsModules ? `production dependencies from stage \`${depsName}\`` : null,
        plain
          ? "the application files from the build context"
          : gate
            ? "the application files from the build context"
            : direct
              ? `${site ? "" : "the application files from the build context and "}the build's outputs ${[...new Set(direct.flatMap((r) => r.outputs))].map((p) => `\`${p}\``).join(", ")}`
              : asideRun
                ? `the application files the build set aside in \`${filesFolder(a, wd)}\``
                : `the application files from stage \`${filesName}\``,
      ]
        .filter(Boolean)
        .join(" and "),
    },
  };
}

/** Some COPY gives an owner or a mode, or a USER is set: parent folders may not be root's. */
function copyOwned(body: readonly Instruction[]): boolean {
  return body.some((i) => i.keyword === "USER") || copiesSetOwners(body);
}

/**
 * Whether the image may use a global package other than by an entry program (red team 19 F10–F12): `NODE_PATH`
 * set by the stage (node then loads globals by name), `npx`/`npm exec`/`dlx` of one of its commands in the entry or
 * the npm scripts it runs, or a source file of the project that loads the package (`require("pm2")`) or runs one of
 * its commands (`execFileSync("prettier", …)`).
 */
function globalReach(a: Analysis, context: BuildContext, project: NodeProject): (spec: string) => boolean {
  if (a.stage.body.some((i) => (i.keyword === "ENV" || i.keyword === "ARG") && /(^|\s)NODE_PATH[=\s]/.test(i.args))) return () => true;
  const scripts = project.pkg.scripts ?? {};
  const texts = a.stage.body.filter((i) => /^(CMD|ENTRYPOINT|HEALTHCHECK)$/.test(i.keyword)).map((i) => i.args);
  // The npm scripts the entry runs (`npm start`, `yarn run x`), with their pre/post scripts and the scripts they run.
  for (let i = 0; i < texts.length && i < 50; i++)
    for (const m of texts[i].matchAll(/\b(?:npm|yarn|pnpm)["',\s]+(?:run["',\s]+|run-script["',\s]+)?([\w:.-]+)/g))
      for (const name of [`pre${m[1]}`, m[1], `post${m[1]}`])
        if (typeof scripts[name] === "string" && !texts.includes(scripts[name])) texts.push(scripts[name]);
  const entryText = texts.join("\n");
  const sources: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (/\.(c|m)?(j|t)sx?$/.test(name)) sources.push(context.read(path) ?? "");
      else if (name !== "node_modules" && name !== ".git" && !name.includes(".") && depth < 12) walk(path, depth + 1);
    }
  };
  walk(project.dir, 0);
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return (spec) => {
    const name = escape(spec.replace(/(.)@.*$/, "$1"));
    const bins = binsOf(spec).map(escape).join("|");
    const viaNpx = new RegExp(`\\b(npx|exec|dlx)["',\\s]+(-[^\\s"',]+["',\\s]+)*(${bins})(?=[\\s"',@\\]]|$)`, "m");
    const loads = new RegExp(`(\\brequire(\\.resolve)?\\s*\\(|\\bimport\\s*\\(|\\bfrom|^\\s*import)\\s*["'\`]${name}(?=["'\`/])`, "m");
    const runs = new RegExp(
      `\\b(exec|execSync|execFile|execFileSync|spawn|spawnSync|execa|execaSync|execaCommand|fork)\\s*\\(\\s*["'\`](${bins})(?=["'\`\\s])`,
    );
    return viaNpx.test(entryText) || sources.some((text) => loads.test(text) || runs.test(text));
  };
}

function binsOf(spec: string): readonly string[] {
  const name = spec.replace(/(.)@.*$/, "$1");
  return GLOBAL_BINS[name] ?? [posix.basename(name)];
}

/** Where the files stage puts the working folder's files: beside the working folder, a name no image uses. */
/**
 * The folder the build sets the working folder's files aside in: `<workdir>-files`, or `-files-1`, `-files-2`, …
 * when an instruction of the stage names it (the Dockerfile makes or uses that folder itself: the copy-aside would
 * fail the build on `mkdir`, or mix the Dockerfile's files into the runtime's working folder).
 */
export function filesFolder(a: Analysis, workdir: string): string {
  const base = `${workdir.replace(/\/+$/, "")}-files`;
  const texts = [a.stage.from, ...a.stage.body].map((i) => i.args);
  const named = (folder: string) => texts.some((t) => t.includes(folder));
  if (!named(base)) return base;
  let n = 1;
  while (named(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Stage `name` from the build stage with the working folder's files but its node_modules: copied aside rather than
 * removing node_modules, whose removal walks every file of it (seconds for a large tree, on every source edit).
 * `cp -a` keeps owners, modes and links; `mkdir` without `-p` fails the build rather than mix in an existing folder.
 */
export function filesStage(a: Analysis, builder: string, name: string, line: number): Stage {
  const wd = a.workdir ?? "/";
  // The stage starts as the build's last user, who may not read every file: root copies them.
  const user = [...a.stage.body].reverse().find((i) => i.keyword === "USER");
  const asRoot = user && !/^(root|0)(:(root|0))?$/.test(user.args.trim()) ? [instruction("USER", "root", { line })] : [];
  const out = filesFolder(a, wd);
  const copy = `mkdir ${out} && find ${wd} -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} ${out}/ \\;`;
  return {
    from: instruction("FROM", `${builder} AS ${name}`, { line: a.stage.from.line }),
    base: parseImageRef(builder),
    name,
    platform: a.stage.platform,
    body: [...asRoot, instruction("RUN", copy, { line })],
  };
}

/** Where corepack keeps the package managers it fetched, for root. */
const COREPACK_CACHE = "/root/.cache/node/corepack";

export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let i = 1;
  while (taken.has(`${name}-${i}`)) i++;
  return `${name}-${i}`;
}
