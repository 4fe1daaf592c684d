// No comment is lost: every comment line of the input is still a line of merge-run's output, from `#` on byte
// for byte (a comment the rewrite cannot keep in place moves above the rewritten RUN).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { optimize } from "../../src/core/pipeline.js";
import { caseContext, TESTDATA } from "../../test/support/golden.js";

/** The comment lines of a file, from `#` on, as a multiset (sorted list). */
const comments = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.trimStart())
    .sort();

function expectAllComments(input: string, output: string, label: string): void {
  const left = [...comments(output)];
  const missing = comments(input).filter((c) => {
    const at = left.indexOf(c);
    if (at >= 0) left.splice(at, 1);
    return at < 0;
  });
  expect(missing, `${label}: comment lines lost\n${output}`).toEqual([]);
}

describe("every comment line of a golden input is in the output", () => {
  const dir = join(TESTDATA, "merge-run");
  for (const name of readdirSync(dir).sort()) {
    if (!existsSync(join(dir, name, "Dockerfile"))) continue;
    test(name, async () => {
      const input = readFileSync(join(dir, name, "Dockerfile"), "utf8");
      const optionsFile = join(dir, name, "options.json");
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
      const result = await optimize(input, { ...options, passes: ["merge-run"], context: caseContext(join(dir, name)) });
      expectAllComments(input, result.output, name);
    });
  }
});

/** RUN texts with comments in every place BuildKit allows them. */
const RUNS = [
  ["RUN \\", "# after a bare RUN", "    apt-get update && apt-get install -y curl"],
  ["RUN --mount=type=cache,target=/tmp/c \\", "    # between the flag and the command", "    touch /a"],
  ["RUN touch /b \\", "    # between continuation lines", "    && touch /c"],
  ["RUN \\", "\t# tab-indented, trailing blanks  ", "    \\", "    # a second one after an empty continuation", "    touch /d"],
  ["# above a RUN", "RUN pip install flask \\", "#unindented and unspaced", "    && touch /e"],
  ["RUN apk add curl \\", "    # in an apk install", "    && apk add git"],
  ["RUN npm ci \\", "  #", "  && npm run build"],
];

describe("generated RUN sequences keep every comment line", () => {
  const cases: string[][] = [];
  RUNS.forEach((a, i) => RUNS.forEach((b, j) => i !== j && cases.push([...a, ...b])));
  for (let i = 0; i < RUNS.length; i++) cases.push([...RUNS[i], ...RUNS[(i + 2) % RUNS.length], ...RUNS[(i + 4) % RUNS.length]]);
  test(`${cases.length} sequences, LF and CRLF`, async () => {
    let changed = 0;
    for (const lines of cases) {
      for (const nl of ["\n", "\r\n"]) {
        const input = `FROM debian:bookworm${nl}${lines.join(nl)}${nl}`;
        const result = await optimize(input, { passes: ["merge-run"] });
        if (result.output !== input) changed++;
        expectAllComments(input, result.output, JSON.stringify(input));
      }
    }
    // All but the pairs of the `--mount` RUN with a RUN that neither merges with it (flags differ) nor needs a cleanup.
    expect(changed).toBeGreaterThan(cases.length * 2 * 0.9);
  });
});
