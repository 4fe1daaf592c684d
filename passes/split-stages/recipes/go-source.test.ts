import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { devPackageFor, importsC, readGoSources } from "./go-source.js";

describe("readGoSources", () => {
  test("cgo from an import of C, with its libraries", () => {
    const ctx = memoryContext({
      "main.go": 'package main\n\n// #cgo LDFLAGS: -lsqlite3 -lm\n// #cgo pkg-config: yaml-0.1\nimport "C"\n',
      "go.mod": "module x\n",
    });
    const s = readGoSources(ctx);
    expect(s.cgo).toBe(true);
    expect(s.libraries).toEqual(["sqlite3", "m", "yaml-0.1"]);
  });
  test("cgo from a required module known to wrap a C library", () => {
    const ctx = memoryContext({ "go.mod": "module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n", "main.go": "package main\n" });
    expect(readGoSources(ctx).cgoEvidence).toBe("go.mod requires github.com/mattn/go-sqlite3");
  });
  test("cgo from a required module or an imported package that wraps a C library (bimg, gopacket/pcap)", () => {
    const bimg = memoryContext({ "go.mod": "module x\n\nrequire github.com/h2non/bimg v1.1.9\n", "main.go": "package main\n" });
    expect(readGoSources(bimg).cgoEvidence).toBe("go.mod requires github.com/h2non/bimg");
    const pcap = memoryContext({
      "go.mod": "module x\n\nrequire github.com/google/gopacket v1.1.19\n",
      "main.go": 'package main\n\nimport (\n\t"github.com/google/gopacket"\n\t"github.com/google/gopacket/pcap"\n)\n',
    });
    expect(readGoSources(pcap).cgoEvidence).toBe("the code imports github.com/google/gopacket/pcap");
    const layers = memoryContext({
      "go.mod": "module x\n\nrequire github.com/google/gopacket v1.1.19\n",
      "main.go": 'package main\n\nimport "github.com/google/gopacket/layers"\n',
    });
    expect(readGoSources(layers).cgo).toBe(false);
  });
  test("godotenv's and gotenv's autoload imports read .env", () => {
    for (const pkg of ["github.com/joho/godotenv/autoload", "github.com/subosito/gotenv/autoload"]) {
      const ctx = memoryContext({ "main.go": `package main\n\nimport _ "${pkg}"\n`, ".env": "A=1\n", "go.mod": "module x\n" });
      expect(readGoSources(ctx).reads).toEqual([".env"]);
    }
  });
  test("beego reads conf/, views/ and static/ of the working folder by convention", () => {
    const ctx = memoryContext({
      "main.go": 'package main\n\nimport "github.com/beego/beego/v2/server/web"\n\nfunc main() { web.Run() }\n',
      "conf/app.conf": "httpport = 8080\n",
      "views/index.tpl": "<p>{{.}}</p>\n",
      "go.mod": "module x\n",
    });
    expect([...readGoSources(ctx).reads].sort()).toEqual(["conf", "views"]);
  });
  test("cgo in a vendored package counts; its file reads do not", () => {
    const ctx = memoryContext({
      "main.go": "package main\n",
      "vendor/example.com/c/c.go": 'package c\nimport "C"\nfunc f() { os.ReadFile(name) }\n',
    });
    const s = readGoSources(ctx);
    expect(s.cgo).toBe(true);
    expect(s.dynamicRead).toBeNull();
  });
  test("cgo in a vendored package deep under vendor/ counts", () => {
    const ctx = memoryContext({
      "main.go": "package main\n",
      "vendor/github.com/acme/native/v2/internal/cbind/cbind.go": 'package cbind\n\n// int twice(int x) { return 2 * x; }\nimport "C"\n',
    });
    expect(readGoSources(ctx).cgoEvidence).toBe("vendor/github.com/acme/native/v2/internal/cbind/cbind.go");
  });
  test("cgo in a module go.mod replaces with a sibling or a dotted folder counts", () => {
    const cbind = 'package cbind\n\n// int twice(int x) { return 2 * x; }\nimport "C"\n';
    const sibling = memoryContext({
      "app/go.mod": "module example.com/app\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n",
      "app/main.go": "package main\n",
      "lib/go.mod": "module example.com/lib\n",
      "lib/cbind/cbind.go": cbind,
    });
    expect(readGoSources(sibling, "app").cgoEvidence).toBe("lib/cbind/cbind.go");
    const dotted = memoryContext({
      "go.mod": "module example.com/app\n\nreplace example.com/native => ./third_party/native-2.0.1\n",
      "main.go": "package main\n",
      "third_party/native-2.0.1/cbind/cbind.go": cbind,
    });
    expect(readGoSources(dotted).cgoEvidence).toBe("third_party/native-2.0.1/cbind/cbind.go");
  });
  test("a path out of the module's folder or an absolute one given to an opener is read", () => {
    const up = memoryContext({
      "app/go.mod": "module x\n",
      "app/main.go": 'package main\nvar t = template.Must(template.ParseGlob("../web/templates/*.html"))\n',
      "web/templates/index.html": "<h1>hi</h1>",
    });
    expect(readGoSources(up, "app").reads).toEqual(["../web/templates"]);
    const absolute = memoryContext({
      "go.mod": "module x\n",
      "main.go": 'package main\nvar t = template.Must(template.ParseGlob("/app/templates/*.html"))\nconst route = "/api/items"\n',
    });
    expect(readGoSources(absolute).reads).toEqual(["/app/templates"]);
  });
  test("loading Go packages through the toolchain at run time is found", () => {
    const load = (code: string) => readGoSources(memoryContext({ "go.mod": "module x\n", "main.go": code })).toolchainLoad;
    expect(load('package main\nimport "golang.org/x/tools/go/packages"\n')).toEqual({
      file: "main.go",
      api: "golang.org/x/tools/go/packages",
    });
    expect(load('package main\nimport "go/importer"\nvar imp = importer.Default()\n')).toEqual({
      file: "main.go",
      api: "go/importer.Default",
    });
    expect(load('package main\nimport "go/parser"\n')).toBeNull();
  });
  test("embedded files are not read from disk unless an opener names them", () => {
    const files = { "static/index.html": "<p>x</p>", "templates/a.tmpl": "{{.}}", "go.mod": "module x\n" };
    const embedOnly = memoryContext({
      ...files,
      "main.go":
        'package main\n\n//go:embed static templates/*.tmpl\nvar fsys embed.FS\nvar sub, _ = fs.Sub(fsys, "static")\nvar t = template.Must(template.ParseFS(fsys, "templates/*.tmpl"))\n',
    });
    expect(readGoSources(embedOnly).reads).toEqual([]);
    const alsoOpened = memoryContext({
      ...files,
      "main.go": 'package main\n\n//go:embed static\nvar fsys embed.FS\nvar h = http.FileServer(http.Dir("static"))\n',
    });
    expect(readGoSources(alsoOpened).reads).toEqual(["static"]);
  });
  test("files opened by literal paths, and computed ones", () => {
    const literal = memoryContext({
      "main.go":
        'package main\nvar t = template.Must(template.ParseGlob("templates/*.html"))\nvar fs = http.FileServer(http.Dir("./static"))\nvar s = "hello"\n',
      "templates/index.html": "<p>",
      "static/app.css": "p{}",
      "hello.txt": "not named",
    });
    expect(readGoSources(literal)).toMatchObject({ cgo: false, reads: ["templates", "static"], dynamicRead: null });
    const computed = memoryContext({ "main.go": 'package main\nfunc f() { os.ReadFile(os.Getenv("CONF")) }\n' });
    expect(readGoSources(computed).dynamicRead).toMatch(/main\.go/);
  });
});

describe("devPackageFor", () => {
  const installed = ["gcc", "libsqlite3-dev", "zlib1g-dev", "libssl-dev", "libyaml-dev"];
  test.each([
    ["sqlite3", "libsqlite3-dev"],
    ["z", "zlib1g-dev"],
    ["crypto", "libssl-dev"],
    ["yaml-0.1", "libyaml-dev"],
    ["pq", null],
  ])("%s → %s", (lib, dev) => expect(devPackageFor(lib, installed)).toBe(dev));
});

describe("importsC", () => {
  test("alone, first or later in a grouped import, after its preamble", () => {
    expect(importsC('package main\n\n// #include <stdio.h>\nimport "C"\n')).toBe(true);
    expect(
      importsC('package main\n\nimport (\n\t"fmt"\n\n\t// #cgo LDFLAGS: -lsqlite3\n\t// int f(void) { return (1); }\n\t"C"\n)\n'),
    ).toBe(true);
    expect(importsC('package main\n\nimport ("C"; "fmt")\n')).toBe(true);
    expect(importsC('package main\n\n/*\n#include <x.h>\n)\n*/\nimport "C"\n')).toBe(true);
  });
  test("not a string `C` elsewhere, nor a commented import", () => {
    expect(importsC('package main\n\nimport (\n\t"fmt"\n)\n\nvar s = []string{\n\t"C"\n}\n')).toBe(false);
    expect(importsC('package main\n\n// import "C"\nimport "fmt"\n')).toBe(false);
  });
});

test("viper with a computed name or folder reads the files it may find, or anything (red team 20 F2)", () => {
  const go = (body: string, files: Record<string, string> = {}) =>
    readGoSources(
      memoryContext({ "go.mod": "module x\n", "main.go": `package main\nfunc load(path, name string) {\n${body}\n}\n`, ...files }),
    );
  const both = go("viper.AddConfigPath(path)\nviper.SetConfigName(name)", { "conf/app.yaml": "a: 1\n" });
  expect(both.dynamicRead).toContain("viper.");
  expect(go("viper.SetConfigFile(path)").dynamicRead).toContain("SetConfigFile");
  const dir = go('viper.AddConfigPath(path)\nviper.SetConfigName("app")', {
    "app.env": "A=1\n",
    "deploy/app.yaml": "a: 1\n",
    "other.yaml": "",
  });
  expect(dir.dynamicRead).toBeNull();
  expect([...dir.reads].sort()).toEqual(["app.env", "deploy/app.yaml"]);
  const name = go('viper.AddConfigPath("conf")\nviper.SetConfigName(name)', { "conf/prod.yaml": "", "conf/dev.yaml": "", "x.yaml": "" });
  expect([...name.reads].sort()).toEqual(["conf", "conf/dev.yaml", "conf/prod.yaml"]);
  expect(go("viper.SetConfigName(name)", { "app.yaml": "" }).dynamicRead).toContain("SetConfigName");
});
