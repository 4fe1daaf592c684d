import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { cgoEnabled, runMade } from "./go.js";

beforeAll(() => loadShell());

const made = (text: string, files: Record<string, string>) => {
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext(files);
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error("refused");
  return runMade(r.analysis, context);
};

describe("runMade", () => {
  test("what a RUN made in the working folder and left there, not what it removed nor the context's files", () => {
    const files = { "go.mod": "module x\n", "main.go": "package main\n", "run.sh": "" };
    const df = (run: string) => `FROM golang:1.22\nWORKDIR /svc\nCOPY . .\nRUN ${run}\nCMD ["./server"]\n`;
    expect(made(df("go build -o server . && mkdir data && chown -R 1000 /svc"), files)).toEqual(["/svc/server", "/svc/data"]);
    expect(made(df("go build -o server . && mkdir tmp && touch tmp/x && rm -rf tmp"), files)).toEqual(["/svc/server"]);
    expect(made(df("go build -o server . && chmod +x run.sh && mkdir -p /var/x"), files)).toEqual(["/svc/server"]);
  });
});

describe("cgoEnabled", () => {
  test("a literal value in ENV, ARG or a RUN's assignment", () => {
    expect(cgoEnabled("CGO_ENABLED=0 GOOS=linux go build -o app .")).toBe("0");
    expect(cgoEnabled("CGO_ENABLED 1")).toBe("1");
    expect(cgoEnabled('CGO_ENABLED="0"')).toBe("0");
    expect(cgoEnabled("go build -o app .")).toBeUndefined();
  });
  test("a variable resolves against the stage's ARG default", () => {
    expect(cgoEnabled("CGO=1\nCGO_ENABLED=$CGO\ngo build .")).toBe("1");
    expect(cgoEnabled("CGO=0\nCGO_ENABLED=${CGO}\ngo build .")).toBe("0");
    expect(cgoEnabled("CGO_ENABLED=${CGO:-0}\ngo build .")).toBe("0");
  });
  test("a bare ARG or an unresolved variable is unknown, not the next line's word", () => {
    expect(cgoEnabled("CGO_ENABLED\ngo build -o app .")).toBeNull();
    expect(cgoEnabled("CGO_ENABLED=$FROM_BUILD_ARG\ngo build .")).toBeNull();
  });
  test("a read of the variable sets nothing", () => {
    expect(cgoEnabled('echo "$CGO_ENABLED" && go build .')).toBeUndefined();
  });
});
