// Which shell commands run a project's tests, and which stages a build target needs. BuildKit builds only
// the stages the target depends on, so a stage that runs tests gates the image only if the final stage
// reaches it through `FROM <stage>`, `COPY --from=<stage>` or `RUN --mount=from=<stage>`.
import { posix } from "node:path";
import { stageIndex, type Dockerfile, type Instruction } from "../../src/core/ir.js";
import type { SimpleCommand } from "../../src/core/shell.js";

export interface TestCommand {
  /** The command as the notes show it (`npm test`, `go test ./...`). */
  readonly text: string;
  /**
   * It only runs tests: moving it to another stage loses no file the build needs. `mvn verify` also
   * packages the app, so it gates but does not move.
   */
  readonly pure: boolean;
}

const NPM_LIKE = new Set(["npm", "yarn", "pnpm"]);
const MAVEN = new Set(["mvn", "mvnw"]);
const GRADLE = new Set(["gradle", "gradlew"]);
const PYTHON = /^python(\d+(\.\d+)?)?$/;
/** Commands that neither test nor change anything a test stage would miss. */
const NEUTRAL = new Set(["cd", "echo", "true", ":", "set", "printf", "env"]);

/** The test command `cmd` runs, or null when it runs none. */
export function testCommand(cmd: SimpleCommand): TestCommand | null {
  if (cmd.name === null) return null;
  const name = posix.basename(cmd.name);
  const args = cmd.args.map((a) => a.value ?? a.text);
  const operands = args.filter((a) => !a.startsWith("-"));
  const text = [name, ...args].join(" ");
  const pure = (yes: boolean): TestCommand => ({ text, pure: yes });
  if (NPM_LIKE.has(name)) {
    const [sub, script] = operands;
    if (sub === "test" || sub === "t" || (sub === "run" && (script === "test" || script?.startsWith("test:")))) return pure(true);
    if (name === "yarn" && sub?.startsWith("test:")) return pure(true);
    return null;
  }
  if (name === "go" || name === "cargo" || name === "dotnet") return operands[0] === "test" ? pure(true) : null;
  if (name === "pytest" || name === "py.test") return pure(true);
  if (PYTHON.test(name)) {
    const m = args.indexOf("-m");
    return m >= 0 && (args[m + 1] === "pytest" || args[m + 1] === "unittest") ? pure(true) : null;
  }
  const goals = operands.filter((o) => !o.includes("="));
  if (MAVEN.has(name)) {
    if (!goals.some((g) => g === "test" || g === "verify")) return null;
    return pure(goals.every((g) => g === "test" || g === "clean"));
  }
  if (GRADLE.has(name)) {
    if (!goals.some((g) => g === "test" || g === "check")) return null;
    return pure(goals.every((g) => g === "test" || g === "check" || g === "clean"));
  }
  if (name === "make") {
    if (!goals.some((g) => g === "test" || g === "check")) return null;
    return pure(goals.every((g) => g === "test" || g === "check"));
  }
  return null;
}

/** A command that may sit next to tests in a RUN that moves to the test stage (`cd`, `echo`). */
export function isNeutral(cmd: SimpleCommand): boolean {
  return cmd.name !== null && NEUTRAL.has(posix.basename(cmd.name));
}

/** The stages an instruction reads from (indices), by `FROM`, `--from=` or a `--mount` with `from=`. */
export function instructionSources(df: Dockerfile, instr: Instruction, before: number): number[] {
  const refs: string[] = [];
  for (const f of instr.flags) {
    if (f.value === null) continue;
    if (f.name === "from") refs.push(f.value);
    if (f.name === "mount") {
      const from = /(?:^|,)from=([^,]+)/.exec(f.value);
      if (from) refs.push(from[1]);
    }
  }
  return refs.map((r) => stageIndex(df, r, before)).filter((i) => i >= 0);
}

/** The stages that building `target` builds: the target and everything it reads from, transitively. */
export function neededStages(df: Dockerfile, target = df.stages.length - 1): Set<number> {
  const needed = new Set<number>();
  const visit = (i: number) => {
    if (needed.has(i)) return;
    needed.add(i);
    const stage = df.stages[i];
    const parent = stageIndex(df, stage.base.raw, i);
    if (parent >= 0) visit(parent);
    for (const instr of stage.body) for (const s of instructionSources(df, instr, i)) visit(s);
  };
  if (target >= 0) visit(target);
  return needed;
}
