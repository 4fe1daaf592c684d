// Property tests over generated Dockerfiles: every file the parser accepts prints back byte for byte,
// the whole pipeline never throws anything but a DockerfileError, and its output parses again.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DockerfileError, parseDockerfile } from "./parse.js";
import { optimize } from "./pipeline.js";
import { printDockerfile } from "./print.js";

const word = fc.constantFrom(
  "node",
  "apt-get",
  "install",
  "-y",
  "curl",
  "&&",
  "||",
  ";",
  "|",
  "cd",
  "/tmp",
  "$HOME",
  "${A:-b}",
  '"a b"',
  "'c'",
  "#",
  "\\",
  "`",
  "🐳",
  "C:\\x\\",
  "npm",
  "ci",
  ".",
  "./app",
  "--chown=1000",
  "2>&1",
  "&",
);
const words = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(" "));
const image = fc.constantFrom(
  "node:20",
  "debian:bookworm",
  "python:3.12-slim",
  "golang:1.22 AS build",
  "build",
  "scratch",
  "${BASE}:${V}",
  `alpine@sha256:${"a".repeat(64)}`,
);
const flag = fc.constantFrom(
  "",
  "--mount=type=cache,target=/root/.npm ",
  "--network=none ",
  "--from=build ",
  "--chown=app:app ",
  "--chmod=755 ",
  "--link ",
  "--platform=$BUILDPLATFORM ",
);

const line = fc.oneof(
  image.map((i) => `FROM ${i}`),
  fc.tuple(flag, words).map(([f, w]) => `RUN ${f}${w}`),
  fc.tuple(words, words).map(([a, b]) => `RUN ${a} \\\n  ${b}`),
  fc.tuple(words, words).map(([a, b]) => `RUN ${a} \\\n# comment\n    ${b}`),
  fc.tuple(flag, words).map(([f, w]) => `COPY ${f}${w || "."} /app/`),
  words.map((w) => `CMD ${w}`),
  fc.array(word, { maxLength: 3 }).map((w) => `ENTRYPOINT ${JSON.stringify(w)}`),
  words.map((w) => `ENV A=${JSON.stringify(w)}`),
  fc.constantFrom(
    "ARG A",
    "ARG V=20",
    "WORKDIR /app",
    "USER node",
    "EXPOSE 3000",
    'SHELL ["/bin/bash", "-c"]',
    "ONBUILD RUN make",
    "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
    "LABEL a=b",
  ),
  fc.constantFrom("RUN <<EOF\necho hi\nEOF", "COPY <<-EOF /f\n\tx\n\tEOF", "RUN python3 <<'PY'\nprint(1)\nPY"),
  words.map((w) => `# ${w}`),
  fc.constant(""),
  fc.constant("   "),
);
const eol = fc.constantFrom("\n", "\r\n");
const dockerfile = fc
  .tuple(
    fc.constantFrom("", "# syntax=docker/dockerfile:1\n", "# escape=`\n", "\uFEFF"),
    fc.array(line, { minLength: 1, maxLength: 12 }),
    eol,
    fc.boolean(),
  )
  .map(([head, lines, nl, finalNewline]) => head + lines.join(nl) + (finalNewline ? nl : ""));

describe("generated Dockerfiles", () => {
  test("round-trip byte for byte through parse and print", () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        let parsed;
        try {
          parsed = parseDockerfile(text);
        } catch (e) {
          if (e instanceof DockerfileError) return;
          throw e;
        }
        if (parsed.unsupported.length > 0) return;
        expect(printDockerfile(parsed.dockerfile)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  test("the pipeline never throws on them, and its output parses again", async () => {
    await fc.assert(
      fc.asyncProperty(dockerfile, async (text) => {
        let result;
        try {
          result = await optimize(text, { syntaxDirective: "auto", offline: true });
        } catch (e) {
          if (e instanceof DockerfileError) return;
          throw e;
        }
        expect(() => parseDockerfile(result.output)).not.toThrow();
        const again = await optimize(result.output, { offline: true });
        expect(again.output).toBe(result.output);
      }),
      { numRuns: 300 },
    );
  });
});
