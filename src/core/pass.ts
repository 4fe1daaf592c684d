// The shape of a pass: metadata and code together, one default export per file in passes/.
import type { BuildContext } from "./context.js";
import type { Dockerfile, ImageRef, Instruction } from "./ir.js";
import type { SettingSpecs, SettingValues } from "./settings.js";
import type { Construct } from "./syntax.js";

/** The options a pass sees: the ones it declares, typed, defaults filled in. */
export type Options = Readonly<Record<string, unknown>>;

/** One note for the reader: a change that was made, or one that was declined and why. */
export interface Note {
  readonly pass: string;
  /** 1-based line in the input. */
  readonly line: number;
  readonly kind: "change" | "refusal";
  readonly message: string;
}

export interface PassContext<MessageId extends string = string, PassOptions extends Options = Options> {
  readonly options: PassOptions;
  readonly context: BuildContext;
  /** The file as the user wrote it, before any pass ran. */
  readonly input: Dockerfile;
  /** Report a change made at `line`. */
  report(line: number, messageId: MessageId, data?: Readonly<Record<string, string | number>>): void;
  /** Report a change that was declined at `line`, saying why and what the user can do. */
  decline(line: number, messageId: MessageId, data?: Readonly<Record<string, string | number>>): void;
  /** May the output use this construct (the syntax directive policy allows it)? */
  canUse(construct: Construct): boolean;
  /**
   * The user asked this pass to leave the instruction alone (`# msb-opt ignore=<id>` above it). Passes
   * should skip such instructions; the pipeline drops a pass's result that touches or moves one anyway.
   */
  isIgnored(instr: Instruction): boolean;
  /**
   * Propose new content for a file of the build context (e.g. `.dockerignore`), with a change note at
   * `line`. The Dockerfile is not changed by this: the file shows in the diff as its own section and is
   * written only where the caller asks for it (`batch --write`, a CLI flag).
   */
  proposeFile(path: string, content: string, line: number, messageId: MessageId, data?: Readonly<Record<string, string | number>>): void;
  /**
   * Declare a difference between the original image and the output's that the change intends (e.g. the
   * build image's toolchain environment is not in the runtime), so that `msb-opt verify` lists it as intended.
   */
  intend(kind: IntendedKind, detail: Readonly<Record<string, string | readonly string[]>>): void;
  /**
   * The release tag a later pass of this run will pin `ref` (the image of the FROM `from`) to, or null when none
   * will (not selected, turned off for the file or that line, or no pin found). For `prepare`: a pass that needs
   * what the pin names (the Python version of `python:3`) reads the same answer the pinning pass then writes, so
   * that the output is a fixed point.
   */
  foreseePin(ref: ImageRef, from: Instruction): Promise<string | null>;
}

/** What a pass that answers `foreseePin` sees: its own options and the build context, as it will run. */
export interface ForesightContext<PassOptions extends Options = Options> {
  readonly options: PassOptions;
  readonly context: BuildContext;
  readonly input: Dockerfile;
}

/** Kinds of intended differences: `runtime-base` (the runtime starts from another base image; `build`, `runtime`, `dropped`). */
export type IntendedKind = "runtime-base" | "build-only-files";

/** A difference between the images a pass intends, in structured form. */
export interface Intended {
  readonly pass: string;
  readonly kind: IntendedKind;
  readonly detail: Readonly<Record<string, string | readonly string[]>>;
}

/** A build-context file a pass proposes to write; `before` is null when it does not exist yet. */
export interface ProposedFile {
  /** Context-relative path. */
  readonly path: string;
  readonly before: string | null;
  readonly after: string;
}

export interface PassDefinition<MessageId extends string = string, Prepared = undefined, O extends SettingSpecs = SettingSpecs> {
  /** Kebab-case; equals the folder name in passes/. */
  readonly id: string;
  readonly title: string;
  /** Why the pass exists, for `--explain`. */
  readonly rationale: string;
  /** Message templates with `{placeholder}`s, one sentence each. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * The options the pass reads, declared once: name, type, default, one-line help and which edges (CLI,
   * config file, frontend) expose it. Flags, config checks, schema, frontend keys and README derive from it.
   */
  readonly options?: O;
  /**
   * Notes that advise adding a file another pass may propose in the same run (`noDockerignore` → `.dockerignore`):
   * when a file at that path is proposed, the note is left out rather than contradict it.
   */
  readonly answeredBy?: Readonly<Partial<Record<MessageId, string>>>;
  /**
   * Gather what `run` needs from outside (a registry, …) before it runs. Optional; the only place a pass
   * may do I/O, so that `run` stays pure.
   */
  readonly prepare?: (df: Dockerfile, ctx: PassContext<MessageId, SettingValues<O>>) => Promise<Prepared>;
  /**
   * The release tag this pass will pin `ref` to when it runs later in the same pipeline (null: it will not), for an
   * earlier pass's `PassContext.foreseePin`. It must give the answer its `run` then writes.
   */
  readonly foreseePin?: (ref: ImageRef, ctx: ForesightContext<SettingValues<O>>) => Promise<string | null>;
  /** Pure: returns its input object when it changes nothing. */
  readonly run: (df: Dockerfile, ctx: PassContext<MessageId, SettingValues<O>>, prepared: Prepared) => Dockerfile;
}

/** A pass as the pipeline holds it: its own types erased. */
export interface Pass {
  readonly id: string;
  readonly title: string;
  readonly rationale: string;
  readonly messages: Readonly<Record<string, string>>;
  readonly options: SettingSpecs;
  readonly answeredBy?: Readonly<Record<string, string | undefined>>;
  prepare?(df: Dockerfile, ctx: PassContext): Promise<unknown>;
  foreseePin?(ref: ImageRef, ctx: ForesightContext): Promise<string | null>;
  run(df: Dockerfile, ctx: PassContext, prepared: unknown): Dockerfile;
}

// `const O`: option choices keep their literal types, so `ctx.options.pin` is `"tag" | "digest" | "none"`.
export function definePass<MessageId extends string, Prepared = undefined, const O extends SettingSpecs = Record<never, never>>(
  def: PassDefinition<MessageId, Prepared, O>,
): Pass {
  if (!/^[a-z]+(-[a-z]+)*$/.test(def.id)) throw new Error(`pass id "${def.id}" must be kebab-case`);
  return Object.freeze({ ...def, options: Object.freeze(def.options ?? {}) }) as unknown as Pass;
}

/** A note as the CLI prints it: `Dockerfile:12 merge-run: Merged …`; without a file, `merge-run: Merged …`. */
export function formatNote(note: Note, file?: string): string {
  return `${file === undefined ? "" : `${file}:${note.line} `}${note.pass}: ${note.message}`;
}

/** Fill `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  // What `template.replace(/\{(\w+)\}/g, …)` did, by a scan: every note of every run is formatted here, and the
  // regular expression with a callback cost more than the rest of the note.
  let open = template.indexOf("{");
  if (open < 0) return template;
  let out = "";
  let done = 0;
  while (open >= 0) {
    let end = open + 1;
    while (end < template.length && isWordChar(template.charCodeAt(end))) end++;
    if (end > open + 1 && template.charCodeAt(end) === 125 /* } */) {
      const key = template.slice(open + 1, end);
      if (key in data) {
        out += template.slice(done, open) + String(data[key]);
        done = end + 1;
      }
      open = template.indexOf("{", end + 1);
    } else open = template.indexOf("{", open + 1);
  }
  return done === 0 ? template : out + template.slice(done);
}
/** `\w`: a letter, a digit or `_` (ASCII). */
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
