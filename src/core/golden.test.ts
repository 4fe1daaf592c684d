// Golden tests: every folder under testdata/ is a case (see testdata/README.md).
//   testdata/<pass-id>/<case>/   only that pass runs
//   testdata/pipeline/<case>/    every pass, in canonical order
//   testdata/roundtrip/<case>/   no pass: output must equal input byte for byte
//   testdata/errors/<case>/      the input is rejected with expected.error
// Each case's output must be stable: optimizing it again changes nothing and reports no change.
// UPDATE_GOLDEN=1 (npm run test:update) rewrites the expected files; review `git diff testdata/` after.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PASSES } from "../../passes/index.js";
import { DockerfileError, parseDockerfile } from "./parse.js";
import { printDockerfile } from "./print.js";
import { optimize, type OptimizeOptions } from "./pipeline.js";
import { caseContext, formatNotes, TESTDATA, withProposedFiles } from "../../test/support/golden.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const IN_CI = process.env.CI === "true";

function expectFile(dir: string, name: string, actual: string): void {
  const file = join(dir, name);
  if (UPDATE || (!existsSync(file) && !IN_CI)) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run test:update locally and review it`);
  expect(actual, `${file} differs (run npm run test:update and review the diff)`).toBe(readFileSync(file, "utf8"));
}

function caseOptions(dir: string, groupDir: string): OptimizeOptions {
  const read = (d: string) => (existsSync(join(d, "options.json")) ? JSON.parse(readFileSync(join(d, "options.json"), "utf8")) : {});
  return { ...read(groupDir), ...read(dir) };
}

const caseDirs = (group: string) =>
  readdirSync(join(TESTDATA, group))
    .filter((c) => statSync(join(TESTDATA, group, c)).isDirectory())
    .sort();

const passGroups = readdirSync(TESTDATA).filter((g) => statSync(join(TESTDATA, g)).isDirectory() && !["roundtrip", "errors"].includes(g));

for (const group of passGroups.sort()) {
  describe(group, () => {
    for (const name of caseDirs(group)) {
      const dir = join(TESTDATA, group, name);
      test(name, async () => {
        const input = readFileSync(join(dir, "Dockerfile"), "utf8");
        const options: OptimizeOptions = {
          ...caseOptions(dir, join(TESTDATA, group)),
          ...(group === "pipeline" ? {} : { passes: [group] }),
          context: caseContext(dir),
        };
        const result = await optimize(input, options);
        expectFile(dir, "expected.Dockerfile", result.output);
        expectFile(dir, "expected.diff", result.diff);
        expectFile(dir, "expected.notes", formatNotes("Dockerfile", [...result.changes, ...result.refusals]));
        if (name.startsWith("unchanged-")) {
          expect(result.output, "an unchanged-* case must stay byte for byte").toBe(input);
          expect(result.changes).toEqual([]);
        }
        const again = await optimize(result.output, { ...options, context: withProposedFiles(options.context!, result.files) });
        expect(again.output, "optimizing the output again must change nothing").toBe(result.output);
        expect(again.changes, "optimizing the output again must report no change").toEqual([]);
      });
    }
  });
}

describe("roundtrip", () => {
  for (const name of caseDirs("roundtrip")) {
    test(name, async () => {
      const input = readFileSync(join(TESTDATA, "roundtrip", name, "Dockerfile"), "utf8");
      const result = await optimize(input, { skip: PASSES.map((p) => p.id) });
      expect(result.output).toBe(input);
      expect(result.changes).toEqual([]);
    });
  }
});

describe("errors", () => {
  for (const name of caseDirs("errors")) {
    test(name, async () => {
      const dir = join(TESTDATA, "errors", name);
      const input = readFileSync(join(dir, "Dockerfile"), "utf8");
      const error = await optimize(input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DockerfileError);
      const { line, message } = error as DockerfileError;
      expectFile(dir, "expected.error", `Dockerfile:${line}: ${message}`);
    });
  }
});

describe("printer", () => {
  for (const name of caseDirs("roundtrip")) {
    test(`prints ${name} byte for byte`, () => {
      const input = readFileSync(join(TESTDATA, "roundtrip", name, "Dockerfile"), "utf8");
      const { dockerfile, unsupported } = parseDockerfile(input);
      expect(unsupported).toEqual([]);
      expect(printDockerfile(dockerfile)).toBe(input);
    });
  }
});
