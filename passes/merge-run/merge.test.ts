// merge-run's central claim, tested against real shells: running the RUNs one by one (each in a fresh
// `sh -c`, stopping at the first failure, as a build does) and running the optimized RUNs gives the same
// outcome and the same files. And every RUN it writes parses with a second, independent parser (mvdan/sh).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as shParse, LangVariant } from "sh-syntax";
import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { optimize } from "../../src/core/pipeline.js";
import { runScript } from "../../src/core/run-script.js";
import { loadShell } from "../../src/core/shell.js";
import { TESTDATA } from "../../test/support/golden.js";

beforeAll(() => loadShell());

/** The shell scripts of the RUNs of the last stage, in order. */
function runScripts(text: string, lenient = false): string[] {
  const { dockerfile } = parseDockerfile(text);
  return dockerfile.stages.flatMap((stage) =>
    stage.body
      .filter((i) => i.keyword === "RUN")
      .flatMap((i) => {
        const s = runScript(dockerfile, stage, i);
        if (!s.ok && !lenient) throw new Error(s.reason);
        return s.ok ? [s.text] : [];
      }),
  );
}

/**
 * Build-like execution of many cases with one shell process: each case's RUN scripts run one by one, each in a
 * fresh `shell -c` inside the case's folder, stopping at the first failure. Returns outcome + files per case.
 */
function executeAll(shell: string, cases: readonly (readonly string[])[], pathPrefix = ""): string[] {
  const root = mkdtempSync(join(tmpdir(), "msb-merge-run-"));
  try {
    const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
    const lines = cases.map((scripts, i) => {
      mkdirSync(join(root, String(i), "work", "sub"), { recursive: true });
      return `cd "$ROOT/${i}/work" || exit 1; { ${scripts.map((t) => `run ${quote(t)} && `).join("")}echo ok || echo failed; } > ../status`;
    });
    const driver = `run() { "$SH" -c "$1" >/dev/null 2>&1 </dev/null; }\n${lines.join("\n")}\n`;
    const r = spawnSync("/bin/sh", ["-c", driver], {
      env: { PATH: `${pathPrefix}${process.env.PATH ?? "/usr/bin:/bin"}`, ROOT: root, SH: shell },
      timeout: 200_000,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`driver failed: ${r.stderr}`);
    return cases.map((_, i) => `${readFileSync(join(root, String(i), "status"), "utf8")}${snapshot(join(root, String(i), "work"), "")}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function snapshot(root: string, rel: string): string {
  return readdirSync(join(root, rel))
    .sort()
    .map((name) => {
      const path = join(rel, name);
      const st = statSync(join(root, path));
      const mode = (st.mode & 0o777).toString(8);
      return st.isDirectory()
        ? `${path}/ ${mode}\n${snapshot(root, path)}`
        : `${path} ${mode} ${JSON.stringify(readFileSync(join(root, path), "utf8"))}\n`;
    })
    .join("");
}

const FRAGMENTS = [
  "touch a",
  "false",
  "false; touch b",
  "touch c; false",
  "false || touch d",
  "true && false || touch e",
  "cd sub && touch f",
  'export A=1 && echo "$A" > g',
  'echo "${A:-unset}" > h',
  "A=2",
  "test -f a || exit 0",
  "exit 3",
  "echo x | false",
  "false | echo y > i",
  "set -e; false; touch j",
  "umask 077; touch k",
  "touch m",
  "for x in 1 2; do :; done",
  'echo "${x:-none}" > n',
  "f() { touch o; }",
  "f 2>/dev/null || touch p",
  "trap 'touch t' EXIT; true",
  "! test -f a && touch q",
  "set -x",
  "touch r # a note",
  "false || echo z > z",
  "true && echo w > w || touch w2",
  "test -f a && echo v > v",
  'echo "a   b"    c   > sp',
];

describe("merged RUNs behave like the RUNs they replace", () => {
  const shells = ["/bin/sh", "/bin/bash"].filter((s) => spawnSync(s, ["-c", "true"]).status === 0);
  test(`half of the pairs and some triples of ${FRAGMENTS.length} fragments, in ${shells.join(" and ")}`, async () => {
    const cases: string[][] = [];
    // Half of all ordered pairs (every fragment meets half of the others on each side, and itself), to keep it quick.
    FRAGMENTS.forEach((a, i) => FRAGMENTS.forEach((b, j) => (i === j || (i + j) % 2 === 1) && cases.push([a, b])));
    for (let i = 0; i < FRAGMENTS.length; i++)
      cases.push([FRAGMENTS[i], FRAGMENTS[(i + 7) % FRAGMENTS.length], FRAGMENTS[(i + 13) % FRAGMENTS.length]]);
    const outputs: string[] = [];
    const after: string[][] = [];
    for (const runs of cases) {
      const input = `FROM debian:bookworm\n${runs.map((r) => `RUN ${r}\n`).join("")}`;
      const result = await optimize(input, { passes: ["merge-run"] });
      outputs.push(result.output);
      after.push(runScripts(result.output));
    }
    const merged = cases.filter((c, i) => after[i].length < c.length).length;
    for (const shell of shells) {
      // Every case in /bin/sh; bash, which agrees on all of this, checks every third to keep the test quick.
      const picked = cases.map((_, i) => i).filter((i) => shell === "/bin/sh" || i % 3 === 0);
      const before = executeAll(
        shell,
        picked.map((i) => cases[i]),
      );
      const now = executeAll(
        shell,
        picked.map((i) => after[i]),
      );
      picked.forEach((i, k) => expect(now[k], `${shell}: ${JSON.stringify(cases[i])} →\n${outputs[i]}`).toBe(before[k]));
    }
    expect(merged).toBeGreaterThan(cases.length / 2);
  }, 240_000);
});

describe("a program put earlier on PATH is found by the RUNs after it, merged or not", () => {
  const shells = ["/bin/sh", "/bin/bash"].filter((s) => spawnSync(s, ["-c", "true"]).status === 0);
  const tool = (dir: string, says: string) =>
    `mkdir -p ${dir}/bin && printf '#!/bin/sh\\necho ${says} >> out\\n' > ${dir}/bin/tool && chmod +x ${dir}/bin/tool`;
  const [late, early] = [tool("late", "late"), tool("early", "early")];
  const cases = [
    [late, "tool", early, "tool"],
    [late, "tool", early, "hash -r && tool"],
    [late, early, "tool", "tool"],
    [late, "tool", "ln -s ../../late/bin/tool early/bin/tool || mkdir -p early/bin && ln -s ../../late/bin/tool early/bin/tool", "tool"],
    [late, "tool", "make install 2>/dev/null || true", "tool"],
  ];
  test(`${cases.length} sequences in ${shells.join(" and ")}, with early/bin and late/bin on PATH`, async () => {
    const after: string[][] = [];
    for (const runs of cases) {
      const result = await optimize(`FROM debian:bookworm\n${runs.map((r) => `RUN ${r}\n`).join("")}`, { passes: ["merge-run"] });
      after.push(runScripts(result.output));
    }
    for (const shell of shells) {
      const before = executeAll(shell, cases, "early/bin:late/bin:");
      const now = executeAll(shell, after, "early/bin:late/bin:");
      cases.forEach((c, i) => expect(now[i], `${shell}: ${JSON.stringify(c)} → ${JSON.stringify(after[i])}`).toBe(before[i]));
    }
    // Merged where no lookup goes stale: the rehashed case, and the install before the first lookup.
    expect(after[1], JSON.stringify(after)).toHaveLength(1);
    expect(after[2]).toHaveLength(1);
    expect(after[0].length).toBeGreaterThan(1);
  }, 60_000);
});

describe("every RUN of the merge-run golden outputs is valid shell for mvdan/sh", () => {
  const dir = join(TESTDATA, "merge-run");
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, "expected.Dockerfile");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    test(name, async () => {
      const input = new Set(runScripts(readFileSync(join(dir, name, "Dockerfile"), "utf8"), true));
      const { dockerfile } = parseDockerfile(text);
      for (const stage of dockerfile.stages) {
        for (const instr of stage.body) {
          if (instr.keyword !== "RUN") continue;
          const script = runScript(dockerfile, stage, instr);
          if (!script.ok || input.has(script.text)) continue; // only what merge-run wrote
          const variant = /bash/.test(stage.body.find((i) => i.keyword === "SHELL")?.exec?.[0] ?? "")
            ? LangVariant.LangBash
            : LangVariant.LangPOSIX;
          await expect(shParse(script.text, { variant }), `${name}, line ${instr.line}: ${script.text}`).resolves.toBeDefined();
        }
      }
    });
  }
});
