import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { type Analysis, analyze } from "./analysis.js";
import { editOrder } from "./copy-order.js";

beforeAll(() => loadShell());

const analysis = (text: string, files: Record<string, string> = {}): Analysis => {
  const { dockerfile } = parseDockerfile(text);
  const r = analyze(dockerfile, dockerfile.stages[0], memoryContext(files), "/");
  if (!r.ok) throw new Error("analysis failed");
  return r.analysis;
};

const SITE = ["/usr/local/bin", "/usr/local/lib/python3.11/site-package[s]"];

describe("editOrder", () => {
  test("what a RUN made before the edited file came in is copied before it (nginx: /srv/docs before index.html)", () => {
    const a = analysis(
      "FROM nginx:stable\nCOPY docs-src /tmp/docs-src\nRUN mkdir -p /srv/docs && sed s/a/b/ /tmp/docs-src/index.md > /srv/docs/index.html\nCOPY default.conf /etc/nginx/conf.d/default.conf\nCOPY index.html /usr/share/nginx/html/index.html\n",
      { "docs-src/index.md": "# Docs\n", "default.conf": "server {}\n", "index.html": "<h1>home</h1>\n" },
    );
    expect(editOrder(a, ["/etc/nginx/conf.d/default.conf", "/usr/share/nginx/html/index.html", "/srv/docs"])).toEqual([
      "/srv/docs",
      "/etc/nginx/conf.d/default.conf",
      "/usr/share/nginx/html/index.html",
    ]);
  });
  test("an editable install's package folders come before the project's folder; a plain install's after it", () => {
    const files = { "deps/pyproject.toml": "[project]\n", "src/pyproject.toml": "[project]\n" };
    const editable = analysis(
      'FROM python:3.11\nCOPY deps /opt/deps\nRUN pip install --no-build-isolation /opt/deps\nCOPY src /opt/src\nRUN pip install --no-index -e /opt/src\nCMD ["mytool"]\n',
      files,
    );
    expect(editOrder(editable, ["/opt/deps", "/opt/src", ...SITE])).toEqual(["/opt/deps", ...SITE, "/opt/src"]);
    const plain = analysis(
      'FROM python:3.11\nCOPY deps /opt/deps\nRUN pip install --no-build-isolation /opt/deps\nCOPY src /opt/src\nRUN pip install /opt/src\nCMD ["mytool"]\n',
      files,
    );
    expect(editOrder(plain, ["/opt/deps", "/opt/src", ...SITE])).toEqual(["/opt/deps", "/opt/src", ...SITE]);
    // Only the editable install: the package folders depend on no source at all.
    const only = analysis('FROM python:3.11\nCOPY src /opt/src\nRUN pip install -e /opt/src\nCMD ["mytool"]\n', files);
    expect(editOrder(only, ["/opt/src", ...SITE])).toEqual([...SITE, "/opt/src"]);
  });
  test("paths that depend on the same copy keep their order", () => {
    const a = analysis(
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app . && cp conf.yml /out/conf.yml\nCMD ["/out/app"]\n',
      {
        "main.go": "package main\n",
        "conf.yml": "a: 1\n",
      },
    );
    expect(editOrder(a, ["/src", "/out"])).toEqual(["/src", "/out"]);
    expect(editOrder(a, ["/out", "/src"])).toEqual(["/out", "/src"]);
  });
});
