// Assemble the two stages. The builder is the original stage up to its last build step (plus the
// recipe's additions). The runtime replays, in their original order, every instruction that sets image
// config (ARG, ENV, WORKDIR, USER, EXPOSE, LABEL, VOLUME, HEALTHCHECK, STOPSIGNAL, SHELL, ENTRYPOINT, CMD)
// so the image keeps its contract and ARG scoping; it copies the build's outputs where the last build step
// was, and ends with the original trailing config lines, moved as they were.
import { posix } from "node:path";
import { aptInstallRun, mergeAptRuns, setupRun } from "./apt-run.js";
import { parseImageRef } from "../../src/core/image-ref.js";
import { instruction, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import type { Analysis, AptInstall } from "./analysis.js";
import { isUnder } from "./paths.js";
import { providedCommands } from "./packages.js";
import { copyDestinations } from "./owners.js";
import type { SystemSetup } from "./system-setup.js";
import type { RecipePlan } from "./recipes/types.js";

const BUILD_STEPS = new Set(["RUN", "COPY", "ADD"]);

export interface Assembly {
  readonly builderName: string;
  readonly runtimeName: string | null;
  /** The runtime's `apt-get install` for each original install RUN that has run-time packages. */
  readonly runtimeApt: ReadonlyMap<Instruction, readonly string[]>;
  /** Hardening: run as this non-root user, owning the copied paths. */
  readonly user?: { readonly name: string; readonly chown: string } | null;
  /** Copied paths that must keep an owner (`--chown`): those under a folder the build gave away with `chown -R`. */
  readonly owners?: ReadonlyMap<string, string>;
}

/**
 * Names for the two stages, unused by the earlier stages (`taken`, lower case). `--target <name>` must
 * still give the final image, so the runtime keeps the stage's own name when it has one.
 */
export function stageNames(original: string | null, taken: readonly string[] = []): { builderName: string; runtimeName: string | null } {
  const used = new Set([...taken, original?.toLowerCase() ?? ""]);
  const builderName = ["build", "builder", "build-final"].find((n) => !used.has(n)) ?? `build-${taken.length}`;
  const runtimeName = original ?? (used.has("runtime") ? null : "runtime");
  return { builderName, runtimeName };
}

/**
 * A user whose id the system chooses (`adduser --system`) added after an apt install the runtime repeats must be
 * added after it there too: the package's own users (redis-server's `redis`) take the first ids (red team 17 F15).
 * That works when nothing before that install names the user (no copy owned by it, no USER); `lost` is such a
 * setup that cannot wait.
 */
export function setupOrder(
  a: Analysis,
  plan: RecipePlan,
  names: Assembly,
): { waits: (u: SystemSetup) => boolean; lost: SystemSetup | null } {
  const firstApt = a.stage.body.find((i) => (names.runtimeApt.get(i)?.length ?? 0) > 0)?.line;
  const after = (u: SystemSetup) => u.commands.length > 0 && u.chosenId !== null && firstApt !== undefined && firstApt < u.instr.line;
  const canWait =
    !names.user &&
    !plan.copiesFirst &&
    (names.owners?.size ?? 0) === 0 &&
    !plan.runtimePrelude.some((i) => i.keyword === "COPY" || i.keyword === "USER");
  return { waits: (u) => canWait && after(u), lost: canWait ? null : (a.setup.find(after) ?? null) };
}

/**
 * A setup's RUN, after the stage's ARG lines it names (`useradd -u ${UID}`), declared again there: the runtime
 * repeats the setup before it replays those lines in place, and a build argument must reach it as it did the build.
 */
function withArgs(u: SystemSetup): Instruction[] {
  return [...(u.args ?? []).map((i) => ({ ...i, leading: "" })), setupRun(u.commands, u.instr.line)];
}

/**
 * The runtime's first steps, with the ENV and ARG lines the original had above a setup or global install they
 * replay moved up before it (`ENV COREPACK_HOME=…` before `corepack prepare`, a registry before `npm install -g`):
 * they run with the environment they had in the original (red team 19 F8). Each ENV or ARG goes just before the
 * first replayed RUN that came after it, so a replayed RUN that came before it does not see it.
 */
function afterTheirEnv(a: Analysis, top: readonly Instruction[], moved: Set<Instruction>): Instruction[] {
  const replayed = new Set([...a.setup.map((u) => u.instr.line), ...a.globalInstalls.map((g) => g.instr.line)]);
  const runs = top.filter((i) => i.keyword === "RUN" && replayed.has(i.line));
  const pending = a.stage.body.filter((i) => (i.keyword === "ENV" || i.keyword === "ARG") && runs.some((r) => r.line > i.line));
  const out: Instruction[] = [];
  for (const item of top) {
    if (runs.includes(item))
      for (const e of pending.filter((x) => x.line < item.line && !moved.has(x))) {
        moved.add(e);
        out.push({ ...e, leading: "" });
      }
    out.push(item);
  }
  return out;
}

/** The file with stage `index` (analysed as `a`) replaced by the builder and the runtime. */
export function assemble(df: Dockerfile, index: number, a: Analysis, plan: RecipePlan, names: Assembly): Dockerfile {
  const { stage } = a;
  const body = stage.body;
  // A builder on $BUILDPLATFORM cross-compiles; the runtime stays on the target platform (the default).
  const platform = stage.from.flags.filter((f) => f.name === "platform" && !/BUILDPLATFORM/.test(f.value ?? ""));
  const builderFrom = { ...stage.from, raw: null, eol: null, args: `${stage.base.raw} AS ${names.builderName}` };

  const builderBody: Instruction[] = [];
  for (let i = 0; i <= body.length; i++) {
    for (const ins of plan.builderInserts) if (ins.before === i) builderBody.push(...ins.instructions);
    if (i <= (plan.builderEnd ?? a.lastBuild)) builderBody.push(plan.builderReplace?.get(i) ?? body[i]);
  }

  // Users, groups and Alpine packages first: the copies (some of them in the recipe's prelude) and USER name them.
  const { waits } = setupOrder(a, plan, names);
  const setups = a.setup.filter((u) => u.commands.length > 0);
  // The ARG lines a setup declares again (withArgs) count as moved up already: not declared twice.
  const hoisted = new Set<Instruction>(setups.filter((u) => !waits(u)).flatMap((u) => u.args ?? []));
  const runtimeBody = afterTheirEnv(a, [...setups.filter((u) => !waits(u)).flatMap((u) => withArgs(u)), ...plan.runtimePrelude], hoisted);
  const copies = (line: number) => {
    const chown = names.user ? [{ name: "chown", value: names.user.chown }] : [];
    if (plan.runtimeCopies) {
      return plan.runtimeCopies(names.builderName).map((c) => {
        if (c.flags.some((f) => f.name === "chown")) return c;
        const owner = chown.length === 0 ? names.owners?.get(copyDestinations([c])[0] ?? "") : undefined;
        const flags = owner ? [{ name: "chown", value: owner }] : chown;
        return flags.length > 0 ? { ...c, flags: [...c.flags, ...flags] } : c;
      });
    }
    // The working folder and what is inside it (the sources, which every edit changes) last: the copies before
    // them stay cached. The paths are disjoint, so their order changes nothing in the image.
    const paths = plan.copyPaths ?? a.copyPaths;
    const changing = (p: string) =>
      a.workdir !== null && (a.workdir === p || a.workdir.startsWith(`${p}/`) || p.startsWith(`${a.workdir}/`));
    return [...paths.filter((p) => !changing(p)), ...paths.filter(changing)].map((path) => {
      const owner = chown.length === 0 ? names.owners?.get(path) : undefined;
      const flags = [{ name: "from", value: names.builderName }, ...chown, ...(owner ? [{ name: "chown", value: owner }] : [])];
      return instruction("COPY", `${path} ${copyDestination(path)}`, { flags, line });
    });
  };
  // Hardened or kept owners: the copies come first so that they create the app folders owned by the user
  // (a replayed WORKDIR would create them owned by root), and the user is set before anything else.
  // Only an owned folder a replayed WORKDIR would make (the working folder or one above it) needs its copy first; one
  // elsewhere (a user's ~/.local) is copied in place, after a replayed `USER` + `WORKDIR` made the folder the user's.
  const ownsWorkdir = [...(names.owners?.keys() ?? [])].some((p) => a.workdir === null || isUnder(a.workdir, p) || isUnder(p, a.workdir));
  const first = (names.user && !plan.copiesInPlace) || plan.copiesFirst || ownsWorkdir;
  if (first) runtimeBody.push(...copies(body[a.lastBuild].line));
  if (names.user) runtimeBody.push(instruction("USER", names.user.name, { line: body[a.lastBuild].line }));
  body.forEach((instr, i) => {
    if (plan.replacesEntry && (instr.keyword === "CMD" || instr.keyword === "ENTRYPOINT")) return;
    if (i > a.lastBuild) {
      runtimeBody.push(instr);
      return;
    }
    if (!BUILD_STEPS.has(instr.keyword) && !hoisted.has(instr)) runtimeBody.push({ ...instr, leading: "" });
    const packages = names.runtimeApt.get(instr);
    if (packages && packages.length > 0) {
      const apt = a.apt.find((x) => x.instr === instr) as AptInstall;
      runtimeBody.push(aptInstallRun(apt.options, packages, apt.instr.line));
      // A link to a program one of them brings (`ln -s /usr/bin/python3 /usr/bin/python`), made again after them.
      const links = a.programLinks.filter((l) => l.line === instr.line && packages.some((p) => providedCommands(p).includes(l.program)));
      if (links.length > 0)
        runtimeBody.push(
          setupRun(
            links.map((l) => l.command),
            instr.line,
          ),
        );
    }
    // In place, after the stage's ARG lines it names.
    for (const u of setups) if (u.instr === instr && waits(u)) runtimeBody.push(setupRun(u.commands, u.instr.line));
    // The time zone setup runs where the build ran it: after the ENV or ARG naming the zone and the install of tzdata.
    const timezone = a.timezones.find((t) => t.instr === instr);
    if (timezone) runtimeBody.push(setupRun(timezone.commands, instr.line));
    if (i === a.lastBuild && !first) runtimeBody.push(...copies(instr.line));
  });
  if (plan.replacesEntry) runtimeBody.push(plan.replacesEntry);
  const runtimeFrom = instruction("FROM", names.runtimeName ? `${plan.image} AS ${names.runtimeName}` : plan.image, {
    flags: platform,
    leading: df.newline,
    line: stage.from.line,
  });
  const builder = { ...stage, from: builderFrom, name: names.builderName, body: builderBody };
  const runtime = {
    from: runtimeFrom,
    base: parseImageRef(plan.image),
    name: names.runtimeName,
    platform: stage.platform,
    body: mergeAptRuns(runtimeBody),
  };
  const between: Stage[] = (plan.stagesBefore?.(names.builderName) ?? []).map((st) => ({
    ...st,
    from: { ...st.from, leading: df.newline as string },
  }));
  const built = plan.dropBuilder ? [] : [builder];
  // Without the builder, the first stage written takes its place, and the blank line before it.
  if (plan.dropBuilder && between.length > 0) between[0] = { ...between[0], from: { ...between[0].from, leading: builderFrom.leading } };
  const runtimeStage =
    plan.dropBuilder && between.length === 0 ? { ...runtime, from: { ...runtimeFrom, leading: builderFrom.leading } } : runtime;
  return { ...df, stages: [...df.stages.slice(0, index), ...built, ...between, runtimeStage, ...df.stages.slice(index + 1)] };
}

/**
 * Where a copied path lands: itself, or for a folder named with a one-letter class (`site-package[s]`,
 * copied only when it exists: BuildKit accepts a wildcard that matches nothing) that folder, its contents
 * going inside.
 */
export function copyDestination(path: string): string {
  // Files a RUN edited through a glob (`sed -i … /etc/ssl/*.cnf`): the matches land in their folder, as written
  // the glob would name a new folder `*.cnf`.
  if (/[*?]/.test(posix.basename(path)) && !/[*?[]/.test(posix.dirname(path))) return `${posix.dirname(path).replace(/\/$/, "")}/`;
  return /\[\w\]/.test(path) ? `${path.replace(/\[(\w)\]/g, "$1")}/` : path;
}
