// The library API: the CLI, batch and the BuildKit frontend are thin edges over these.
export { optimize, selectPasses, SETTINGS, type OptimizeOptions, type OptimizeResult } from "./core/pipeline.js";
export { UsageError } from "./core/errors.js";
export type { SettingEntry, SettingSpec } from "./core/settings.js";
export { parseDockerfile, DockerfileError, type ParsedFile } from "./core/parse.js";
export { printDockerfile } from "./core/print.js";
export { decodeBytes, encodeText } from "./core/bytes.js";
export { fsContext, memoryContext, noContext, type BuildContext } from "./core/context.js";
export { unifiedDiff } from "./core/diff.js";
export type { Note, Options, Pass, PassContext } from "./core/pass.js";
export type { Dockerfile, Instruction, Stage, ImageRef, Flag, Heredoc, Directive } from "./core/ir.js";
export { PASSES } from "../passes/index.js";
