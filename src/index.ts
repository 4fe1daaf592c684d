// The library API: the CLI, batch and the BuildKit frontend are thin edges over these.
export { optimize, selectPasses, UnknownPassError, type OptimizeOptions, type OptimizeResult } from "./pipeline.js";
export { parseDockerfile, DockerfileError, type ParsedFile } from "./parse.js";
export { printDockerfile } from "./print.js";
export { fsContext, memoryContext, noContext, type BuildContext } from "./context.js";
export { unifiedDiff } from "./diff.js";
export type { Note, Options, Pass, PassContext } from "./pass.js";
export type { Dockerfile, Instruction, Stage, ImageRef, Flag, Heredoc, Directive } from "./ir.js";
export { PASSES } from "../passes/index.js";
