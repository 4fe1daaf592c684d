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
  const body = (...lines: string[]) => lines.map((l) => ({ keyword: l.slice(0, l.indexOf(" ")), args: l.slice(l.indexOf(" ") + 1) }));
  test("a literal value in ENV, ARG or in front of the build", () => {
    expect(cgoEnabled(body("RUN CGO_ENABLED=0 GOOS=linux go build -o app ."))).toBe("0");
    expect(cgoEnabled(body("ENV CGO_ENABLED 1", "RUN go build ."))).toBe("1");
    expect(cgoEnabled(body('ARG CGO_ENABLED="0"', "RUN go build ."))).toBe("0");
    expect(cgoEnabled(body("RUN export CGO_ENABLED=0 && go build ."))).toBe("0");
    expect(cgoEnabled(body("RUN go build -o app ."))).toBeUndefined();
  });
  test("an assignment in front of another command is that command's alone", () => {
    expect(cgoEnabled(body("RUN CGO_ENABLED=0 go test ./... && go build -o server ."))).toBeUndefined();
    expect(cgoEnabled(body("ENV CGO_ENABLED=1", "RUN CGO_ENABLED=0 go vet ./... && go build ."))).toBe("1");
  });
  test("a variable resolves against the stage's ARG default", () => {
    expect(cgoEnabled(body("ARG CGO=1", "ENV CGO_ENABLED=$CGO", "RUN go build ."))).toBe("1");
    expect(cgoEnabled(body("ARG CGO=0", "ENV CGO_ENABLED=${CGO}", "RUN go build ."))).toBe("0");
    expect(cgoEnabled(body("ENV CGO_ENABLED=${CGO:-0}", "RUN go build ."))).toBe("0");
  });
  test("a bare ARG or an unresolved variable is unknown, not the next line's word", () => {
    expect(cgoEnabled(body("ARG CGO_ENABLED", "RUN go build -o app ."))).toBeNull();
    expect(cgoEnabled(body("ENV CGO_ENABLED=$FROM_BUILD_ARG", "RUN go build ."))).toBeNull();
  });
  test("a read of the variable sets nothing", () => {
    expect(cgoEnabled(body('RUN echo "$CGO_ENABLED" && go build .'))).toBeUndefined();
  });
});
