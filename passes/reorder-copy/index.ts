// reorder-copy: copy the dependency manifests before the install and the sources after it, so that a
// source edit no longer invalidates the install layer.
//
//   COPY . .                 →   COPY package.json package-lock.json ./
//   RUN npm ci                   RUN npm ci
//                                COPY . .
//
// The install then sees only its manifests instead of every file, so the pass proves from the build
// context (with .dockerignore applied) that it needs nothing else: no install hooks, no local path
// dependencies, no configuration a variable or a later COPY points at. A build that downloads as it
// compiles (`go build`, `mvn package`, `dotnet publish`) gets the ecosystem's prefetch step first.
import { posix } from "node:path";
import { ignoreFileOf, type BuildContext } from "../../src/core/context.js";
import { withDockerignore } from "../../src/core/dockerignore.js";
import { instruction, withStage, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass, type PassContext } from "../../src/core/pass.js";
import { joinContinuations, parseRun, runScript } from "../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../src/core/shell.js";
import { contextCopy, copyLabel, listLabel, type Copy } from "./copies.js";
import { buildWithoutDependencyStep, classifyRun, mayMatter } from "./install-commands.js";
import { isManifestName } from "./manifests/index.js";
import { MESSAGES, type MessageId, type Refusal } from "./messages.js";
import { manifestList, plan } from "./plan.js";
import { prefetchFor } from "./prefetch.js";
import { splitInstallChain } from "./split-chain.js";
import { installsPackages, readsNoSources } from "./context-free.js";

type Ctx = PassContext<MessageId>;

/** Instructions that neither read nor write files, so COPYs may move across them. */
const INERT = new Set(["ENV", "ARG", "LABEL", "EXPOSE", "USER", "WORKDIR"]);

export default definePass({
  id: "reorder-copy",
  title: "Copy dependency manifests before the install",
  rationale:
    "`COPY . .` before `RUN npm ci` (or yarn, pnpm, pip, poetry, pipenv, uv, go mod download, bundle, composer, mvn dependency:go-offline, dotnet restore) makes every source edit re-run the install. Copying the manifests first and the sources after keeps the install layer cached. The pass reads the build context (with .dockerignore) to copy only files that exist and refuses when the install may read other files (hooks, local paths, configuration a variable or a later COPY provides). An install that shares its RUN with the build (`npm ci && npm run build`) is cut in two where the `&&` chain passes from one to the other, and a RUN right after the install that installs only from a registry (a global CLI, system packages) stays above the sources too. A Go, Maven or .NET build that downloads while it compiles gets the standard prefetch step (`go mod download`, `mvn dependency:go-offline`, `dotnet restore`) before the sources.",
  messages: MESSAGES,
  // `--write-dockerignore` (pass dockerignore) proposes the file this note asks for.
  answeredBy: { noDockerignore: ".dockerignore" },
  run(df, ctx) {
    const view = withDockerignore(ctx.context);
    let out = df;
    df.stages.forEach((stage, index) => {
      out = withStage(out, index, rewriteStage(df, stage, ctx, view));
    });
    suggestDockerignore(df, ctx);
    return out;
  },
});

const decline = (ctx: Ctx, line: number, refusal: Refusal, install: string, moved: string, extra: Record<string, string> = {}) =>
  ctx.decline(line, refusal.id, { ...refusal.data, ...extra, install, moved });

/** The start of the instructions right above body[index] that only copy from the context or are inert. */
function regionStart(body: readonly Instruction[], index: number, view: BuildContext): number {
  let start = index;
  let lastRun = -1;
  while (start > 0 && inRegion(body[start - 1], view)) {
    const instr = body[start - 1];
    if (instr.keyword === "RUN") lastRun = start - 1;
    // A copy into a system folder (`/etc/apt/sources.list.d`, a CA certificate) may be what a RUN below it reads.
    const copy = contextCopy(instr);
    if (copy && lastRun >= 0 && /^\/(etc|usr|var|lib|lib64|bin|sbin|root|opt)(\/|$)/.test(copy.dest)) return lastRun + 1;
    start--;
  }
  return start;
}

/**
 * A context copy, an inert instruction, or a RUN that reads nothing the copies bring (an apt-get install, a
 * registry package installed globally): the copies above it can move below the install past it.
 */
const inRegion = (instr: Instruction, view: BuildContext) =>
  contextCopy(instr) !== null || INERT.has(instr.keyword) || onlyLooks(instr) || readsNoSources(instr, view);

/**
 * For each index of the body: is there a context COPY in its region or after it? A RUN without one has no
 * COPY to move and no later RUN has one either, so from there on nothing can change (and no script needs a
 * parse). One pass over the body: a region starts where the one before it started, if that instruction joins.
 */
export function copiesFrom(body: readonly Instruction[], view: BuildContext): boolean[] {
  let last = -1;
  body.forEach((instr, k) => {
    if (contextCopy(instr) !== null) last = k;
  });
  // Up to the last copy every index has it in its region or after it; past it, the region that holds the copy
  // ends at the first instruction not in it. Only those instructions need a look (a RUN's look parses it).
  const result: boolean[] = body.map((_, k) => k <= last);
  for (let k = last + 1; k > 0 && k < body.length && inRegion(body[k - 1], view); k++) result[k] = true;
  return result;
}

/**
 * A RUN of one command that only prints (`RUN ls`, `RUN pwd`): it writes nothing the install could read, and
 * merge-run later joins it to the install's RUN, where this pass would look past it anyway.
 */
function onlyLooks(instr: Instruction): boolean {
  return (
    instr.keyword === "RUN" &&
    instr.flags.length === 0 &&
    instr.heredocs.length === 0 &&
    instr.exec === null &&
    /^\s*(ls|pwd|echo|printenv|whoami|id|uname|date|true)(\s+[\w./=:-]+)*\s*$/.test(instr.args)
  );
}

function rewriteStage(df: Dockerfile, stage: Stage, ctx: Ctx, view: BuildContext): Stage {
  let body = stage.body;
  let installedBefore = false;
  let ahead = { body, copies: copiesFrom(body, view) };
  for (let i = 0; i < body.length; i++) {
    const run = body[i];
    if (run.keyword !== "RUN") continue;
    if (ahead.body !== body) ahead = { body, copies: copiesFrom(body, view) };
    if (!ahead.copies[i]) break;
    // A RUN that runs none of the commands `classifyRun` and `addPrefetch` know needs no parse: it changes nothing.
    const source = runScript(df, stage, run);
    if (!source.ok) continue;
    // Whether a context COPY is right above it (its region's look parses the RUNs above) only when that decides.
    const withCopy = mayMatter(source.text, true);
    const withoutCopy = mayMatter(source.text, false);
    const copyAbove = () => body.slice(regionStart(body, i, view), i).some((x) => contextCopy(x) !== null);
    if (!(withCopy === withoutCopy ? withCopy : copyAbove() ? withCopy : withoutCopy)) continue;
    const parsed = parseRun(df, stage, run);
    if (!parsed.ok) continue;
    if (run.flags.some((f) => f.name === "mount" && /(^|,)type=bind(,|$)/.test(f.value ?? "") && !/(^|,)from=/.test(f.value ?? "")))
      continue;
    const commands = simpleCommands(parsed.script);
    const kind = classifyRun(commands);
    if (kind.kind === "none") {
      if (installedBefore) continue;
      const added = addPrefetch(body, i, commands, ctx, view);
      if (added) {
        body = added.body;
        i = added.next - 1;
        installedBefore = true;
      }
      continue;
    }
    // A later install of the project itself (`uv sync` after `uv sync --no-install-project`) needs the sources.
    const earlierInstall = installedBefore;
    installedBefore ||= kind.steps.length > 0;
    let start = regionStart(body, i, view);
    const isSuspect = (c: Copy) => c.whole || !c.sources.some((s) => s !== null && isManifestName(posix.basename(s)));
    // Manifest copies above a WORKDIR belong to another folder: the region starts after that WORKDIR.
    const workdir = body
      .slice(start, i)
      .map((x) => x.keyword)
      .lastIndexOf("WORKDIR");
    if (workdir >= 0 && !body.slice(start, start + workdir).some((x) => contextCopy(x) && isSuspect(contextCopy(x)!))) start += workdir + 1;
    const copies = body
      .slice(start, i)
      .map(contextCopy)
      .filter((c): c is Copy => c !== null);
    const suspects = copies.filter(isSuspect);
    if (suspects.length === 0) continue;
    const install = kind.steps.length > 0 ? kind.steps.map((s) => s.command).join("` and `") : firstInstallWord(run);
    const moved = listLabel(suspects);
    if (kind.kind === "refuse") {
      const split = kind.refusal.id === "sharedRun" && ctx.context.available ? splitInstallChain(run, parsed.script.root) : null;
      const moves = split ? splitPlan(body, start, i, copies, split, view) : null;
      if (split && moves?.ok && moves.body !== body) {
        const data = { install: split[0].args, command: split[1].args, moved: listLabel(moves.moved) };
        // The manifests may already be copied before the install: then only the sources move.
        if (moves.manifests.length > 0)
          ctx.report(moves.moved[0].instr.line, "splitInstall", { ...data, manifests: manifestList(moves.manifests) });
        else ctx.report(moves.moved[0].instr.line, "splitInstallMovedOnly", data);
        if (moves.lockfile) ctx.report(moves.moved[0].instr.line, "lockfileFromContext", moves.lockfile);
        body = pastContextFreeRuns(moves.body, moves.next, moves.moved.length, ctx, view);
        i = moves.next - 1;
        continue;
      }
      if (!earlierInstall) decline(ctx, run.line, moves && !moves.ok ? moves.refusal : kind.refusal, install, moved);
      continue;
    }
    if (!ctx.context.available) {
      ctx.decline(run.line, "noContext", { install, moved });
      continue;
    }
    const result = plan(body, start, i, copies, kind.steps, view);
    if (!result.ok) {
      decline(ctx, run.line, result.refusal, install, listLabel(result.moved ?? suspects));
      continue;
    }
    if (result.body === body) continue;
    const head = result.moved[0].instr;
    if (result.manifests.length > 0)
      ctx.report(head.line, "reordered", { manifests: manifestList(result.manifests), install, moved: listLabel(result.moved) });
    else ctx.report(head.line, "movedOnly", { install, moved: listLabel(result.moved) });
    if (result.lockfile) ctx.report(head.line, "lockfileFromContext", result.lockfile);
    body = pastContextFreeRuns(result.body, result.next, result.moved.length, ctx, view);
    i = result.next - 1;
  }
  return body === stage.body ? stage : { ...stage, body };
}

/**
 * After `COPY . .`, a `go build` (mvn, dotnet) with no dependency step before it: add the ecosystem's
 * prefetch step with the manifests before the sources, or say what to add and why msb-opt did not.
 */
function addPrefetch(
  body: readonly Instruction[],
  index: number,
  commands: ReturnType<typeof simpleCommands>,
  ctx: Ctx,
  view: BuildContext,
): { body: readonly Instruction[]; next: number } | null {
  const build = buildWithoutDependencyStep(commands);
  if (!build || !ctx.context.available) return null;
  // A wrapper the RUN makes executable first (`chmod +x ./mvnw && ./mvnw package`) might not run in a step
  // before it; merge-run gives this shape to a `RUN chmod` followed by the build, which has no COPY to move.
  const program = posix.basename(build.cmd.name ?? "");
  const chmods = commands.filter((c) => c.name !== null && posix.basename(c.name) === "chmod");
  if (chmods.some((c) => c.args.some((a) => a.value !== null && posix.basename(a.value) === program))) return null;
  const start = regionStart(body, index, view);
  const copies = body
    .slice(start, index)
    .map(contextCopy)
    .filter((c): c is Copy => c !== null);
  const whole = copies.find((c) => c.whole);
  if (!whole) return null;
  const line = body[index].line;
  const moved = copyLabel(whole);
  const prefetch = prefetchFor(build, body, index, copies, view);
  if (prefetch.kind === "none") return null;
  if (prefetch.kind === "refused") {
    decline(ctx, line, prefetch.refusal, build.command, moved, { build: build.command });
    return null;
  }
  if (prefetch.kind === "advice") {
    const present = build.manifest.startsWith("*")
      ? ctx.context.list(".").some((n) => n.endsWith(build.manifest.slice(1)))
      : ctx.context.exists(build.manifest);
    if (present) ctx.decline(line, "noDependencyStep", { build: build.command, moved, advice: build.advice });
    return null;
  }
  const step = instruction("RUN", prefetch.text, { line });
  const withStep = [...body.slice(0, index), step, ...body.slice(index)];
  const result = plan(withStep, start, index, copies, [prefetch.step], view);
  if (!result.ok) {
    decline(ctx, line, result.refusal, build.command, listLabel(result.moved ?? [whole]), { build: build.command });
    return null;
  }
  const data = { install: prefetch.text, moved: listLabel(result.moved), build: build.command };
  const at = result.moved[0]?.instr.line ?? line;
  if (result.manifests.length > 0) ctx.report(at, "prefetchAdded", { ...data, manifests: manifestList(result.manifests) });
  else ctx.report(at, "prefetchAddedAfterManifests", data);
  return { body: result.body, next: result.next };
}

/** The body with the RUN cut in two and the copies moved around its install part, when the planner agrees. */
function splitPlan(
  body: readonly Instruction[],
  start: number,
  index: number,
  copies: readonly Copy[],
  [install, rest]: readonly [Instruction, Instruction],
  view: BuildContext,
): ReturnType<typeof plan> | null {
  const script = parseShell(install.args);
  if (!script.ok) return null;
  const kind = classifyRun(simpleCommands(script));
  if (kind.kind !== "install") return null;
  const cut = [...body.slice(0, index), install, rest, ...body.slice(index + 1)];
  return plan(cut, start, index, copies, kind.steps, view);
}

/**
 * The moved sources (the `count` instructions before `next`) also go below the RUNs right after them that read
 * nothing they bring (context-free.ts): a global CLI installed after the project's install.
 */
function pastContextFreeRuns(
  body: readonly Instruction[],
  next: number,
  count: number,
  ctx: Ctx,
  view: BuildContext,
): readonly Instruction[] {
  let out = body;
  let at = next;
  while (out[at] && readsNoSources(out[at], view)) {
    const run = out[at];
    const copies = out.slice(at - count, at);
    ctx.report(copies[0].line, installsPackages(run) ? "movedPastRun" : "movedPastCommand", {
      moved: listLabel(copies.map((c) => contextCopy(c)).filter((c): c is Copy => c !== null)),
      command: joinContinuations(run.args),
    });
    out = [
      ...out.slice(0, at - count),
      { ...run, leading: copies[0].leading },
      ...copies.map((c, n) => (n === 0 ? { ...c, leading: "" } : c)),
      ...out.slice(at + 1),
    ];
    at++;
  }
  return out;
}

function firstInstallWord(run: Instruction): string {
  return joinContinuations(run.args).split(/\s*(&&|;|\|\|)\s*/)[0];
}

function suggestDockerignore(df: Dockerfile, ctx: Ctx): void {
  if (!ctx.context.available || ctx.context.exists(ignoreFileOf(ctx.context))) return;
  for (const stage of df.stages) {
    const whole = stage.body.map(contextCopy).find((c) => c?.whole);
    if (whole) {
      ctx.decline(whole.instr.line, "noDockerignore", { copy: `${whole.instr.keyword} ${joinContinuations(whole.instr.args)}` });
      return;
    }
  }
}
