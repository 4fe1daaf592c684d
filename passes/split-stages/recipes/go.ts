// Go: a static build (CGO_ENABLED=0) onto distroless/static when nothing needs cgo and the entry needs no
// shell; with cgo (evidence in go-source.ts), the same Debian release, slim, with the linked libraries'
// run-time packages. The runtime gets the binary, the context files the program names and the files the build
// makes that it opens, not the sources; the builder's `go` steps get cache mounts so a source edit recompiles
// only what changed.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { declaredVariables } from "../../../src/core/instructions.js";
import { changed, instruction, type Instruction } from "../../../src/core/ir.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import type { Analysis } from "../analysis.js";
import { contextSource } from "../entry.js";
import { isUnder, outermost, resolvePath } from "../paths.js";
import { settingPaths } from "../setting-paths.js";
import { entryScriptReads } from "../script-reads.js";
import { mentionedCommands, searchedSources } from "../mentions.js";
import { aptInstallRun } from "../apt-run.js";
import { debianRelease, ZONE_FILES_RELEASES } from "../closure/debian-release.js";
import { isHeaders, packageName } from "../closure/debian-libs.js";
import { lackedTools } from "../runtime-check.js";
import { goEntryFromImage, goEntryNotBuilt } from "./go-entry.js";
import { devPackageFor, readGoSources, type GoSources } from "./go-source.js";
import { isOfficial, splitCodename, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

/** Libraries every glibc image has (libc6). */
const LIBC = new Set(["c", "m", "pthread", "dl", "rt", "resolv", "util"]);

/** The cache folders of the build, from the stage's ENV or the golang image's defaults (as root). */
function cacheDirs(a: Analysis): string[] {
  const env = a.stage.body.filter((i) => i.keyword === "ENV").map((i) => i.args);
  const value = (name: string) => env.map((e) => new RegExp(`\\b${name}[= ]"?([^\\s"]+)`).exec(e)?.[1]).find(Boolean);
  const gopath = value("GOPATH") ?? "/go";
  return [value("GOCACHE") ?? "/root/.cache/go-build", value("GOMODCACHE") ?? `${gopath}/pkg/mod`];
}

/** Where `go install` puts programs on the golang image (`$GOPATH/bin`; GOBIN and GOPATH unset: analysis.ts). */
const GOBIN = "/go/bin";

/** Commands of the golang image an entry may run by name besides the built program. */
const IMAGE_COMMANDS = new Set(["sh", "bash", "env", "go", "gofmt", "git", "curl", "wget", "make", "tini", "dumb-init"]);

/**
 * The entry's own program, run by name, when `go install` put other programs in GOBIN and nothing else brings it
 * (no OS package, no copy): the original fails at start too (`CMD ["app"]` where the module makes `server`).
 */
function goEntryNotInstalled(a: Analysis): { command: string; path: string; outputs: string } | null {
  const installed = a.copyPaths.filter((p) => posix.dirname(p) === GOBIN);
  if (installed.length === 0 || a.apt.length > 0 || a.setup.some((u) => u.alpinePackages.length > 0)) return null;
  const main = a.entry.find((e) => e.from !== "script" && e.from !== "HEALTHCHECK");
  if (!main || main.artifact !== null || main.name.includes("/") || main.name.includes("$") || IMAGE_COMMANDS.has(main.name)) return null;
  return {
    command: main.name,
    path: `${GOBIN}/${main.name}`,
    outputs: installed.map((p) => `\`${p}\``).join(", "),
  };
}

/** RUNs that call `go`, given cache mounts for the build and module caches (unless they have mounts). */
function withCaches(a: Analysis): Map<number, Instruction> {
  const replaced = new Map<number, Instruction>();
  if (a.stage.body.some((i) => i.keyword === "USER") || /\$/.test(cacheDirs(a).join(""))) return replaced;
  a.stage.body.forEach((instr, i) => {
    if (instr.keyword !== "RUN" || !GO_STEP.test(instr.args)) return;
    if (instr.flags.some((f) => f.name === "mount")) return;
    const mounts = cacheDirs(a).map((target) => ({ name: "mount", value: `type=cache,target=${target}` }));
    replaced.set(i, changed(instr, { flags: [...mounts, ...instr.flags] }));
  });
  return replaced;
}

/**
 * A step that reads a cache folder without the mount (`RUN cp -r /go/pkg/mod/cache/download …`, a RUN that already
 * mounts something else, a path the runtime copies): a cache mount on the `go` steps keeps what they write there out
 * of the layers, so that step would find it empty. Null when none does.
 */
function cacheReader(a: Analysis): { line: number; dir: string } | null {
  const dirs = cacheDirs(a);
  const named = (text: string) =>
    dirs.find((d) => text.includes(d)) ??
    /\$\{?(GOMODCACHE|GOCACHE)\b|\$\{?GOPATH\}?\/pkg\b|\bgo\s+env\s+(GOMODCACHE|GOCACHE)\b|\/go\/pkg\b/.exec(text)?.[0] ??
    null;
  for (const instr of a.stage.body) {
    if (instr.keyword !== "RUN" && instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    // The steps that get the mounts read the cache through it.
    const mounted = instr.keyword === "RUN" && !instr.flags.some((f) => f.name === "mount") && GO_STEP.test(instr.args);
    const dir = mounted ? null : named(instr.exec ? instr.exec.join(" ") : instr.args);
    if (dir) return { line: instr.line, dir };
  }
  const copied = a.copyPaths.find((p) => dirs.some((d) => isUnder(p, d)));
  return copied ? { line: a.stage.body[a.lastBuild].line, dir: copied } : null;
}

const GO_STEP = /(^|[\s;&|(])go\s+(build|mod|install|generate|test|vet|run)\b/;

/**
 * The paths to copy: each folder the sources were copied to is replaced by the entry's programs inside it
 * and the context files the program names; other outputs (`go build -o /app/x`) are copied as they are.
 * Null when a file-opening call has a computed path (anything may be read: keep the whole folder).
 */
function runtimeFiles(
  a: Analysis,
  src: GoSources,
  moduleDir: string | null,
  made: readonly string[],
  scriptReads: readonly string[],
  context: BuildContext,
): string[] | null {
  if (src.dynamicRead !== null || a.workdir === null || moduleDir === null) return null;
  const workdir = a.workdir;
  const programs = a.entry.map((e) => e.artifact).filter((p): p is string => p !== null);
  if (programs.length === 0) return null;
  const paths: string[] = [];
  for (const copied of a.copyPaths) {
    if (!isUnder(moduleDir, copied) && !isUnder(copied, moduleDir)) {
      paths.push(copied);
      continue;
    }
    paths.push(...programs.filter((p) => isUnder(p, copied)));
    // Relative literals resolve against the runtime's working folder, which holds the module's files.
    if (src.wholeFolder !== null && isUnder(workdir, copied)) paths.push(workdir);
    paths.push(...src.reads.map((r) => resolvePath(workdir, r) as string).filter((p) => isUnder(p, copied)));
    paths.push(...[...made, ...scriptReads, ...runMade(a, context)].filter((p) => isUnder(p, copied)));
  }
  // The working folder a RUN gave an owner (`chown -R app /src`) while nothing the runtime copies lands in it: the
  // runtime's WORKDIR would make it root's, and the program could not write there; the folder is copied with its owner.
  const owned = [...a.owners.keys()].some((p) => isUnder(workdir, p));
  if (owned && !paths.some((p) => isUnder(p, workdir)) && a.copyPaths.some((c) => isUnder(workdir, c))) paths.push(workdir);
  return outermost(paths);
}

/**
 * What the RUNs made in the working folder and left there (`mkdir data`, `touch db.sqlite`, `cp x y`, an output):
 * the original image has it (with the owner and mode the build gave it), so the runtime keeps it too; the
 * context's own files (`chmod +x run.sh`) are copied only when named.
 */
export function runMade(a: Analysis, context: BuildContext): string[] {
  const workdir = a.workdir;
  if (workdir === null) return [];
  return a.runWrites
    .filter((w, i) => !w.removed && !a.runWrites.slice(i + 1).some((r) => r.removed && isUnder(w.path, r.path)))
    .filter((w) => w.path !== workdir && isUnder(w.path, workdir))
    .filter((w) => {
      const source = contextSource(w.path, a.sources);
      return source === null || !context.exists(source);
    })
    .map((w) => w.path);
}

/**
 * What the build makes in the module folder that the program opens by a literal path the context lacks
 * (`echo "$SHA" > REVISION`, a generator's `os.WriteFile("generated/info.txt", …)` run by `go run ./tools/gen`).
 * `unknown` is a path opened while a generator runs whose outputs cannot be told (`go generate`, or a
 * `go run` whose sources do not name it); a path nothing makes is left alone (the program may make it).
 */
function generatedFiles(a: Analysis, src: GoSources, root: string): { made: string[]; unknown: { path: string; command: string } | null } {
  const workdir = a.workdir as string;
  const generators: string[] = [];
  const generated: string[] = [];
  a.stage.body.forEach((instr, i) => {
    if (instr.keyword !== "RUN" || instr.exec) return;
    for (const cmd of simpleCommands(parseShell(joinContinuations(instr.args)))) {
      const [sub, ...rest] = cmd.args.map((w) => w.value);
      if (posix.basename(cmd.name ?? "") !== "go" || (sub !== "run" && sub !== "generate")) continue;
      generators.push(cmd.node.text);
      const cwd = a.cwdAt[i] ?? workdir;
      const target = sub === "run" ? rest.find((w) => w === null || !w.startsWith("-")) : null;
      const pkg = typeof target === "string" ? resolvePath(cwd, target.endsWith(".go") ? posix.dirname(target) : target) : null;
      if (pkg === null) continue;
      const abs = (file: string) => posix.join(workdir, root === "." ? file : posix.relative(root, file));
      for (const w of src.written) if (isUnder(posix.dirname(abs(w.file)), pkg)) generated.push(resolvePath(cwd, w.path) as string);
    }
  });
  const made: string[] = [];
  for (const path of src.missing.map((m) => resolvePath(workdir, m) as string)) {
    const written = [...a.runWrites.map((w) => w.path).filter((w) => isUnder(w, workdir) && w !== workdir), ...generated];
    const maker = written.find((w) => isUnder(path, w));
    if (maker) made.push(maker);
    else if (generators.length > 0) return { made, unknown: { path: posix.relative(workdir, path), command: generators[0] } };
  }
  return { made: outermost(made), unknown: null };
}

/**
 * The value the stage gives CGO_ENABLED for its `go build`/`go install` (ENV, ARG, a RUN's `export`, or the
 * assignment in front of the build command itself; the last one written): "0" or "1", null when it is set to
 * something not known here (a bare ARG, a variable without a default), undefined when unset. An assignment in
 * front of another command (`CGO_ENABLED=0 go test ./... && go build`) is that command's alone.
 */
export function cgoEnabled(body: readonly { readonly keyword: string; readonly args: string }[]): "0" | "1" | null | undefined {
  const text = body.map((i) => (i.keyword === "ENV" || i.keyword === "RUN" || i.keyword === "ARG" ? i.args : "")).join("\n");
  let value: "0" | "1" | null | undefined;
  const take = (raw: string) => {
    const unquoted = raw.replace(/^(["'])(.*)\1$/, "$2");
    const ref = /^\$\{?(\w+)(?::?-([^}]*))?\}?$/.exec(unquoted);
    const resolved = ref ? (variableDefault(text, ref[1]) ?? ref[2] ?? "") : unquoted;
    value = resolved === "0" || resolved === "1" ? resolved : null;
  };
  const SETTING = /(?<![$\w{])CGO_ENABLED(?:=([^\s;&|]*)|[ \t]+([^\s;&|=]+))?/g;
  for (const i of body) {
    if (i.keyword === "ENV" || i.keyword === "ARG") for (const m of i.args.matchAll(SETTING)) take(m[1] ?? m[2] ?? "");
    if (i.keyword !== "RUN") continue;
    for (const segment of i.args.split(/&&|\|\||[;|\n]/)) {
      const m = /(?<![$\w{])CGO_ENABLED=([^\s;&|]*)/.exec(segment);
      if (!m) continue;
      const exported = /^\s*export\s/.test(segment.slice(0, m.index));
      if (exported || /\bgo\s+(?:build|install)\b/.test(segment.slice(m.index))) take(m[1]);
    }
  }
  return value;
}

/** The default an ARG or ENV of the stage gives `name` (`ARG CGO=1`, `ENV CGO 1`), or null. */
function variableDefault(text: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}(?:=|[ \\t]+)(["']?)([^\\s"']*)\\1`, "m").exec(text);
  return m ? m[2] : null;
}

export const goRecipe: Recipe = {
  id: "go",
  matches: (base) => isOfficial(base, "golang"),
  tools: [],
  // A program that runs the toolchain (`exec.Command("go", "version")`) needs the golang image.
  toolchain: { named: ["gofmt"], called: ["go"] },
  // The official image's WORKDIR is its GOPATH.
  baseWorkdir: "/go",
  baseEnv: { GOPATH: "/go" },
  plan(base, a, context, runtimePackages, options): PlanResult {
    const tag = base.tag ?? "latest";
    const alpine = /alpine/.test(tag);
    // The first step that compiles the program (`go install` too, not a tool's `go install x@latest`): a static build
    // is set up before it.
    const goBuild = a.stage.body.findIndex((i) => i.keyword === "RUN" && /\bgo\s+(build\b|install\b(?![^;&|\n]*@))/.test(i.args));
    const gomod = a.workdir === null ? null : contextSource(`${a.workdir}/go.mod`, a.sources);
    const root = gomod === null ? "." : posix.dirname(gomod);
    const cgoValue = cgoEnabled(a.stage.body);
    const cgoOff = cgoValue === "0";
    const src = readGoSources(context, root, !cgoOff);
    const cgoSet = cgoValue !== undefined;
    const flag = glibcFlag(a);
    // A value not known here (a bare `ARG CGO_ENABLED`, a variable without default) may be Go's default: cgo on.
    // C headers installed before the build are for cgo: a required module that wraps a C library (bimg, govips,
    // godror …) builds only with cgo, and its sources are in the module cache, which the context does not hold.
    const headers = goBuild < 0 ? undefined : a.apt.find((i) => a.stage.body.indexOf(i.instr) < goBuild && i.packages.some(isCHeaders));
    const headersEvidence = headers ? `\`${headers.packages.find(isCHeaders)}\` is installed for the build` : null;
    const cgoEvidence = src.cgoEvidence ?? headersEvidence;
    const cgo = cgoValue === "1" || cgoValue === null || ((cgoEvidence !== null || flag?.cgo === true) && !cgoOff);
    const notes: RecipeNote[] = [];
    const builderInserts = [];
    const installed = a.apt.flatMap((i) => i.packages);
    if (cgo) {
      // Each linked library needs a `-dev` the Dockerfile installs: its run-time package is then known.
      const unknown = src.libraries.find((l) => !LIBC.has(l) && devPackageFor(l, installed) === null);
      if (unknown) return { ok: false, id: "cgoLibrary", data: { library: unknown, evidence: src.cgoEvidence ?? "" } };
      if (cgoEvidence) notes.push({ line: a.stage.body[Math.max(goBuild, 0)].line, id: "cgoKept", data: { evidence: cgoEvidence } });
    }
    if (flag) notes.push({ line: flag.line, id: flag.cgo ? "goFlagCgo" : "goFlagLoader", data: { flag: flag.flag } });
    if (!cgo && !cgoSet && !flag && goBuild >= 0) {
      const line = a.stage.body[goBuild].line;
      builderInserts.push({ before: goBuild, instructions: [instruction("ENV", "CGO_ENABLED=0", { line })] });
      // The step's own verb: `go install` makes the program as `go build` does.
      const verb = /\bgo\s+(build|install)\b/.exec(a.stage.body[goBuild].args)?.[1] ?? "build";
      notes.push({ line, id: "staticGo" as const, data: { command: `go ${verb}` } });
    }
    const cacheRead = options.cacheMounts ? cacheReader(a) : null;
    const builderReplace = options.cacheMounts && cacheRead === null ? withCaches(a) : new Map<number, Instruction>();
    if (cacheRead) notes.push({ line: cacheRead.line, id: "goCacheRead", data: { dir: cacheRead.dir } });
    if (builderReplace.size > 0) {
      const line = a.stage.body[[...builderReplace.keys()][0]].line;
      notes.push({ line, id: "goCache", data: { dirs: cacheDirs(a).join("`, `") } });
    }
    const generated = gomod === null || src.dynamicRead !== null ? { made: [], unknown: null } : generatedFiles(a, src, root);
    if (src.toolchainLoad) return { ok: false, id: "goToolchainLoad", data: src.toolchainLoad };
    if (generated.unknown) return { ok: false, id: "goGeneratedRead", data: generated.unknown };
    // Shell scripts the program runs (`exec.Command("sh", "scripts/migrate.sh")`) read files too.
    const programScripts = src.reads.filter((r) => /\.(?:sh|bash)$/.test(r)).map((r) => resolvePath(a.workdir ?? "/", r) as string);
    const scripts = entryScriptReads(a, context, programScripts);
    if (scripts.computed) return { ok: false, id: "entryScriptComputed", data: scripts.computed };
    // A program brought from another image (red team 22 m4): its C library is that image's, which msb-opt cannot tell.
    const fromImage = goEntryFromImage(a);
    if (fromImage) return { ok: false, id: "goEntryFromImage", data: fromImage };
    const missing = goEntryNotBuilt(a, context) ?? goEntryNotInstalled(a);
    if (missing) return { ok: false, id: "goEntryNotBuilt", data: missing };
    // A file an ENV value or an entry flag names (`SSL_CERT_FILE=/src/certs/corp.pem`) is read by that name.
    const settings = settingPaths(a, context);
    const files = runtimeFiles(a, src, gomod === null ? null : a.workdir, generated.made, [...scripts.paths, ...settings], context);
    const copyPaths = files ?? undefined;
    const made = generated.made.map((m) => `\`${m}\``).join(", ");
    const runKept =
      files === null
        ? []
        : outermost(runMade(a, context))
            .filter((m) => !a.entry.some((e) => e.artifact === m) && !generated.made.includes(m))
            .map((m) => `\`${posix.relative(a.workdir as string, m)}\``);
    const settingsKept = files === null ? [] : settings.filter((p) => files.some((f) => isUnder(p, f)));
    const settingsList = settingsKept.map((p) => `\`${p}\``).join(", ");
    const andMade =
      (runKept.length > 0 ? `, and what the build's commands left in it (${runKept.join(", ")})` : "") +
      (settingsKept.length > 0 ? `, and what the image's settings name (${settingsList})` : "");
    if (files && src.wholeFolder !== null)
      notes.push({ line: a.stage.body[a.lastBuild].line, id: "goWholeFolder", data: { call: src.wholeFolder } });
    else if (files && a.workdir !== null && files.includes(a.workdir) && [...a.owners.keys()].some((p) => isUnder(a.workdir as string, p)))
      notes.push({ line: a.stage.body[a.lastBuild].line, id: "goOwnedFolder", data: {} });
    else if (files) {
      // Only a named file the runtime keeps from the copy of the source folder counts (`/etc/app/settings.conf`,
      // copied on its own, is not one).
      const wd = a.workdir as string;
      const ofSources = (p: string) => a.copyPaths.some((c) => (isUnder(wd, c) || isUnder(c, wd)) && isUnder(p, c));
      const readsKept = src.reads
        .map((r) => resolvePath(wd, r) as string)
        .filter((p) => ofSources(p) && files.some((f) => isUnder(p, f))).length;
      const named =
        readsKept && made
          ? `the files the code names and those the build makes that it opens (${made})`
          : made
            ? `the files the build makes that the code opens (${made})`
            : readsKept && scripts.paths.length
              ? "the files the code and the entry script name"
              : readsKept
                ? "the files the code names"
                : scripts.paths.length
                  ? "the files the entry script names"
                  : runKept.length > 0
                    ? "nothing the code names"
                    : settingsKept.length > 0
                      ? ""
                      : "nothing else: the code names no context file";
      const reason = named === "" ? `what the image's settings name (${settingsList})` : named + andMade;
      notes.push({ line: a.stage.body[a.lastBuild].line, id: "goFiles", data: { reason } });
    }
    // A program the entry runs that Go did not build (a gcc-built wrapper, an ADDed `tini`, a binary from the
    // context) may need the C library and its loader, which the shell-less runtime lacks.
    const foreign = foreignEntryProgram(a, context);
    const entryNeedsShell = a.entry.some((e) => e.shell || e.artifact === null) || foreign !== null;
    // What only an image with a shell can repeat or run: the Debian slim runtime instead of the shell-less one.
    const shellReason = alpine ? null : shellRuntimeReason(a, context, runtimePackages);
    const shellless = !cgo && !flag && goBuild >= 0 && !entryNeedsShell && runtimePackages.length === 0 && shellReason === null;
    // On Alpine only a static program has a runtime (distroless); it takes none of the stage's Alpine packages.
    const setupLeftInBuild = alpine ? alpineBuildOnly(a) : undefined;
    if (alpine && (!shellless || setupLeftInBuild === null)) {
      const extra = a.setup.flatMap((u) => u.alpinePackages).filter((p) => !GO_ALPINE_BUILD_ONLY.has(p));
      const reason = cgo
        ? "the program uses cgo, which links Alpine's C library"
        : flag
          ? `\`${flag.flag}\` makes a program that needs Alpine's dynamic loader`
          : entryNeedsShell
            ? 'the entry needs a shell (write it in exec form, `ENTRYPOINT ["/app/server"]`)'
            : extra.length > 0
              ? `the stage adds Alpine packages the program may run or load (${extra.map((p) => `\`${p}\``).join(", ")})`
              : "the stage sets up users, folders or upgrades that a shell-less runtime cannot repeat";
      return { ok: false, id: "goAlpineNotStatic", data: { image: base.raw, reason } };
    }
    if (setupLeftInBuild && setupLeftInBuild.length > 0)
      notes.push({
        line: a.setup[0].instr.line,
        id: "goAlpineStatic",
        data: { packages: setupLeftInBuild.map((p) => `\`${p}\``).join(", ") },
      });
    // golang images set WORKDIR /go; keep it when the Dockerfile sets none.
    const ownWorkdir = a.stage.body.some((i) => i.keyword === "WORKDIR");
    const prelude = ownWorkdir ? [] : [instruction("WORKDIR", "/go", { line: a.stage.from.line })];
    // `go install` put programs in `/go/bin`, first on the golang image's PATH: the runtime finds them by name alike.
    const inGobin = (copyPaths ?? a.copyPaths).filter((p) => posix.dirname(p) === GOBIN);
    if (inGobin.length > 0) {
      prelude.push(instruction("ENV", `PATH=${GOBIN}:$PATH`, { line: a.stage.from.line }));
      const byName = a.entry.filter((e) => !e.name.includes("/") && e.artifact !== null && posix.dirname(e.artifact) === GOBIN);
      const runs = byName.length > 0 ? `: the image runs ${[...new Set(byName.map((e) => `\`${e.name}\``))].join(", ")} by name` : "";
      notes.push({
        line: a.stage.body[a.lastBuild].line,
        id: "goBinPath",
        data: { programs: inGobin.map((p) => `\`${posix.basename(p)}\``).join(", "), runs },
      });
    }
    // A line the runtime repeats that names `$GOPATH` (`WORKDIR $GOPATH/src/app`) reads the golang image's value.
    const gopathLine = a.stage.body.find((i) => i.keyword !== "RUN" && /\$\{?GOPATH\b/.test(i.args));
    const ownGopath = a.stage.body.some((i) => (i.keyword === "ENV" || i.keyword === "ARG") && /(^|\s)GOPATH\b/.test(i.args));
    if (gopathLine && !ownGopath) {
      prelude.unshift(instruction("ENV", "GOPATH=/go", { line: a.stage.from.line }));
      notes.push({ line: gopathLine.line, id: "goPathKept", data: {} });
    }
    const common = { builderInserts, builderReplace, copyPaths, notes };
    if (shellless) {
      const lacked = distrolessLacks(a);
      if (lacked) return { ok: false, id: "javaUserMissing", data: { user: lacked, image: base.raw, jre: DISTROLESS } };
      const hasUser = a.stage.body.some((i) => i.keyword === "USER");
      // The original ran as root; distroless images may default to another user, who would own a WORKDIR made after it.
      if (!hasUser) prelude.unshift(instruction("USER", "root", { line: a.stage.from.line }));
      notes.push({ line: a.stage.from.line, id: "distroless", data: { user: hasUser ? "" : ", and `USER root` keeps the original user" } });
      const nonRootUser = { name: "65532:65532", chown: "65532:65532" };
      return {
        ok: true,
        plan: {
          image: DISTROLESS,
          shellless,
          runtimePrelude: prelude,
          nonRootUser,
          ...(setupLeftInBuild ? { setupLeftInBuild } : {}),
          ...common,
        },
      };
    }
    // The build's Debian release (from the tag, or the catalog's group: `latest` is trixie's), so that a cgo program
    // finds the C library it was linked against; a tag the catalog does not know is an older release than bookworm.
    const codename = splitCodename(tag).codename ?? debianRelease(base) ?? "bookworm";
    const image = `debian:${codename}-slim`;
    if (shellReason && !cgo && !flag && goBuild >= 0 && !entryNeedsShell && runtimePackages.length === 0)
      notes.push({ line: shellReason.line, id: "goShellRuntime", data: { image, reason: shellReason.reason } });
    else if (
      foreign &&
      !cgo &&
      !flag &&
      goBuild >= 0 &&
      runtimePackages.length === 0 &&
      !a.entry.some((e) => e.shell || e.artifact === null)
    )
      notes.push({
        line: a.stage.body[a.lastBuild].line,
        id: "goShellRuntime",
        data: { image, reason: `the image runs \`${foreign}\`, which Go did not build here and which may need the C library's loader` },
      });
    // The golang image has CA certificates, which Debian's slim image lacks: the code that reads them gets them. The
    // zone files too, on a release whose slim image may lack them (bookworm's and trixie's have tzdata: required).
    const line = a.stage.body[a.lastBuild].line;
    const osFiles = goSystemFiles(a, context, src).filter(
      (f) =>
        !runtimePackages.some((p) => p.replace(/[=:].*$/, "") === f.package) &&
        !(f.package === "tzdata" && ZONE_FILES_RELEASES.has(codename)),
    );
    if (osFiles.length > 0) {
      prelude.push(
        aptInstallRun(
          ["-y", "--no-install-recommends"],
          osFiles.map((f) => f.package),
          line,
        ),
      );
      for (const f of osFiles) notes.push({ line, id: "goSystemFiles", data: { package: f.package, why: f.why, image } });
    }
    return { ok: true, plan: { image, shellless, runtimePrelude: prelude, ...common } };
  },
};

/** Go standard packages that verify TLS certificates against the system's roots (`/etc/ssl/certs`). */
const TLS_IMPORTS = /^\s*(?:import\s+)?(?:\w+\s+)?"(?:net\/http|crypto\/tls|crypto\/x509|net\/smtp)"/m;

/**
 * The Debian packages of files the golang image has and the slim one lacks that the program may read: the CA
 * certificates when it can make a TLS connection (an import of net/http, crypto/tls, crypto/x509 or net/smtp, or
 * any required module, which may), the zone files when it loads a time zone by name (`time.LoadLocation`, `TZ`)
 * and does not embed them (`time/tzdata`).
 */
/**
 * Modules that call `time.LoadLocation` with a zone their settings name: go-sql-driver/mysql's DSN `loc=`, pgx's and
 * the GORM drivers' `TimeZone=`, the cron schedulers' `CRON_TZ=`/`TZ=` prefix, carbon's default zone.
 */
const ZONE_MODULES = [
  "github.com/go-sql-driver/mysql",
  "github.com/jackc/pgx",
  "gorm.io/driver/postgres",
  "gorm.io/driver/mysql",
  "github.com/robfig/cron",
  "github.com/go-co-op/gocron",
  "github.com/golang-module/carbon",
  "github.com/dromara/carbon",
];

function goSystemFiles(a: Analysis, context: BuildContext, src: GoSources): Array<{ package: string; why: string }> {
  const files = searchedSources(context).filter((f) => f.path.endsWith(".go") && !/(^|\/)vendor\//.test(f.path));
  const out: Array<{ package: string; why: string }> = [];
  const tls = files.find((f) => TLS_IMPORTS.test(f.text));
  if (tls) out.push({ package: "ca-certificates", why: `\`${tls.path}\` can make TLS connections, which check the system's certificates` });
  else if (src.requires.length > 0)
    out.push({
      package: "ca-certificates",
      why: `the required module \`${src.requires[0]}\` may make TLS connections, which check the system's certificates`,
    });
  const embedded = files.some((f) => /"time\/tzdata"/.test(f.text));
  const zone = files.find((f) => /\btime\.LoadLocation\(/.test(f.text));
  const tzEnv = a.stage.body.find((i) => i.keyword === "ENV" && /(^|\s)TZ[= ]/.test(i.args));
  // As for TLS: a required module that loads zones named in its settings (a DSN's `loc=`/`TimeZone=`, `CRON_TZ=`).
  const zoneModule = src.requires.find((r) => ZONE_MODULES.some((m) => r === m || r.startsWith(`${m}/`)));
  if (!embedded && (zone || tzEnv || zoneModule))
    out.push({
      package: "tzdata",
      why: zone
        ? `\`${zone.path}\` loads time zones by name`
        : tzEnv
          ? "the image sets `TZ`, which Go reads from the zone files"
          : `the required module \`${zoneModule}\` may load time zones by name (from its settings), which Go reads from the zone files`,
    });
  return out;
}

/**
 * Why the runtime needs a shell although the program is static, or null: a RUN the runtime repeats (users,
 * folders, the time zone), which a shell-less image cannot run, or a program the code runs (`exec.Command("sh")`,
 * `"cat"`) that Debian's slim image has and the shell-less one lacks.
 */
function shellRuntimeReason(
  a: Analysis,
  context: BuildContext,
  runtimePackages: readonly string[],
): { line: number; reason: string } | null {
  const [setup] = a.setup;
  if (setup) return { line: setup.instr.line, reason: "this RUN sets up users or folders, which the runtime repeats with a shell" };
  const user = debianSystemUser(a);
  if (user)
    return {
      line: user.line,
      reason: `the image runs as \`${user.name}\`, a user of Debian's base set that the slim image has and the shell-less one lacks`,
    };
  const [timezone] = a.timezones;
  if (timezone) return { line: timezone.instr.line, reason: "this RUN sets the time zone, which the runtime repeats with a shell" };
  const without = lackedTools([], runtimePackages, true);
  const withShell = lackedTools([], runtimePackages, false);
  const named = without.named.filter((t) => !withShell.named.includes(t));
  const called = without.called.filter((t) => !withShell.called.includes(t));
  const [found] = mentionedCommands(
    context,
    named,
    called,
    a.entry.map((e) => e.name),
  );
  return found
    ? {
        line: a.stage.body[a.lastBuild].line,
        reason: `\`${found[1]}\` runs \`${found[0]}\`, which the slim image has and a shell-less one lacks`,
      }
    : null;
}

/**
 * The users and groups every Debian image has (base-passwd): the golang image's and the slim runtime's. The
 * distroless runtime has only root, nobody and nonroot, so a `USER` naming another one would not start there.
 */
const DEBIAN_SYSTEM_USERS = new Set(
  "daemon bin sys sync games man lp mail news uucp proxy www-data backup list irc gnats _apt nogroup staff users operator".split(" "),
);

/** A `USER` line naming (as user or group) one of Debian's own users that the shell-less runtime lacks. */
function debianSystemUser(a: Analysis): { name: string; line: number } | null {
  for (const { names, line } of userLines(a)) {
    const name = names.find((n) => DEBIAN_SYSTEM_USERS.has(n));
    if (name) return { name, line };
  }
  return null;
}

/**
 * The user and group each `USER` line names, with `${APP_USER}` replaced by the literal value an ARG or ENV above
 * gives it (a name the stage does not give stays a `$` word: it may be anything).
 */
function userLines(a: Analysis): Array<{ names: string[]; line: number }> {
  const values = new Map<string, string | null>();
  const lines: Array<{ names: string[]; line: number }> = [];
  for (const instr of a.stage.body) {
    if (instr.keyword === "ARG" || instr.keyword === "ENV") for (const v of declaredVariables(instr) ?? []) values.set(v.name, v.value);
    if (instr.keyword !== "USER") continue;
    // `${APP_USER:-www-data}`: the default when the stage gives no value.
    const user = instr.args
      .trim()
      .replace(/\$(?:\{(\w+)(?::?-([^}]*))?\}|(\w+))/g, (m, braced, fallback, bare) => values.get(braced ?? bare) ?? fallback ?? m);
    lines.push({ names: user.split(/:(?![^{]*\})/), line: instr.line });
  }
  return lines;
}

const DISTROLESS = "gcr.io/distroless/static-debian12";

/** A `USER` name or group the distroless runtime lacks: it has only root, nobody and nonroot (and numeric ids work). */
function distrolessLacks(a: Analysis): string | null {
  for (const { names } of userLines(a))
    for (const name of names) if (!/^\d*$/.test(name) && !["root", "nobody", "nonroot"].includes(name)) return name;
  return null;
}

/**
 * Build flags whose program cannot run on the static runtime: the race detector, the sanitizers, external
 * linking and the C build modes need cgo (`go build` fails without it); a position-independent executable
 * needs the dynamic loader even without cgo. Read from RUN, ENV (`GOFLAGS`) and ARG lines.
 */
function glibcFlag(a: Analysis): { flag: string; cgo: boolean; line: number } | null {
  const lines = a.stage.body.filter((i) => i.keyword === "ENV" || i.keyword === "RUN" || i.keyword === "ARG");
  for (const [pattern, cgo] of [
    [CGO_FLAG, true],
    [PIE_FLAG, false],
  ] as const)
    for (const i of lines) {
      const m = pattern.exec(i.args);
      if (m) return { flag: m[1].replace(/\s+/, " "), cgo, line: i.line };
    }
  return null;
}

const CGO_FLAG = /(?:^|[\s"'=])(-(?:race|msan|asan)|-linkmode[=\s]+external|-buildmode[=\s]+(?:c-shared|c-archive|plugin))\b/;
const PIE_FLAG = /(?:^|[\s"'=])(-buildmode[=\s]+pie)\b/;

/**
 * Alpine packages a Go build adds only to build: the toolchain, git and ssh for modules; CA certificates and
 * time zones the distroless runtime has itself. Null when a setup does more (users, folders, an upgrade) or adds
 * anything else the program might run or load.
 */
function alpineBuildOnly(a: Analysis): string[] | null {
  const packages = a.setup.flatMap((u) => u.alpinePackages);
  const plain = a.setup.every((u) => !u.users && !u.folders && !u.upgrades && (u.corepackTools ?? []).length === 0);
  return plain && packages.every((p) => GO_ALPINE_BUILD_ONLY.has(p)) ? [...new Set(packages)] : null;
}

const GO_ALPINE_BUILD_ONLY = new Set([
  ...["git", "openssh", "openssh-client", "gcc", "g++", "musl-dev", "libc-dev", "build-base", "make", "binutils"],
  ...["pkgconf", "upx", "ca-certificates", "tzdata"],
]);

/** A C headers package (`libvips-dev`): Go builds install one for cgo. */
const isCHeaders = (spec: string): boolean => isHeaders(packageName(spec));

/** Commands that copy or link a file to where the entry finds it. */
const PLACERS = new Set(["cp", "mv", "install", "ln"]);
/** Folders of the build image's own programs (Debian's), which are not static. */
const IMAGE_PROGRAM_FOLDERS = ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec"];

/** Commands whose output is a program not built by Go: C compilers, downloads. */
const FOREIGN_MAKERS = new Set(["gcc", "cc", "g++", "c++", "clang", "clang++", "tcc", "rustc", "curl", "wget"]);

/** An entry program that comes from the context, a URL, or a command that is not Go's; null when there is none. */
function foreignEntryProgram(a: Analysis, context: BuildContext): string | null {
  for (const e of a.entry) {
    if (e.artifact === null || e.shell) continue;
    const src = contextSource(e.artifact, a.sources);
    if (src !== null && (/^[a-z]+:\/\//i.test(src) || context.read(src) !== null)) return e.artifact;
    for (const [i, instr] of a.stage.body.entries()) {
      if (instr.keyword !== "RUN") continue;
      const script = parseShell(instr.exec ? instr.exec.join(" ") : joinContinuations(instr.args));
      if (!script.ok) continue;
      const cwd = a.cwdAt[i] ?? a.workdir;
      for (const cmd of simpleCommands(script)) {
        const name = posix.basename(cmd.name ?? "");
        const words = cmd.args.map((w) => (w.value === null ? null : resolvePath(cwd, w.value)));
        if (FOREIGN_MAKERS.has(name) && words.includes(e.artifact)) return e.artifact;
        // `cp /usr/bin/env /usr/local/bin/myenv`: a program of the build image, which links its C library.
        const placed = PLACERS.has(name) && words.at(-1) === e.artifact;
        if (placed && words.slice(0, -1).some((w) => w !== null && IMAGE_PROGRAM_FOLDERS.some((d) => isUnder(w, d)))) return e.artifact;
      }
    }
  }
  return null;
}
