// Keep a failing test failing the build. BuildKit builds only the stages the target needs, so tests in a
// stage the final image does not depend on are silently skipped. By default the tests stay in the builder
// (where split-stages leaves them, before the runtime copies the artifact) and the pass says so; with option
// `testStage` they move into a `test` stage that the final stage waits for by copying its marker file.
import { changed, instruction, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass } from "../../src/core/pass.js";
import { commandNames, mayRunCommand, parseRun, runScript } from "../../src/core/run-script.js";
import { simpleCommands } from "../../src/core/shell.js";
import { isNeutral, neededStages, testCommand } from "./test-commands.js";

const MARKER = "/tmp/tests-passed";
const TEST_STAGE = "test";
const PRUNED_STAGE = "pruned";

interface TestRun {
  readonly index: number;
  readonly instr: Instruction;
  /** The test commands, as the notes show them. */
  readonly commands: string;
  /** Only tests (and `cd`/`echo`): the RUN can move to another stage. */
  readonly movable: boolean;
}

export default definePass({
  id: "test-stage",
  title: "Keep the tests gating the build",
  rationale:
    "A split build must still fail when a test fails. BuildKit builds only the stages the target needs, so a `FROM build AS test` stage that the runtime does not depend on is skipped without a word. This pass checks that every RUN of tests is in a stage the final image needs. With `--test-stage` it moves the tests of the builder into their own `test` stage and makes the final stage copy an empty marker file from it, so `docker build --target test` runs only the tests and a plain build still runs them.",
  options: {
    testStage: {
      type: "boolean",
      default: false,
      help: "move the tests into a `test` stage that the final stage waits for (`--target test` runs only them)",
    },
  },
  messages: {
    kept: "Kept `{command}` in stage `{stage}`, which the runtime copies from, so a failing test still fails the build; use `--test-stage` to run the tests in a stage of their own.",
    moved:
      "Moved `{command}` into a new stage `test` on `{stage}`; the final stage copies its empty marker `" +
      MARKER +
      "`, so a plain build still runs the tests and `docker build --target test` runs only them.",
    gated:
      "Made the final stage copy the empty marker `" +
      MARKER +
      "` from stage `{stage}`, so a plain build runs `{command}` too; before, BuildKit skipped that stage.",
    skipped:
      "Stage `{stage}` runs `{command}` but the final stage does not depend on it, so a plain `docker build` skips the tests; use `--test-stage` to make the final stage wait for them, or build `--target {stage}` in CI.",
    singleStage:
      "Kept `{command}` in the only stage, where it gates the image; `--test-stage` needs a builder stage to move the tests out of.",
    notLast:
      "Kept `{command}` in stage `{stage}`: `{step}` follows it and would run before the tests in a test stage; move the tests to the end of the stage to let the pass move them.",
    notPure:
      "Kept `{command}` in stage `{stage}`: its RUN also builds or packages the app; put the tests in a RUN of their own to let the pass move them.",
    mountReader:
      "Kept `{command}` in stage `{stage}`: `{step}` follows the tests and would move to a stage of its own, but a later stage reads `{stage}` through `RUN --mount`, which the pass does not redirect; read it with `COPY --from` to let the pass move the tests.",
    nameTaken: "Kept `{command}` in stage `{stage}`: a stage is already named `{name}`; rename it to let the pass add one.",
    unnamed: `Kept \`{command}\` in stage {stage}: it has no name for \`FROM … AS ${TEST_STAGE}\` to build on; name it (\`AS build\`).`,
    several: "Kept the tests where they are: stages {stages} all run tests, and `--test-stage` moves the tests of one stage only.",
  },
  run(df, ctx) {
    const final = df.stages.length - 1;
    const needed = neededStages(df);
    const option = ctx.options.testStage === true;
    const split = ctx.input.stages.length === 1 && df.stages.length > 1;
    // Without the option, the pass only says why it left the tests of a stage the final image skips (and, after a
    // split, of an earlier stage it needs): the RUNs of the other stages are not read for tests (most files).
    const told = (i: number) => !needed.has(i) || (split && i !== final && !writesMarker(df.stages[i]));
    const found = df.stages.map((stage, i) => (option || told(i) ? testRuns(df, stage) : []));
    const withTests = found.map((runs, i) => ({ i, runs })).filter((s) => s.runs.length > 0);
    if (withTests.length === 0) return df;
    const label = (i: number) => df.stages[i].name ?? String(i);
    const first = (runs: readonly TestRun[]) => ({ line: runs[0].instr.line, command: runs.map((r) => r.commands).join("`, `") });

    // Stages the final image skips: the guides' own trap.
    const skipped = withTests.filter((s) => !needed.has(s.i));
    const gating = withTests.filter((s) => needed.has(s.i) && s.i !== final && !writesMarker(df.stages[s.i]));
    const inFinal = withTests.find((s) => s.i === final);
    if (!option) {
      for (const s of skipped) ctx.decline(first(s.runs).line, "skipped", { stage: label(s.i), command: first(s.runs).command });
      if (split) for (const s of gating) ctx.decline(first(s.runs).line, "kept", { stage: label(s.i), command: first(s.runs).command });
      return df;
    }
    if (skipped.length + gating.length > 1) {
      const stages = [...skipped, ...gating].map((s) => `\`${label(s.i)}\``).join(", ");
      ctx.decline(first([...skipped, ...gating][0].runs).line, "several", { stages });
      return df;
    }
    const chosen = skipped[0] ?? gating[0];
    if (chosen?.runs.some((r) => ctx.isIgnored(r.instr))) return df;
    if (skipped.length === 1) {
      const { i, runs } = skipped[0];
      const { line, command } = first(runs);
      const stage = df.stages[i];
      const body = [...stage.body, instruction("RUN", `touch ${MARKER}`, { line })];
      ctx.report(line, "gated", { stage: label(i), command });
      return gate({ ...df, stages: df.stages.map((s, k) => (k === i ? { ...stage, body } : s)) }, label(i), line);
    }
    if (gating.length === 0) {
      if (inFinal && df.stages.length === 1) ctx.decline(first(inFinal.runs).line, "singleStage", { command: first(inFinal.runs).command });
      return df;
    }
    const { i, runs } = gating[0];
    const stage = df.stages[i];
    const { line, command } = first(runs);
    const data = { stage: label(i), command };
    const blocked = (id: "notLast" | "notPure" | "nameTaken" | "unnamed" | "mountReader", extra: Record<string, string> = {}) => {
      ctx.decline(line, id, { ...data, ...extra });
      return df;
    };
    if (runs.some((r) => !r.movable)) return blocked("notPure");
    const start = runs[0].index;
    const tail = stage.body.slice(start);
    const testsEnd = tail.findIndex((instr) => !runs.some((r) => r.instr === instr));
    // Steps after the tests may follow them into a stage of their own only if they just remove files
    // (split-stages' `npm prune`): the runtime then copies from that stage.
    const rest = testsEnd < 0 ? [] : tail.slice(testsEnd);
    const blocker = rest.find((instr) => !isPrune(df, stage, instr));
    if (blocker) return blocked("notLast", { step: stepText(blocker) });
    if (stage.name === null) return blocked("unnamed");
    const taken = (name: string) => df.stages.some((s) => s.name?.toLowerCase() === name);
    if (taken(TEST_STAGE)) return blocked("nameTaken", { name: TEST_STAGE });
    if (rest.length > 0 && taken(PRUNED_STAGE)) return blocked("nameTaken", { name: PRUNED_STAGE });
    const later = df.stages.slice(i + 1);
    if (
      rest.length > 0 &&
      later.some((s) => s.body.some((instr) => instr.flags.some((f) => f.name === "mount" && f.value?.includes(`from=${stage.name}`))))
    ) {
      return blocked("mountReader", { step: stepText(rest[0]) });
    }

    const builder: Stage = { ...stage, body: stage.body.slice(0, start) };
    const moved = runs.map((r, k) => (k === 0 ? { ...r.instr, leading: r.instr.leading.replace(/^(\s*\r?\n)+/, "") } : r.instr));
    const test = childStage(stage.name, TEST_STAGE, [...moved, instruction("RUN", `touch ${MARKER}`, { line })], df.newline, line);
    const extra = rest.length > 0 ? [childStage(stage.name, PRUNED_STAGE, rest, df.newline, rest[0].line)] : [];
    const retargeted = rest.length > 0 ? later.map((s) => retarget(s, stage.name as string, PRUNED_STAGE)) : later;
    const stages = [...df.stages.slice(0, i), builder, test, ...extra, ...retargeted];
    ctx.report(line, "moved", data);
    return gate({ ...df, stages }, TEST_STAGE, line);
  },
});

/** `FROM <parent> AS <name>` with the given body. */
function childStage(parent: string, name: string, body: readonly Instruction[], newline: string, line: number): Stage {
  const from = instruction("FROM", `${parent} AS ${name}`, { leading: newline, line });
  return { from, base: { raw: parent, registry: null, name: parent, tag: null, digest: null }, name, platform: null, body };
}

/** The stage reading from `to` wherever it read from stage `from` (`FROM`, `COPY --from`). */
function retarget(stage: Stage, from: string, to: string): Stage {
  const same = (ref: string | null | undefined) => ref?.toLowerCase() === from.toLowerCase();
  let changedAny = false;
  const body = stage.body.map((instr) => {
    if (!instr.flags.some((f) => f.name === "from" && same(f.value))) return instr;
    changedAny = true;
    return changed(instr, { flags: instr.flags.map((f) => (f.name === "from" && same(f.value) ? { ...f, value: to } : f)) });
  });
  const fromBuilder = same(stage.base.raw);
  if (!changedAny && !fromBuilder) return stage;
  if (!fromBuilder) return { ...stage, body };
  const args = stage.from.args.replace(/^(\s*)\S+/, `$1${to}`);
  return { ...stage, body, from: changed(stage.from, { args }), base: { raw: to, registry: null, name: to, tag: null, digest: null } };
}

/** A RUN that only prunes dependencies (`npm prune --omit=dev`, as split-stages adds it). */
function isPrune(df: Dockerfile, stage: Stage, instr: Instruction): boolean {
  if (instr.keyword !== "RUN" || instr.flags.length > 0) return false;
  const parsed = parseRun(df, stage, instr);
  if (!parsed.ok) return false;
  const commands = simpleCommands(parsed.script);
  return commands.length > 0 && commands.every((c) => c.name === "npm" && c.args[0]?.value === "prune");
}

/** The final stage, made to depend on `stage` by copying its marker first thing. */
function gate(df: Dockerfile, stage: string, line: number): Dockerfile {
  const last = df.stages[df.stages.length - 1];
  const copy = instruction("COPY", `${MARKER} ${MARKER}`, { flags: [{ name: "from", value: stage }], line });
  return { ...df, stages: [...df.stages.slice(0, -1), { ...last, body: [copy, ...last.body] }] };
}

/** The RUNs of tests in a stage, in order. RUNs that cannot be read are not considered. */
function testRuns(df: Dockerfile, stage: Stage): TestRun[] {
  const runs: TestRun[] = [];
  stage.body.forEach((instr, index) => {
    if (instr.keyword !== "RUN" || !mayRunTests(instr)) return;
    // Again on the script the shell runs, without the comment lines of the continuation (`# smoke test`).
    const source = runScript(df, stage, instr);
    if (!source.ok || !mayRunTestsIn(source.text)) return;
    const parsed = parseRun(df, stage, instr);
    if (!parsed.ok) return;
    const commands = simpleCommands(parsed.script);
    const tests = commands.map(testCommand);
    const found = tests.filter((t) => t !== null);
    if (found.length === 0) return;
    const movable = commands.every((c, k) => tests[k]?.pure === true || (tests[k] === null && isNeutral(c)));
    runs.push({ index, instr, commands: found.map((t) => t.text).join("`, `"), movable });
  });
  return runs;
}

/**
 * Cheap screen before the shell parse: every test command has a whole word `test`, `t`, `check` or `verify`,
 * one starting `test:`, or names pytest, py.test or unittest, which survives once quotes and escapes are
 * removed as the shell would. A whole word: no letter, digit, `_`, `.` or `-` on either side (`latest`,
 * `checksum`, `--verify` and `test.sh` are not one). And `testCommand` knows a test only from one of a few
 * programs, whose name (its command name's last path segment) is a whole word of that text too.
 */
export function mayRunTests(instr: Instruction): boolean {
  return mayRunTestsIn([instr.args, ...instr.heredocs.map((h) => h.body)].join("\n"));
}
function mayRunTestsIn(script: string): boolean {
  return TEST_WORD.test(script.replace(/[\\`]\r?\n|[\\`'"]/g, "")) && mayRunCommand(script, TEST_PROGRAM);
}
const TEST_WORD = /(?<![\w.-])(?:test(?![\w.-])|test:|t(?![\w.-])|check(?![\w.-])|verify(?![\w.-]))|pytest|py\.test|unittest/;
const TEST_PROGRAM = commandNames(
  "npm",
  "yarn",
  "pnpm",
  "go",
  "cargo",
  "dotnet",
  "pytest",
  "py\\.test",
  "python[\\d.]*",
  "mvnw?",
  "gradlew?",
  "make",
);

/** A stage that ends by writing the marker (this pass made it): the final stage already waits for it. */
function writesMarker(stage: Stage): boolean {
  const last = stage.body[stage.body.length - 1];
  // merge-run may have joined it to the tests (`npm test && touch …`).
  return last !== undefined && last.keyword === "RUN" && new RegExp(`(^|&&\\s*)touch ${MARKER}$`).test(last.args.trim());
}

function stepText(instr: Instruction): string {
  const text = `${instr.keyword} ${instr.args.replace(/\\\r?\n\s*/g, " ").trim()}`;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
