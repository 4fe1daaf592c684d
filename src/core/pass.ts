// The shape of a pass: metadata and code together, one default export per file in passes/.
import type { BuildContext } from "./context.js";
import type { Dockerfile, Instruction } from "./ir.js";
import type { Construct, SyntaxDirectiveMode } from "./syntax.js";

/** Options every pass may read; each pass documents the ones it uses. */
export interface Options {
  /** May the printer add or raise `# syntax=`? */
  readonly syntaxDirective: SyntaxDirectiveMode;
  /** merge-run: use BuildKit cache mounts instead of deleting package-manager caches. */
  readonly cacheMounts?: boolean;
  /** pin-tags: how to pin base images. */
  readonly pin?: "tag" | "digest" | "none";
  /** pin-tags: never reach a registry; use the lockfile and the bundled catalog. */
  readonly offline?: boolean;
  /** split-stages: run the runtime as a non-root user where nothing visibly needs root. */
  readonly harden?: boolean;
  /** Free-form options of later passes, keyed by option name. */
  readonly [name: string]: unknown;
}

/** One note for the reader: a change that was made, or one that was declined and why. */
export interface Note {
  readonly pass: string;
  /** 1-based line in the input. */
  readonly line: number;
  readonly kind: "change" | "refusal";
  readonly message: string;
}

export interface PassContext<MessageId extends string = string> {
  readonly options: Options;
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

export interface PassDefinition<MessageId extends string = string, Prepared = undefined> {
  /** Kebab-case; equals the file name in passes/. */
  readonly id: string;
  readonly title: string;
  /** Why the pass exists, for `--explain`. */
  readonly rationale: string;
  /** Message templates with `{placeholder}`s, one sentence each. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /**
   * Gather what `run` needs from outside (a registry, …) before it runs. Optional; the only place a pass
   * may do I/O, so that `run` stays pure.
   */
  readonly prepare?: (df: Dockerfile, ctx: PassContext<MessageId>) => Promise<Prepared>;
  /** Pure: returns its input object when it changes nothing. */
  readonly run: (df: Dockerfile, ctx: PassContext<MessageId>, prepared: Prepared) => Dockerfile;
}

export type Pass = PassDefinition<string, unknown>;

export function definePass<MessageId extends string, Prepared = undefined>(
  def: PassDefinition<MessageId, Prepared>,
): PassDefinition<MessageId, Prepared> {
  if (!/^[a-z]+(-[a-z]+)*$/.test(def.id)) throw new Error(`pass id "${def.id}" must be kebab-case`);
  return Object.freeze(def);
}

/** Fill `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
