// Parse → passes in canonical order → syntax directive → print → diff. The one entry point that the CLI,
// batch and the BuildKit frontend all call.
import { posix } from "node:path";
import { PASSES } from "../../passes/index.js";
import { noContext, watchFailures, type BuildContext } from "./context.js";
import { unifiedDiff } from "./diff.js";
import { allInstructions, type Dockerfile, type Instruction } from "./ir.js";
import { DockerfileError, parseDockerfile } from "./parse.js";
import { IGNORE_MESSAGES, ignoreLine, protectedFrom, readIgnores, violatedIgnore, type Ignores } from "./ignores.js";
import { UsageError } from "./errors.js";
import { formatMessage, type Intended, type Note, type Pass, type PassContext, type ProposedFile } from "./pass.js";
import { checkValue, settingTable, type GlobalSettings, type SettingEntry } from "./settings.js";
import { printDockerfile } from "./print.js";
import { hasRawBytes } from "./bytes.js";
import { joinContinuations } from "./run-script.js";
import { loadShell, parsesWithoutGrammar, ShellNotLoaded, withShellScope } from "./shell.js";
import { allowsConstruct, SYNTAX_MESSAGES, withSyntaxDirective } from "./syntax.js";

/**
 * Limits for absurd input: real Dockerfiles stay far below (the largest of the measured corpus of 1,100 real
 * files has 20 KB and 500 lines), and the passes' analyses grow faster than linearly with the file.
 */
export const MAX_FILE_CHARS = 1024 * 1024;
export const MAX_INSTRUCTIONS = 5000;

/** Every setting, global and per pass, in one table (flags, config, schema, frontend and README derive from it). */
export const SETTINGS: readonly SettingEntry[] = settingTable(PASSES);
const SETTING_BY_NAME = new Map(SETTINGS.map((e) => [e.name, e]));
const PASS_IDS = PASSES.map((p) => p.id);

/**
 * The global settings (`passes`, `skip`, `syntaxDirective`) and any pass's options by name
 * (`cacheMounts: true`, `pin: "digest"`): the names and values of `SETTINGS`, checked at the start of `optimize`.
 */
export type OptimizeOptions = GlobalSettings & {
  readonly context?: BuildContext;
  /** The path shown in the diff headers (proposed context files are shown beside it). */
  readonly filename?: string;
  /** The passes to choose from, in canonical order (default: all of them). Tests inject a failing pass here. */
  readonly catalog?: readonly Pass[];
  readonly [option: string]: unknown;
};

export interface OptimizeResult {
  readonly output: string;
  /** Changes made, by line. */
  readonly changes: readonly Note[];
  /** Changes declined, with the reason and what the user can do. */
  readonly refusals: readonly Note[];
  /** The Dockerfile's diff, then one section per proposed file. */
  readonly diff: string;
  /** Build-context files the passes propose to write (not written by `optimize`). */
  readonly files: readonly ProposedFile[];
  /** Differences between the images that the passes intend (read by `msb-opt verify`). */
  readonly intended?: readonly Intended[];
}

/** The passes an option set selects, in canonical order; an unknown id is a UsageError. */
export function selectPasses(options: Pick<OptimizeOptions, "passes" | "skip" | "catalog"> = {}): Pass[] {
  const catalog = options.catalog ?? PASSES;
  const ids = catalog.map((p) => p.id);
  for (const id of [...(options.passes ?? []), ...(options.skip ?? [])]) {
    if (!ids.includes(id)) throw new UsageError(`unknown pass "${id}" (known: ${ids.join(", ")})`);
  }
  return catalog.filter((p) => (!options.passes || options.passes.includes(p.id)) && !options.skip?.includes(p.id));
}

/** Options are checked once, here: an unknown name or a value of the wrong type is a UsageError. */
function checkOptions(options: OptimizeOptions): void {
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || name === "context" || name === "filename" || name === "catalog") continue;
    const entry = SETTING_BY_NAME.get(name);
    if (!entry) throw new UsageError(`unknown option \`${name}\` (known: ${[...SETTING_BY_NAME.keys()].join(", ")})`);
    const problem = checkValue(entry.spec, value, PASS_IDS);
    if (problem) throw new UsageError(`option \`${name}\` ${problem}`);
  }
}

/** A pass's declared options, from the caller's options or their defaults; it sees no others. */
function optionsFor(pass: Pass, options: OptimizeOptions): Readonly<Record<string, unknown>> {
  const declared = declaredOptions(pass);
  let given = false;
  for (let i = 0; i < declared.length && !given; i++) given = options[declared[i][0]] != null;
  // None given (most runs, for most passes): the pass's defaults, one frozen object per pass.
  if (!given) {
    let defaults = defaultsByPass.get(pass);
    if (!defaults) defaultsByPass.set(pass, (defaults = Object.freeze(Object.fromEntries(declared))));
    return defaults;
  }
  const own: Record<string, unknown> = {};
  for (let i = 0; i < declared.length; i++) own[declared[i][0]] = options[declared[i][0]] ?? declared[i][1];
  return Object.freeze(own);
}
const defaultsByPass = new WeakMap<Pass, Readonly<Record<string, unknown>>>();
/** A pass's option names and defaults, listed once per pass (every run asks for every pass's). */
function declaredOptions(pass: Pass): readonly (readonly [string, unknown])[] {
  let declared = declaredByPass.get(pass);
  if (!declared) {
    declared = Object.entries(pass.options).map(([name, spec]) => [name, spec.default] as const);
    declaredByPass.set(pass, declared);
  }
  return declared;
}
const declaredByPass = new WeakMap<Pass, readonly (readonly [string, unknown])[]>();

export async function optimize(text: string, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  try {
    return await withShellScope(() => optimizeInScope(text, options));
  } catch (e) {
    // A script only tree-sitter parses, met before the grammar was loaded: load it and run again (passes are pure).
    if (!(e instanceof ShellNotLoaded)) throw e;
    await loadShell();
    return withShellScope(() => optimizeInScope(text, options));
  }
}

async function optimizeInScope(text: string, options: OptimizeOptions): Promise<OptimizeResult> {
  const filename = options.filename ?? "Dockerfile";
  checkOptions(options);
  const passes = selectPasses(options);
  if (text.length > MAX_FILE_CHARS) {
    throw new DockerfileError(`the file is too large for msb-opt (${text.length} characters; the limit is ${MAX_FILE_CHARS}, 1 MiB)`, 1);
  }
  const { dockerfile: input, unsupported } = parseDockerfile(text);
  let count = 0;
  for (const instr of allInstructions(input)) {
    if (++count > MAX_INSTRUCTIONS)
      throw new DockerfileError(`the file has more than ${MAX_INSTRUCTIONS} instructions, the most msb-opt reads`, instr.line);
  }
  if (unsupported.length > 0) {
    const refusals = unsupported.map((u) => ({
      pass: "parse",
      line: u.line,
      kind: "refusal" as const,
      message: `Left the file unchanged: it has ${u.reason}, which msb-opt cannot rewrite safely; simplify that line to let the passes run.`,
    }));
    return { output: text, changes: [], refusals, diff: "", files: [] };
  }
  const syntaxDirective = options.syntaxDirective ?? "auto";
  // The grammar is loaded only when a script needs it (a CLI call on plain RUNs never compiles it): the RUNs are
  // checked here; a script found later (an entrypoint file, a HEALTHCHECK) throws ShellNotLoaded, and `optimize` runs again.
  if (passes.length > 0 && !parsesWithoutGrammar(runTexts(input))) await loadShell();
  deepFreeze(input);

  const notes: Note[] = [];
  const ignores = readIgnores(
    input,
    PASSES.map((p) => p.id),
  );
  for (const u of ignores.unknown) {
    notes.push({ pass: "ignore", line: u.line, kind: "refusal", message: formatMessage(IGNORE_MESSAGES.unknownPass, { id: u.id }) });
  }
  for (const u of ignores.unreadable) {
    notes.push({ pass: "ignore", line: u.line, kind: "refusal", message: IGNORE_MESSAGES.unreadable });
  }
  for (const b of ignores.bare) notes.push({ pass: "ignore", line: b.line, kind: "refusal", message: IGNORE_MESSAGES[b.id] });
  // A bare global comment's own note already says it turns every pass off.
  if (ignores.everyGlobal !== null && !ignores.bare.some((b) => b.line === ignores.everyGlobal)) {
    const message = formatMessage(IGNORE_MESSAGES.globalAll, { line: ignores.everyGlobal });
    notes.push({ pass: "ignore", line: ignores.everyGlobal, kind: "refusal", message });
  }
  const files = new Map<string, ProposedFile>();
  // Notes that a proposed file would answer, with the path that answers them.
  const answerable = new Map<Note, string>();
  const intended: Intended[] = [];
  const rawInput = hasRawBytes(text);
  let df: Dockerfile = input;
  for (const pass of passes) {
    const globalIgnore = ignores.global.get(pass.id);
    if (globalIgnore !== undefined) {
      // Not run at all: nothing of the file is looked up or touched for a pass the user turned off (one note
      // above says so when a comment turned off every pass).
      const message = formatMessage(IGNORE_MESSAGES.globalOff, { pass: pass.id });
      if (ignores.everyGlobal === null) notes.push({ pass: pass.id, line: globalIgnore, kind: "refusal", message });
      continue;
    }
    const passNotes: Note[] = [];
    const passIntended: Intended[] = [];
    let changes = 0;
    // A context path the pass could not read (not: found missing) means it cannot check what it needs.
    let unreadable: { path: string; why: string } | null = null;
    const context = watchFailures(options.context ?? noContext, (path, why) => {
      unreadable ??= { path, why };
    });
    const filesBefore = new Map(files);
    const ctx: PassContext = {
      options: optionsFor(pass, options),
      context,
      input,
      report(line, id, data) {
        changes++;
        passNotes.push({ pass: pass.id, line, kind: "change", message: formatMessage(pass.messages[id], data) });
      },
      decline(line, id, data) {
        const note: Note = { pass: pass.id, line, kind: "refusal", message: formatMessage(pass.messages[id], data) };
        const answer = pass.answeredBy?.[id];
        if (answer !== undefined) answerable.set(note, answer);
        passNotes.push(note);
      },
      canUse: (construct) => allowsConstruct(input, syntaxDirective, construct),
      isIgnored: (instr) => Boolean(protectedFrom(ignores, instr)?.has(pass.id)),
      proposeFile(path, content, line, id, data) {
        const before = files.get(path)?.before ?? context.read(path);
        if (content === before) return;
        files.set(path, { path, before, after: content });
        passNotes.push({ pass: pass.id, line, kind: "change", message: formatMessage(pass.messages[id], data) });
      },
      intend: (kind, detail) => passIntended.push({ pass: pass.id, kind, detail }),
      foreseePin: async (ref, from) => {
        // The first later pass that pins, unless the file or that FROM turns it off.
        const later = passes.slice(passes.indexOf(pass) + 1).find((p) => p.foreseePin !== undefined);
        if (!later?.foreseePin || ignores.global.has(later.id) || protectedFrom(ignores, from)?.has(later.id)) return null;
        return later.foreseePin(ref, { options: optionsFor(later, options), context: options.context ?? noContext, input });
      },
    };
    const prepared = pass.prepare ? await pass.prepare(df, ctx) : undefined;
    const next = pass.run(df, ctx, prepared);
    if ((next === df) !== (changes === 0)) {
      throw new Error(
        `pass ${pass.id} broke its contract: it ${next === df ? "returned its input but reported changes" : "changed the file without reporting it"}`,
      );
    }
    if (unreadable) {
      // Declined whole: its result and its notes rest on a context it could not read.
      files.clear();
      for (const [path, f] of filesBefore) files.set(path, f);
      notes.push(unreadableContextNote(pass.id, unreadable));
      continue;
    }
    const skipped = skippedByIgnore(pass.id, df, next, ignores, passNotes) ?? rewritesRawBytes(pass.id, df, next, passNotes, rawInput);
    if (skipped) {
      notes.push(skipped);
      continue;
    }
    notes.push(...passNotes);
    if (next !== df) intended.push(...passIntended);
    df = deepFreeze(next);
  }

  const { dockerfile: final, raisedTo } = withSyntaxDirective(input, df, syntaxDirective);
  if (raisedTo) {
    notes.push({
      pass: "syntax",
      line: 1,
      kind: "change",
      message: formatMessage(SYNTAX_MESSAGES.raised, raisedTo),
    });
  }
  const output = final === input ? text : printDockerfile(final);
  const byLine = (a: Note, b: Note) => a.line - b.line;
  // A stage a pass copies (split-stages' `deps`) carries the original line numbers: the same change made in
  // both copies reads once.
  const seen = new Set<string>();
  const once = notes.filter((n) => {
    const answer = answerable.get(n);
    if (answer !== undefined && files.has(answer)) return false;
    const key = `${n.kind}\0${n.pass}\0${n.line}\0${n.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  const proposed = [...files.values()];
  let diff: string | undefined;
  return {
    output,
    changes: once.filter((n) => n.kind === "change").sort(byLine),
    refusals: once.filter((n) => n.kind === "refusal").sort(byLine),
    // Worked out on the first read: `msb-opt FILE` prints the output and the notes and never reads it, and
    // the diff of a rewritten file cost a twentieth of its whole run.
    get diff(): string {
      diff ??=
        unifiedDiff(text, output, filename) +
        proposed.map((f) => unifiedDiff(f.before ?? "", f.after, posix.join(posix.dirname(filename), f.path), f.before === null)).join("");
      return diff;
    },
    files: proposed,
    ...(intended.length > 0 ? { intended } : {}),
  };
}

function unreadableContextNote(id: string, { path, why }: { path: string; why: string }): Note {
  const what = path === "." ? "the build context" : `\`${path}\` in the build context`;
  return {
    pass: id,
    line: 1,
    kind: "refusal",
    message: `Left the file unchanged by this pass: msb-opt could not read ${what} (${why}), so it cannot check what the pass needs; make it readable and run again.`,
  };
}

/** A note when an ignore comment above an instruction forbids what the pass did; the pass's result is then dropped. */
function skippedByIgnore(id: string, before: Dockerfile, after: Dockerfile, ignores: Ignores, passNotes: readonly Note[]): Note | null {
  // No instruction has an ignore comment above it (most files): none is protected.
  if (before === after || ignores.local.size === 0) return null;
  const first = (passNotes.find((n) => n.kind === "change")?.message ?? "").replace(/\.$/, "");
  const count = passNotes.filter((n) => n.kind === "change").length;
  const protectedInstrs = [...allInstructions(before)].filter((instr) => protectedFrom(ignores, instr)?.has(id));
  const hit = violatedIgnore(before, after, protectedInstrs);
  if (!hit) return null;
  const line = ignoreLine(ignores, hit);
  const every = protectedFrom(ignores, hit)?.size === PASSES.length;
  return {
    pass: id,
    line: hit.line,
    kind: "refusal",
    message: formatMessage(every ? IGNORE_MESSAGES.skippedEvery : IGNORE_MESSAGES.skipped, {
      count,
      changes: count === 1 ? "change because it" : "changes because they",
      pass: id,
      line: line ?? hit.line,
      first,
    }),
  };
}

/**
 * A note when a pass would rewrite an instruction holding bytes that are not UTF-8 (a Latin-1 LABEL, a GBK
 * comment inside a RUN): msb-opt reads such text only to copy it through, so the pass's result is dropped.
 */
function rewritesRawBytes(id: string, before: Dockerfile, after: Dockerfile, passNotes: readonly Note[], rawInput: boolean): Note | null {
  if (before === after) return null;
  const kept = new Set(allInstructions(after));
  const printed = (i: Instruction) =>
    i.raw ?? `${i.args} ${i.flags.map((f) => f.value ?? "").join(" ")} ${i.heredocs.map((h) => h.body).join("")}`;
  // An instruction of `before` holds such bytes only when the file did: a new one that held them would have
  // been caught here when its pass made it, and its pass's result dropped.
  const hit =
    (rawInput ? [...allInstructions(before)].find((i) => !kept.has(i) && hasRawBytes(printed(i))) : undefined) ??
    [...kept].find((i) => i.raw === null && hasRawBytes(printed(i)));
  if (!hit) return null;
  const count = passNotes.filter((n) => n.kind === "change").length;
  return {
    pass: id,
    line: hit.line,
    kind: "refusal",
    message: `Skipped ${count} change${count === 1 ? " because it" : "s because they"} would rewrite this instruction, which holds bytes that are not UTF-8; save the file as UTF-8 to let the pass run.`,
  };
}

/** Freeze the IR so that a pass that mutates its input fails loudly instead of corrupting output. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // Indexed and keyed loops: no array of values per object (the walk visits every node of the IR).
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  else for (const key in value) deepFreeze(value[key]);
  return value;
}

/** The shell of every RUN as the passes parse it; a here-doc RUN always needs the grammar. */
function* runTexts(df: Dockerfile): Iterable<string> {
  for (const instr of allInstructions(df)) {
    if (instr.keyword !== "RUN" || instr.exec) continue;
    yield instr.heredocs.length > 0 ? "<<" : joinContinuations(instr.args, df.escape);
  }
}
