import {
  changed,
  commentsInContinuation,
  stageIndex,
  type Dockerfile,
  type Flag,
  type Instruction,
  type Stage,
} from "../../src/core/ir.js";
import type { BuildContext } from "../../src/core/context.js";
import { startedScriptUses, wrappedUses } from "./later-starts.js";
import { envAt, userAt } from "./run-user.js";
import { continuationLines } from "../../src/core/print.js";
import { collapseBlanks, scriptLines, trailingComment } from "./layout.js";
import { joinContinuations, parseRun, runScript } from "../../src/core/run-script.js";
import { hasBackground, topLevel } from "./shell-state.js";
import { parseShell, simpleCommands, type ShellScript, type SimpleCommand } from "../../src/core/shell.js";
import { commandText } from "./runtime.js";
import {
  cacheMountValues,
  hasCacheMount,
  managerUses,
  mayDecideCache,
  mayInstall,
  mayUseManager,
  mayUseSpec,
  missingFlags,
  reliesOnCache,
  type ManagerSpec,
  type ManagerUse,
} from "./package-managers.js";

export type CleanupNoteId =
  | "heredocLeftAlone"
  | "added"
  | "mounted"
  | "mountedApt"
  | "notShipped"
  | "laterNeedsCache"
  | "laterScriptUnread"
  | "runtimeNeedsCache"
  | "onbuildNeedsCache"
  | "onbuildScriptUnread"
  | "aptWithoutUpdate"
  | "yarnVersionUnknown"
  | "mountNotRoot"
  | "mountUserUnknown"
  | "mountCacheMoved";

export interface CleanupNote {
  readonly kind: "change" | "refusal";
  readonly line: number;
  readonly id: CleanupNoteId;
  readonly data: Readonly<Record<string, string | number>>;
}

export interface CleanupOptions {
  /** Put caches on `RUN --mount=type=cache` (the syntax allows it). */
  readonly cacheMounts: boolean;
  /** Add `--no-install-recommends` to apt installs. */
  readonly aptNoRecommends: boolean;
  /** Is the project on Yarn 1 (whose `yarn cache clean` only clears the global cache)? null: unknown. */
  readonly yarnClassic: boolean | null;
  /**
   * What the image's ENTRYPOINT, CMD and HEALTHCHECK run with a package manager (for the shipped stages), per
   * instruction; its other uses may be left out.
   */
  readonly runtime: (spec: ManagerSpec) => readonly RuntimeUses[];
  /** The build context, for the scripts later RUNs start. */
  readonly context: BuildContext;
}

/** What one run-time instruction (CMD on line 4…) runs with a package manager. */
export interface RuntimeUses {
  readonly keyword: string;
  readonly line: number;
  readonly uses: readonly ManagerUse[];
}

/** An apt argument that already says whether to install recommended packages. */
const RECOMMENDS_CHOSEN = /^--(no-)?install-recommends(=.*)?$|^(-o)?APT::Install-Recommends(=.*)?$/i;

const DOCKER_CLEAN_FILE = "/etc/apt/apt.conf.d/docker-clean";
const DOCKER_CLEAN = `rm -f ${DOCKER_CLEAN_FILE}`;
const tick = (s: string) => `\`${s}\``;

/**
 * What the RUNs that run after `instr` on top of its layer (the rest of its stage and the stages built FROM it)
 * do with one manager; their uses of other managers may be left out.
 */
function laterUses(
  df: Dockerfile,
  si: number,
  instr: Instruction,
  spec: ManagerSpec,
  context: BuildContext,
): { uses: ManagerUse[]; unread: { line: number; script: string } | null } {
  const stages = new Set([si]);
  for (let t = si + 1; t < df.stages.length; t++) if (stages.has(stageIndex(df, df.stages[t].base.raw, t))) stages.add(t);
  const uses: ManagerUse[] = [];
  for (const t of stages) {
    const stage = df.stages[t];
    const body = t === si ? stage.body.slice(stage.body.indexOf(instr) + 1) : stage.body;
    for (const later of body) {
      if (later.keyword !== "RUN") continue;
      if (mayUse(later, spec)) uses.push(...usesOf(df, stage, later));
      // Behind a wrapper or in a context script it starts, a manager's words are not the RUN's own.
      const raw = startingText(later);
      if (raw === null) continue;
      const parsed = parseRun(df, stage, later);
      if (!parsed.ok) continue;
      if (mayUseSpec(raw, spec)) uses.push(...wrappedUses(parsed.script, spec));
      const started = startedScriptUses(stage, later, parsed.script, spec, context);
      if (!started.ok) return { uses, unread: { line: later.line, script: started.script } };
      uses.push(...started.uses);
    }
  }
  return { uses, unread: null };
}
/**
 * The first ONBUILD RUN trigger of the stage or of a stage built FROM it that reads the manager's cache (or,
 * for apt and apk, starts a script, `unread`, whose commands are unknown). Triggers run in the builds that start FROM the image,
 * after all of its own instructions, wherever they stand in the stage: each reads the cache as the image left it.
 */
function onbuildUse(df: Dockerfile, si: number, spec: ManagerSpec): { line: number; unread: string | null } | null {
  const stages = new Set([si]);
  for (let t = si + 1; t < df.stages.length; t++) if (stages.has(stageIndex(df, df.stages[t].base.raw, t))) stages.add(t);
  const uses: ManagerUse[] = [];
  for (const t of stages) {
    for (const instr of df.stages[t].body) {
      if (instr.keyword !== "ONBUILD") continue;
      const run = /^\s*RUN\s+((?:--\S+\s+)*)([\s\S]*)$/i.exec(joinContinuations(instr.args, df.escape));
      if (!run) continue;
      const text = commandText(run[2]).text;
      const parsed = parseShell(text);
      // A trigger we cannot read: assume it installs with every manager whose name it mentions.
      if (mayUseSpec(text, spec)) uses.push(...managerUses(parsed).filter((u) => u.spec === spec), ...wrappedUses(parsed, spec));
      if (reliesOnCache(spec, uses)) return { line: instr.line, unread: null };
      // A script it starts comes from the later build's context, which msb-opt does not see.
      const started = (spec.id === "apt" || spec.id === "apk") && simpleCommands(parsed).find((c) => startsScript(c));
      if (started) return { line: instr.line, unread: startedName(started) };
    }
  }
  return null;
}

const SCRIPT_SHELLS = /^(sh|bash|dash|ash|\.|source)$/;
/** Does the command run a script file: `./setup.sh`, `/opt/x/install`, `sh setup.sh`, `. ./env.sh`? */
function startsScript(cmd: SimpleCommand): boolean {
  const name = cmd.name ?? "";
  if (name.includes("/")) return true;
  const words = cmd.args.map((a) => a.value ?? a.text);
  return SCRIPT_SHELLS.test(name.replace(/^.*\//, "")) && !words.includes("-c") && words.some((w) => !w.startsWith("-"));
}
function startedName(cmd: SimpleCommand): string {
  const name = cmd.name ?? "";
  return name.includes("/") ? name : (cmd.args.map((a) => a.value ?? a.text).find((w) => !w.startsWith("-")) ?? name);
}

/** A RUN that may start a script file or run a command through a wrapper: worth a parse. */
const MAY_START = /(^|[\s;&|(])(\.{0,2}\/|(sh|bash|dash|ash|source|\.|xargs|sudo|env|su|timeout|nice|nohup)\s)/;

/**
 * The RUN's text when it may start a script or a wrapper (MAY_START), else null: asked for each later RUN by
 * each earlier RUN's cleanup and each of its managers, so answered once per instruction object.
 */
function startingText(run: Instruction): string | null {
  let text = startingByRun.get(run);
  if (text === undefined) {
    const raw = run.exec ? run.exec.join(" ") : joinContinuations(run.args);
    text = MAY_START.test(raw) ? raw : null;
    startingByRun.set(run, text);
  }
  return text;
}
const startingByRun = new WeakMap<Instruction, string | null>();

/**
 * Could the RUN use the manager in a way `reliesOnCache` reads? Neither its raw text nor its heredocs (which
 * hold every word of its script) show one: then it needs no parse (most RUNs). Asked again for each earlier
 * RUN, so answered once per instruction object and manager (the answer depends on the instruction alone).
 */
function mayUse(run: Instruction, spec: ManagerSpec): boolean {
  let answers = mayUseByRun.get(run);
  if (!answers) mayUseByRun.set(run, (answers = new Map()));
  let answer = answers.get(spec);
  if (answer === undefined) {
    const raw = run.exec ? run.exec.join(" ") : joinContinuations(run.args);
    answer = mayDecideCache([raw, ...run.heredocs.map((h) => h.body)].join("\n"), spec);
    answers.set(spec, answer);
  }
  return answer;
}
const mayUseByRun = new WeakMap<Instruction, Map<ManagerSpec, boolean>>();

/**
 * What one RUN does with package managers, worked out once per instruction object (every RUN is asked
 * about once for each earlier RUN; the IR is frozen, so an object's answer never changes).
 */
const usesByRun = new WeakMap<Instruction, readonly ManagerUse[]>();
function usesOf(df: Dockerfile, stage: Stage, run: Instruction): readonly ManagerUse[] {
  let uses = usesByRun.get(run);
  if (uses) return uses;
  const raw = run.exec ? run.exec.join(" ") : joinContinuations(run.args);
  const source = runScript(df, stage, run);
  if (!mayUseManager(raw) && !(source.ok && mayUseManager(source.text))) {
    // Neither the script nor the raw text names a manager: none to find, so neither is parsed.
    uses = [];
  } else {
    const parsed = parseRun(df, stage, run);
    // A RUN we cannot read: assume it installs with every manager whose name it mentions.
    uses = managerUses(parsed.ok ? parsed.script : parseShell(raw));
  }
  usesByRun.set(run, uses);
  return uses;
}

/** The RUN with its package managers tidied, and notes; the same instruction when nothing changes. */
export function cleanupRun(
  df: Dockerfile,
  si: number,
  instr: Instruction,
  shipped: boolean,
  options: CleanupOptions,
): { instr: Instruction; notes: CleanupNote[] } {
  const stage = df.stages[si];
  const notes: CleanupNote[] = [];
  const unchanged = { instr, notes };
  if (instr.keyword !== "RUN") return unchanged;
  // A script that names no package manager with an install has nothing to tidy: no need to parse it.
  const source = runScript(df, stage, instr);
  if (!source.ok || !mayInstall(source.text)) return unchanged;
  const parsed = parseRun(df, stage, instr);
  if (!parsed.ok || hasBackground(parsed.script)) return unchanged;
  const script = parsed.script;
  const uses = managerUses(script).filter((u) => u.kind !== "other");
  if (uses.length === 0) return unchanged;
  if (instr.heredocs.length > 0) {
    notes.push({ kind: "refusal", line: instr.line, id: "heredocLeftAlone", data: { manager: uses[0].command.name ?? uses[0].spec.id } });
    return unchanged;
  }
  const commands = simpleCommands(script);
  const mounts = instr.flags.filter((f) => f.name === "mount").map((f) => f.value ?? "");
  const refuse = (id: CleanupNoteId, data: Record<string, string | number>) => notes.push({ kind: "refusal", line: instr.line, id, data });

  const inserts: { at: number; text: string }[] = [];
  const cleanups: string[] = [];
  const newMounts: Flag[] = [];
  let dockerClean = false;
  const specs = [...new Set(uses.map((u) => u.spec))];
  const noCache = new Set<ManagerSpec>();
  for (const spec of specs) {
    const mine = uses.filter((u) => u.spec === spec);
    const label = mine[0].command.name ?? spec.id;
    if (hasCacheMount(mounts, spec)) continue;
    const mountable = options.cacheMounts && spec.mountable !== false && spec.mounts.length > 0;
    // Caches cost a stage that does not ship nothing; cache mounts still speed up its rebuilds.
    if (!shipped && !mountable) {
      refuse("notShipped", { manager: label, stage: stage.name ?? String(si) });
      continue;
    }
    const later = laterUses(df, si, instr, spec, options.context);
    if (later.unread && (spec.id === "apt" || spec.id === "apk")) {
      refuse("laterScriptUnread", { manager: label, line: later.unread.line, script: later.unread.script });
      continue;
    }
    if (reliesOnCache(spec, later.uses)) {
      refuse("laterNeedsCache", { manager: label });
      continue;
    }
    // A trigger reads only what this RUN would remove: nothing, when its uses leave no cache (`apk add --no-cache`).
    const removes = mine.some((u) => spec.fills?.(u, false) ?? true);
    const trigger = removes ? onbuildUse(df, si, spec) : null;
    if (trigger) {
      if (trigger.unread !== null) refuse("onbuildScriptUnread", { manager: label, line: trigger.line, script: trigger.unread });
      else refuse("onbuildNeedsCache", { manager: label, line: trigger.line });
      continue;
    }
    const runtime = shipped ? options.runtime(spec).find((r) => reliesOnCache(spec, r.uses)) : undefined;
    if (runtime) {
      refuse("runtimeNeedsCache", { manager: label, instruction: runtime.keyword, line: runtime.line });
      continue;
    }
    if (spec.id === "yarn" && options.yarnClassic !== true) {
      refuse("yarnVersionUnknown", {});
      continue;
    }
    const first = mine.find((u) => u.kind !== "other");
    if (spec.id === "apt" && mine.some((u) => u.kind === "install") && first?.kind !== "refresh") {
      refuse("aptWithoutUpdate", { manager: label });
      continue;
    }
    if (mountable) {
      const plan = mountPlan(df, stage, instr, spec, script.text);
      if ("values" in plan) {
        newMounts.push(...plan.values.map((value) => ({ name: "mount", value })));
        if (spec.id === "apt" && !commands.some((c) => c.name === "rm" && c.args.some((a) => a.value === DOCKER_CLEAN_FILE)))
          dockerClean = true;
        continue;
      }
      // No mount: the cache is kept out of the layer the usual way, where that matters.
      refuse(plan.refusal, { manager: label, ...plan.data });
      if (!shipped) continue;
    }
    noCache.add(spec);
    const fills = mine.some((u) => spec.fills?.(u, u.kind === "install" && spec.noCache !== undefined) ?? true);
    if (fills && spec.cleanup && !spec.cleaned?.(commands)) cleanups.push(...spec.cleanup);
  }
  for (const use of uses) {
    const flags = missingFlags(use, noCache.has(use.spec));
    if (
      options.aptNoRecommends &&
      use.spec.id === "apt" &&
      use.kind === "install" &&
      // The user's own choice either way (`--no-install-recommends=false`, `--install-recommends`,
      // `-o APT::Install-Recommends=…`) stays theirs.
      !use.command.args.some((a) => RECOMMENDS_CHOSEN.test(a.value ?? a.text))
    ) {
      flags.push("--no-install-recommends");
    }
    if (flags.length > 0 && use.insertAt !== null) inserts.push({ at: use.insertAt, text: flags.map((f) => ` ${f}`).join("") });
  }
  if (inserts.length === 0 && cleanups.length === 0 && newMounts.length === 0) return unchanged;

  let text = script.text;
  for (const { at, text: t } of [...inserts].sort((x, y) => y.at - x.at)) text = text.slice(0, at) + t + text.slice(at);
  const edited = collapseBlanks(parseShell(text));
  if (!edited.ok) return unchanged;
  const lines = layout(edited, dockerClean, cleanups);
  const added = [...inserts.flatMap((x) => x.text.trim().split(" ")), ...cleanups];
  if (newMounts.length > 0) {
    const targets = newMounts.map((m) => tick(/target=([^,]+)/.exec(m.value ?? "")?.[1] ?? "")).join(", ");
    notes.push({ kind: "change", line: instr.line, id: dockerClean ? "mountedApt" : "mounted", data: { targets } });
  }
  if (added.length > 0)
    notes.push({ kind: "change", line: instr.line, id: "added", data: { added: [...new Set(added)].map(tick).join(", ") } });
  const leading =
    instr.leading +
    commentsInContinuation(instr)
      .map((c) => c.replace(/\n$/, df.newline))
      .join("");
  return { instr: changed(instr, { args: continuationLines(lines, df.escape), flags: [...instr.flags, ...newMounts], leading }), notes };
}

function layout(script: ShellScript, dockerClean: boolean, cleanups: readonly string[]): string[] {
  const lines = scriptLines(script, "alone");
  if (dockerClean) {
    if (topLevel(script).statements.length > 1) lines.unshift(`${DOCKER_CLEAN};`);
    else lines.splice(0, 1, DOCKER_CLEAN, `&& ${lines[0]}`);
  }
  lines.push(...cleanups.map((c) => `&& ${c}`));
  const comment = trailingComment(script);
  if (comment) lines[lines.length - 1] += ` ${comment}`;
  return lines;
}

/** The cache mounts for a manager in this RUN, or why none fits: another user, or a cache moved elsewhere. */
function mountPlan(
  df: Dockerfile,
  stage: Stage,
  instr: Instruction,
  spec: ManagerSpec,
  script: string,
): { values: string[] } | { refusal: CleanupNoteId; data: Record<string, string> } {
  const before = stage.body.indexOf(instr);
  const env = envAt(df, stage, before);
  const user = userAt(df, stage, before);
  // Another user's HOME is where their mount goes; root's HOME other than /root moves root's cache.
  const settings = [...env].filter(([k, v]) => k !== "HOME" || (user.root && v !== "/root")).map(([k]) => `${k}=`);
  const moved = [...settings, script].map((text) => spec.movedBy?.exec(text)?.[0]).find((m) => m !== undefined);
  if (moved) return { refusal: "mountCacheMoved", data: { setting: moved.replace(/=$/, "") } };
  if (user.root) return { values: cacheMountValues(spec) };
  if (!spec.homeMounts) return { refusal: "mountNotRoot", data: { user: user.user } };
  const home = env.get("HOME") ?? user.home;
  if (user.uid === null || home === null || !home.startsWith("/")) return { refusal: "mountUserUnknown", data: { user: user.user } };
  return { values: cacheMountValues(spec, { uid: user.uid, gid: user.gid, home }) };
}
