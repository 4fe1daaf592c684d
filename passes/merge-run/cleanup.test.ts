import { beforeAll, describe, expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { cleanupRun } from "./cleanup.js";
import { memoryContext, noContext } from "../../src/core/context.js";
import { loadShell } from "../../src/core/shell.js";

beforeAll(() => loadShell());
const options = { cacheMounts: false, aptNoRecommends: false, yarnClassic: true, runtime: () => [], context: noContext };

describe("cleanupRun", () => {
  const run = (text: string, shipped = true, opts = options) => {
    const { dockerfile } = parseDockerfile(text);
    const instr = dockerfile.stages[0].body.find((i) => i.keyword === "RUN")!;
    return cleanupRun(dockerfile, 0, instr, shipped, opts);
  };
  test("returns the same instruction when there is nothing to do", () => {
    const { dockerfile } = parseDockerfile("FROM debian\nRUN make\n");
    const instr = dockerfile.stages[0].body[0];
    expect(cleanupRun(dockerfile, 0, instr, true, options).instr).toBe(instr);
  });
  test("appends the cleanup to the last statement", () => {
    expect(run("FROM debian\nRUN apt-get update; apt-get install -y curl\n").instr.args).toBe(
      "apt-get update; \\\n    apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*",
    );
  });
  test("a stage that does not ship keeps its caches, with a note", () => {
    const { instr, notes } = run("FROM node\nRUN npm ci\n", false);
    expect(instr.raw).not.toBeNull();
    expect(notes.map((n) => n.id)).toEqual(["notShipped"]);
  });
  test("cache mounts replace the cleanup", () => {
    const { instr } = run("FROM node\nRUN npm ci\n", true, { ...options, cacheMounts: true });
    expect(instr.flags).toEqual([{ name: "mount", value: "type=cache,target=/root/.npm" }]);
    expect(instr.args).toBe("npm ci");
  });

  describe("a later RUN that installs out of sight", () => {
    const first = (text: string, files: Record<string, string> = {}) => {
      const { dockerfile } = parseDockerfile(text);
      const instr = dockerfile.stages[0].body.find((i) => i.keyword === "RUN")!;
      return cleanupRun(dockerfile, 0, instr, true, { ...options, context: memoryContext(files) });
    };
    const head = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
    test("behind xargs or sh -c: the lists stay", () => {
      for (const later of ["RUN cat pkgs.txt | xargs apt-get install -y", 'RUN sh -c "apt-get install -y jq"']) {
        const r = first(`${head}COPY pkgs.txt .\n${later}\n`, { "pkgs.txt": "jq\n" });
        expect(r.notes.map((n) => n.id)).toContain("laterNeedsCache");
      }
    });
    test("in a context script the RUN starts: read, and the lists stay when it installs", () => {
      const text = `${head}COPY scripts/install-extra.sh /tmp/\nRUN sh /tmp/install-extra.sh\n`;
      expect(first(text, { "scripts/install-extra.sh": "apt-get install -y sqlite3\n" }).notes.map((n) => n.id)).toContain(
        "laterNeedsCache",
      );
      // A script that installs nothing leaves the cleanup in.
      expect(first(text, { "scripts/install-extra.sh": "echo hi\n" }).instr.args).toContain("rm -rf /var/lib/apt/lists/*");
    });
    test("a context script that cannot be read (no context) keeps the lists", () => {
      const { dockerfile } = parseDockerfile(`${head}COPY install.sh .\nRUN ./install.sh\n`);
      const instr = dockerfile.stages[0].body.find((i) => i.keyword === "RUN")!;
      const r = cleanupRun(dockerfile, 0, instr, true, options);
      expect(r.notes.map((n) => n.id)).toContain("laterScriptUnread");
    });
  });

  describe("ONBUILD triggers read the cache in the builds FROM the image", () => {
    const head = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
    test("an install without its own update keeps the lists, wherever the trigger stands", () => {
      for (const text of [
        `${head}ONBUILD RUN apt-get install -y jq\n`,
        `FROM debian:bookworm\nONBUILD RUN ["apt-get", "install", "-y", "jq"]\nRUN apt-get update && apt-get install -y curl\n`,
        `${head}ONBUILD RUN sh -c "apt-cache policy jq"\n`,
      ]) {
        const r = run(text);
        expect(r.notes.map((n) => n.id)).toEqual(["onbuildNeedsCache"]);
        expect(r.instr.args).not.toContain("rm -rf");
      }
    });
    test("a trigger with its own update lets the lists go", () => {
      expect(run(`${head}ONBUILD RUN apt-get update && apt-get install -y jq\n`).instr.args).toContain("rm -rf /var/lib/apt/lists/*");
    });
    test("a RUN that leaves no cache (apk add --no-cache) gets no note about a trigger", () => {
      const r = run("FROM alpine\nRUN apk add --no-cache curl\nONBUILD RUN ./build.sh\n");
      expect(r.notes).toEqual([]);
    });
    test("a trigger that starts a script of the later build keeps the lists", () => {
      const r = run(`${head}ONBUILD COPY setup.sh /\nONBUILD RUN /setup.sh\n`);
      expect(r.notes.map((n) => [n.id, n.data.script])).toEqual([["onbuildScriptUnread", "/setup.sh"]]);
    });
  });
});
