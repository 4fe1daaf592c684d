import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { perlNeed } from "./perl.js";

beforeAll(() => loadShell());

const need = (cmd: string, files: Record<string, string> = {}) => {
  const context = memoryContext({ "server.js": "", ...files });
  const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ${cmd}\n`);
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return perlNeed(r.analysis, context);
};

describe("perlNeed", () => {
  test("modules outside perl-base, from -M, -e code and the script perl runs", () => {
    expect(need(`perl -MJSON::PP -e 'print 1' && node server.js`)).toMatchObject({ module: "JSON::PP" });
    expect(need(`perl -le 'use strict; use Data::Dumper; print 1'`)).toMatchObject({ module: "Data::Dumper" });
    expect(need("perl tools/port.pl", { "tools/port.pl": "use strict;\nuse warnings;\nrequire Time::Local;\n" })).toMatchObject({
      module: "Time::Local",
    });
    expect(need("perl tools/missing.pl")).toMatchObject({ module: null, script: "tools/missing.pl" });
  });
  test("perl-base's modules and versions need nothing more", () => {
    expect(need(`perl -MPOSIX -e 'use 5.010; use Getopt::Long; print POSIX::floor(1)' && node server.js`)).toBeNull();
    expect(need(`["perl", "-M-warnings", "-e", "print 1"]`)).toBeNull();
    expect(need("node server.js")).toBeNull();
  });
});
