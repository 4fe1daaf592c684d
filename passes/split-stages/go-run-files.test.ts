import { beforeAll, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { scriptWritingOutside } from "./own-scripts.js";

beforeAll(loadShell);

const goOutside = (run: string, files: Record<string, string>) => {
  const text = `FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ${run}\nCMD ["server"]\n`;
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext({ "go.mod": "module example.com/app\n", ...files });
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return scriptWritingOutside(r.analysis, 2, { context, scripts: {} });
};

const gen = 'package main\nimport "os"\nfunc main() { os.WriteFile("/var/lib/app/seed.txt", nil, 0o644) }\n';

test("go generate reads its //go:generate go run packages and the directives' own words (rt20 F19)", () => {
  const main = "package main\n//go:generate go run ./gen\nfunc main() {}\n";
  expect(goOutside("go generate ./... && go build -o /usr/local/bin/server .", { "main.go": main, "gen/main.go": gen })).toMatchObject({
    file: "gen/main.go",
  });
  expect(goOutside("go generate", { "main.go": main, "gen/main.go": gen })).toMatchObject({ file: "gen/main.go" });
  expect(
    goOutside("go generate ./...", { "main.go": 'package main\n//go:generate sh -c "date > /etc/build-date"\nfunc main() {}\n' }),
  ).toMatchObject({ evidence: expect.stringContaining("/etc/build-date") });
  expect(goOutside("go generate ./...", { "main.go": "package main\n//go:generate go run ./missing\nfunc main() {}\n" })).toMatchObject({
    unread: true,
  });
  const inside = 'package main\nimport "os"\nfunc main() { os.WriteFile("assets/gen.txt", nil, 0o644) }\n';
  expect(goOutside("go generate ./...", { "main.go": main, "gen/main.go": inside })).toBeNull();
  expect(goOutside("go generate ./...", { "main.go": "package main\n//go:generate stringer -type=Pill\nfunc main() {}\n" })).toBeNull();
});

test("go generate: a generator the table does not know declines; known ones are read with their configuration (rt20 F19 rest)", () => {
  const line = (directive: string) => `package main\n//go:generate ${directive}\nfunc main() {}\n`;
  expect(goOutside("go generate ./...", { "main.go": line("my-codegen -out gen.go") })).toMatchObject({
    evidence: expect.stringContaining("`my-codegen`"),
  });
  expect(goOutside("go generate ./...", { "main.go": line("go install example.com/tool@latest") })).toMatchObject({
    evidence: expect.stringContaining("`go install`"),
  });
  expect(goOutside("go generate ./...", { "main.go": line("stringer -type=Kind") })).toBeNull();
  expect(goOutside("go generate ./...", { "main.go": line("go tool stringer -type=Kind") })).toBeNull();
  expect(goOutside("go generate ./...", { "main.go": line("stringer -type=Kind -output /opt/kind.go") })).toMatchObject({
    evidence: expect.stringContaining("/opt/kind.go"),
  });
  expect(
    goOutside("go generate ./...", {
      "main.go": line("sqlc generate"),
      "sqlc.yaml": "version: '2'\nsql:\n  - gen:\n      go:\n        out: db\n",
    }),
  ).toBeNull();
  expect(
    goOutside("go generate ./...", {
      "main.go": line("sqlc generate"),
      "sqlc.yaml": "version: '2'\nsql:\n  - gen:\n      go:\n        out: /opt/db\n",
    }),
  ).toMatchObject({ file: "sqlc.yaml", evidence: expect.stringContaining("/opt/db") });
  expect(goOutside("go generate ./...", { "main.go": line("sqlc generate -f db/sqlc.yaml") })).toMatchObject({
    file: "db/sqlc.yaml",
    unread: true,
  });
  expect(goOutside("go generate ./...", { "main.go": line("sh gen.sh"), "gen.sh": "#!/bin/sh\ncp x /etc/app.conf\n" })).toMatchObject({
    file: "gen.sh",
    evidence: expect.stringContaining("/etc/app.conf"),
  });
  expect(goOutside("go generate ./...", { "main.go": line('sh -c "date > build.txt"') })).toBeNull();
  expect(goOutside("go generate ./...", { "main.go": line("./gen.sh"), "gen.sh": "#!/bin/sh\ndate > /etc/build-date\n" })).toMatchObject({
    file: "gen.sh",
  });
  expect(goOutside("go generate ./...", { "main.go": line("./gen.sh"), "gen.sh": "#!/bin/sh\ndate > build-date\n" })).toBeNull();
});
