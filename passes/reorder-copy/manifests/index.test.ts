import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { isManifestName, manifestsFor } from "./index.js";
import { requirementReferences } from "./python.js";
import { withDockerignore } from "../../../src/core/dockerignore.js";
import type { Ecosystem, InstallStep } from "../install-commands.js";

const step = (ecosystem: Ecosystem, args: string[] = [], files: string[] = []): InstallStep => ({
  ecosystem,
  command: ecosystem,
  args,
  files,
  env: new Map(),
});
const needs = (
  files: Record<string, string>,
  s: InstallStep,
  dir = "",
  root: string | null = null,
  env: Record<string, string | null> = {},
) => manifestsFor(s, withDockerignore(memoryContext(files)), { dir, contextRoot: root, env: new Map(Object.entries(env)) });

describe("npm, yarn, pnpm", () => {
  test("package.json and the lockfiles present", () => {
    expect(needs({ "package.json": "{}", "yarn.lock": "", "src/a.js": "" }, step("yarn", ["--frozen-lockfile"]))).toEqual({
      ok: true,
      paths: ["package.json", "yarn.lock"],
      outputs: [],
      reads: [],
    });
  });
  test("an install that may write the lockfile again says so; npm ci and frozen installs do not (red team 18 F5)", () => {
    const files = { "package.json": "{}", "package-lock.json": "{}", "yarn.lock": "", "pnpm-lock.yaml": "" };
    const rewrites = (s: InstallStep, extra: Record<string, string> = {}) => {
      const r = needs({ ...files, ...extra }, s);
      return r.ok ? (r.rewrites ?? []).map((w) => w.path) : null;
    };
    const npm = (...args: string[]): InstallStep => ({ ...step("npm", args), command: `npm ${args[0]}` });
    // npm 7+ keeps a yarn.lock beside package-lock.json up to date too.
    expect(rewrites(npm("install"))).toEqual(["package-lock.json", "yarn.lock"]);
    expect(rewrites(npm("ci"))).toEqual([]);
    expect(rewrites(npm("install", "--no-package-lock"))).toEqual([]);
    expect(rewrites(npm("install"), { ".npmrc": "package-lock=false\n" })).toEqual([]);
    expect(rewrites({ ...step("yarn"), command: "yarn install" })).toEqual(["yarn.lock"]);
    expect(rewrites({ ...step("yarn", ["install", "--immutable"]), command: "yarn install" })).toEqual([]);
    expect(rewrites({ ...step("yarn"), command: "yarn" }, { ".yarnrc": "--install.frozen-lockfile true\n" })).toEqual([]);
    expect(rewrites({ ...step("pnpm", ["install"]), command: "pnpm install" })).toEqual(["pnpm-lock.yaml"]);
    expect(rewrites({ ...step("pnpm", ["install", "--frozen-lockfile"]), command: "pnpm install" })).toEqual([]);
  });
  test("an ignored lockfile is not in the context", () => {
    const r = needs({ "package.json": "{}", "package-lock.json": "{}", ".dockerignore": "package-lock.json\n" }, step("npm"));
    expect(r.ok && r.paths).toEqual(["package.json"]);
  });
  test("a missing package.json is a refusal", () => {
    const r = needs({ "src/a.js": "" }, step("npm"));
    expect(r.ok).toBe(false);
  });
  test("install hooks refuse unless scripts are ignored or it is patch-package", () => {
    const pkg = JSON.stringify({ scripts: { prepare: "husky install" } });
    expect(needs({ "package.json": pkg }, step("npm")).ok).toBe(false);
    expect(needs({ "package.json": pkg }, step("npm", ["ci", "--ignore-scripts"])).ok).toBe(true);
    expect(needs({ "package.json": pkg, ".npmrc": "ignore-scripts=true\n" }, step("npm")).ok).toBe(true);
    const patch = JSON.stringify({ scripts: { postinstall: "patch-package" } });
    const r = needs({ "package.json": patch, "patches/a.patch": "" }, step("npm"));
    expect(r.ok && r.paths).toEqual(["package.json", "patches"]);
  });
  test("workspaces: each package.json with its path, negations honoured, hooks checked", () => {
    const files = {
      "package.json": JSON.stringify({ workspaces: ["apps/*", "libs/**", "!apps/old"] }),
      "apps/web/package.json": "{}",
      "apps/old/package.json": "{}",
      "libs/ui/button/package.json": "{}",
      "apps/notapkg/readme.md": "",
    };
    const r = needs(files, step("npm"));
    expect(r.ok && r.paths).toEqual(["package.json", "apps/web/package.json", "libs/ui/button/package.json"]);
    const hooked = { ...files, "apps/web/package.json": JSON.stringify({ scripts: { postinstall: "node gen.js" } }) };
    expect(needs(hooked, step("npm"))).toMatchObject({
      ok: false,
      refusal: { id: "lifecycleScript", data: { path: "apps/web/package.json" } },
    });
  });
  test("file: dependencies are copied, and refused outside the context", () => {
    const r = needs(
      { "package.json": JSON.stringify({ dependencies: { x: "file:./vendor/x" } }), "vendor/x/package.json": "{}" },
      step("npm"),
    );
    expect(r.ok && r.paths).toEqual(["package.json", "vendor/x"]);
    expect(needs({ "package.json": JSON.stringify({ dependencies: { x: "file:../x" } }) }, step("npm")).ok).toBe(false);
  });
  test("a bare path spec (`./vendor/x.tgz`, `../lib`) is local like `file:`; `~/` and `/` are outside", () => {
    const pkg = (spec: string) => JSON.stringify({ dependencies: { x: spec } });
    const tgz = needs({ "package.json": pkg("./vendor/x-1.0.0.tgz"), "vendor/x-1.0.0.tgz": "" }, step("npm"));
    expect(tgz.ok && tgz.paths).toEqual(["package.json", "vendor/x-1.0.0.tgz"]);
    const up = needs({ "app/package.json": pkg("../lib"), "lib/package.json": "{}" }, step("npm"), "app");
    expect(up.ok && up.paths).toEqual(["app/package.json", "lib"]);
    for (const spec of ["../x", "~/x", "/opt/x"])
      expect(needs({ "package.json": pkg(spec) }, step("npm"))).toMatchObject({ refusal: { id: "localDependencyMissing" } });
    expect(needs({ "package.json": pkg("user/repo") }, step("npm")).ok).toBe(true);
  });
  test("a workspace or local folder with `bin` refuses: the install links and chmods its files", () => {
    const files = {
      "package.json": JSON.stringify({ workspaces: ["packages/*"] }),
      "packages/tools/package.json": JSON.stringify({ bin: { stamp: "bin/stamp.js" } }),
      "packages/tools/bin/stamp.js": "",
    };
    expect(needs(files, step("npm"))).toMatchObject({
      ok: false,
      refusal: { id: "localPackageBin", data: { path: "packages/tools/package.json" } },
    });
    const dirs = { ...files, "packages/tools/package.json": JSON.stringify({ directories: { bin: "bin" } }) };
    expect(needs(dirs, step("npm"))).toMatchObject({ refusal: { id: "localPackageBin" } });
    const local = {
      "package.json": JSON.stringify({ dependencies: { t: "file:tools" } }),
      "tools/package.json": JSON.stringify({ bin: "cli.js" }),
    };
    expect(needs(local, step("npm"))).toMatchObject({ refusal: { id: "localPackageBin" } });
    // The root's own `bin` is not linked by a local install.
    expect(needs({ "package.json": JSON.stringify({ bin: "cli.js" }) }, step("npm")).ok).toBe(true);
  });
  test("yarn's offline mirror, a kept cache and .yarnclean are copied with the manifests", () => {
    const files = {
      "package.json": "{}",
      "yarn.lock": "",
      ".yarnclean": "test\n",
      ".yarnrc": 'yarn-offline-mirror "./npm-packages-offline-cache"\nyarn-offline-mirror-pruning true\n',
      "npm-packages-offline-cache/ms-2.1.3.tgz": "",
    };
    const r = needs(files, step("yarn"));
    expect(r.ok && r.paths).toEqual(["package.json", "yarn.lock", ".yarnrc", ".yarnclean", "npm-packages-offline-cache"]);
    // A mirror the context lacks is made by the install: nothing to copy.
    const made = needs({ "package.json": "{}", ".yarnrc": "yarn-offline-mirror ./mirror\n" }, step("yarn"));
    expect(made.ok && made.paths).toEqual(["package.json", ".yarnrc"]);
    const npm = needs({ "package.json": "{}", ".npmrc": "cache=.npm-cache\n", ".npmrc-x": "", ".npm-cache/_cacache/x": "" }, step("npm"));
    expect(npm.ok && npm.paths).toEqual(["package.json", ".npmrc", ".npm-cache"]);
    const berry = needs({ "package.json": "{}", ".yarnrc.yml": "cacheFolder: ./offline\n", "offline/a.zip": "" }, step("yarn"));
    expect(berry.ok && berry.paths).toEqual(["package.json", ".yarnrc.yml", "offline"]);
    const out = needs({ "package.json": "{}", ".yarnrc": "yarn-offline-mirror ../mirror\n" }, step("yarn"));
    expect(out).toMatchObject({ refusal: { id: "configOutsideContext" } });
  });
  test("node_modules in the context is an output that COPY . would bring back", () => {
    const r = needs({ "package.json": "{}", "node_modules/a/index.js": "" }, step("npm"));
    expect(r.ok && r.outputs).toEqual(["node_modules"]);
  });
  test("a subfolder install reads the subfolder's manifests", () => {
    const r = needs({ "web/package.json": "{}", "web/package-lock.json": "{}", "package.json": "{}" }, step("npm"), "web");
    expect(r.ok && r.paths).toEqual(["web/package.json", "web/package-lock.json"]);
  });
});

describe("pip", () => {
  test("follows -r and -c includes relative to the including file", () => {
    const files = {
      "requirements/prod.txt": "-r base.txt\n-c ../constraints.txt\nflask\n",
      "requirements/base.txt": "requests\n",
      "constraints.txt": "",
    };
    const r = needs(files, step("pip", [], ["requirements/prod.txt"]));
    expect(r.ok && r.paths).toEqual(["requirements/prod.txt", "requirements/base.txt", "constraints.txt"]);
  });
  test("absolute paths map through where the context was copied", () => {
    const r = needs({ "req.txt": "" }, step("pip", [], ["/app/req.txt"]), "", "/app");
    expect(r.ok && r.paths).toEqual(["req.txt"]);
    expect(needs({ "req.txt": "" }, step("pip", [], ["/other/req.txt"]), "", "/app").ok).toBe(false);
  });
  test("PIP_CONFIG_FILE: its find-links folder is copied, its requirement and constraint files followed", () => {
    const files = {
      "pip.conf": "[global]\nno-index = true\nfind-links = /app/wheels\n[install]\nconstraint = c.txt  # pinned\n",
      "wheels/mylib-1.0-py3-none-any.whl": "",
      "requirements.txt": "mylib==1.0\n",
      "c.txt": "",
    };
    const env = { PIP_CONFIG_FILE: "/app/pip.conf" };
    const r = needs(files, step("pip", [], ["requirements.txt"]), "", "/app", env);
    expect(r.ok && r.paths).toEqual(["pip.conf", "wheels", "requirements.txt", "c.txt"]);
    const multi = { ...files, "pip.conf": "[global]\nfind-links =\n    https://x/simple\n    wheels\n" };
    const m = needs(multi, step("pip", [], ["requirements.txt"]), "", "/app", env);
    expect(m.ok && m.paths).toEqual(["pip.conf", "wheels", "requirements.txt"]);
    for (const conf of [
      "[global]\nfind-links = /opt/wheels\n",
      "[global]\nindex-url = file:///app/simple\n",
      "[global]\nfind_links = $W\n",
    ])
      expect(needs({ ...files, "pip.conf": conf }, step("pip", [], ["requirements.txt"]), "", "/app", env)).toMatchObject({
        refusal: { id: "pipConfigLocal" },
      });
    const missing = { ...files, "pip.conf": "[global]\nfind-links = other\n" };
    expect(needs(missing, step("pip", [], ["requirements.txt"]), "", "/app", env)).toMatchObject({ refusal: { id: "configFileMissing" } });
    const remote = { ...files, "pip.conf": "[global]\nindex-url = https://pypi.example/simple\n" };
    expect(needs(remote, step("pip", [], ["requirements.txt"]), "", "/app", env).ok).toBe(true);
  });
  test("a pip.conf a COPY puts at /etc/pip.conf is read like PIP_CONFIG_FILE's", () => {
    const files = { "ci/pip.conf": "[global]\nfind-links = /app/wheels\n", "wheels/a.whl": "", "requirements.txt": "a\n" };
    const site = (dest: string) => ({ dir: "", contextRoot: "/app", env: new Map(), configCopies: [{ source: "ci/pip.conf", dest }] });
    const r = manifestsFor(step("pip", [], ["requirements.txt"]), withDockerignore(memoryContext(files)), site("/etc/pip.conf"));
    expect(r.ok && r.paths).toEqual(["wheels", "requirements.txt"]);
    // Another installer's configuration is not pip's.
    const other = manifestsFor(step("pip", [], ["requirements.txt"]), withDockerignore(memoryContext(files)), site("/root/.npmrc"));
    expect(other.ok && other.paths).toEqual(["requirements.txt"]);
  });
  test("a missing file refuses", () => expect(needs({}, step("pip", [], ["requirements.txt"])).ok).toBe(false));
  test.each([
    ["-e .\n", false],
    ["./pkg\n", false],
    ["x @ file:///src/x\n", false],
    ["--find-links ./wheels\nx\n", false],
    ["flask==3 # pinned\n--index-url https://x/simple\nx @ https://h/x.whl\n", true],
  ])("%j → ok %s", (text, ok) => expect(requirementReferences(text).ok).toBe(ok));
});

describe("other ecosystems", () => {
  test("go: go.mod and go.sum, the go.mod of a local replacement; refuses one outside the context and workspaces", () => {
    expect(needs({ "go.mod": "module a\n", "go.sum": "" }, step("go"))).toEqual({
      ok: true,
      paths: ["go.mod", "go.sum"],
      outputs: [],
      reads: [],
    });
    expect(needs({ "go.mod": "module a\nreplace b => ../b\n" }, step("go")).ok).toBe(false);
    const replaced = {
      "go.mod": "module a\nreplace (\n\tb v1.0.0 => ./lib/b // local\n)\n",
      "lib/b/go.mod": "module b\n",
      "lib/b/b.go": "",
    };
    expect(needs(replaced, step("go"))).toMatchObject({ ok: true, paths: ["go.mod", "lib/b/go.mod"] });
    expect(needs({ "go.mod": "module a\nreplace b => ./lib/b\n" }, step("go"))).toMatchObject({
      ok: false,
      refusal: { id: "goReplaceOutside" },
    });
    expect(needs({ "svc/go.mod": "module a\n", "go.work": "" }, step("go"), "svc")).toMatchObject({ refusal: { id: "goWorkspace" } });
    expect(needs({ "go.mod": "module a\n", "go.work": "" }, step("go")).ok).toBe(false);
    // `ARG GOPROXY` without a default is common and names a URL; a file proxy folder is read like a config file.
    expect(needs({ "go.mod": "module a\n" }, step("go"), "", "/src", { GOPROXY: null, GOFLAGS: null }).ok).toBe(true);
    expect(needs({ "go.mod": "module a\n" }, step("go"), "", "/src", { GOPROXY: "file:///goproxy,off" })).toMatchObject({
      reads: ["/goproxy"],
    });
    expect(needs({ "go.mod": "module a\n" }, step("go"), "", "/src", { GOFLAGS: "-modfile=ci/go.mod" })).toMatchObject({
      refusal: { id: "configFileMissing" },
    });
  });
  test("poetry, pipenv, uv refuse local path dependencies", () => {
    expect(needs({ "pyproject.toml": "[x]\nlib = { path = '../lib' }\n" }, step("poetry")).ok).toBe(false);
    expect(needs({ Pipfile: "[packages]\nx = {path = '.'}\n" }, step("pipenv")).ok).toBe(false);
    expect(needs({ "pyproject.toml": "[tool.uv.workspace]\nmembers = ['a']\n" }, step("uv")).ok).toBe(false);
    expect(needs({ "pyproject.toml": "[project]\n", "uv.lock": "" }, step("uv"))).toEqual({
      ok: true,
      paths: ["pyproject.toml", "uv.lock"],
      outputs: [],
      reads: [],
    });
  });
  test("bundler refuses gemspec; composer refuses path repositories", () => {
    expect(needs({ Gemfile: "source 'x'\ngemspec\n" }, step("bundler")).ok).toBe(false);
    expect(needs({ "composer.json": '{"repositories":[{"type": "path","url":"../x"}]}' }, step("composer")).ok).toBe(false);
    expect(needs({ Gemfile: "gem 'rack'\n", "Gemfile.lock": "" }, step("bundler"))).toEqual({
      ok: true,
      paths: ["Gemfile", "Gemfile.lock"],
      outputs: [],
      reads: [],
    });
  });
});

describe("maven and dotnet", () => {
  test("maven: settings named in .mvn/maven.config or MAVEN_ARGS are copied", () => {
    const files = { "pom.xml": "<project/>", ".mvn/maven.config": "-B --settings ci/settings.xml\n", "ci/settings.xml": "<settings/>" };
    expect(needs(files, step("maven"))).toMatchObject({ ok: true, paths: ["pom.xml", ".mvn", "ci/settings.xml"] });
    const env = { MAVEN_ARGS: "-s /usr/share/maven/ref/settings-docker.xml" };
    expect(needs({ "pom.xml": "<project/>" }, step("maven"), "", "/app", env)).toMatchObject({
      reads: ["/usr/share/maven/ref/settings-docker.xml"],
    });
  });
  test("maven: pom.xml with the wrapper; refuses multi-module builds", () => {
    const r = needs({ "pom.xml": "<project/>", mvnw: "#!/bin/sh", ".mvn/wrapper/maven-wrapper.properties": "" }, step("maven"));
    expect(r.ok && r.paths).toEqual(["pom.xml", "mvnw", ".mvn"]);
    expect(needs({ "pom.xml": "<project><modules><module>a</module></modules></project>" }, step("maven")).ok).toBe(false);
  });
  test("dotnet: project references with their paths, shared files up the tree, obj as an output", () => {
    const files = {
      "Api/Api.csproj": '<Project><ItemGroup><ProjectReference Include="..\\Lib\\Lib.csproj" /></ItemGroup></Project>',
      "Lib/Lib.csproj": "<Project/>",
      "Lib/packages.lock.json": "{}",
      "Directory.Packages.props": "<Project/>",
      "Api/obj/project.assets.json": "{}",
    };
    const r = needs(files, step("dotnet", [], ["Api/Api.csproj"]));
    expect(r).toEqual({
      ok: true,
      paths: ["Api/Api.csproj", "Lib/Lib.csproj", "Lib/packages.lock.json", "Directory.Packages.props"],
      outputs: ["Api/obj"],
      reads: [],
    });
  });
  test("dotnet: refuses local MSBuild imports and a missing project", () => {
    expect(needs({ "A.csproj": '<Project><Import Project="build/common.targets" /></Project>' }, step("dotnet")).ok).toBe(false);
    expect(needs({ "src/a.cs": "" }, step("dotnet")).ok).toBe(false);
  });
});

describe("isManifestName", () => {
  test.each([
    ["package.json", true],
    ["package*.json", true],
    ["requirements*.txt", true],
    ["requirements-dev.txt", true],
    ["*.lock", true],
    ["tsconfig.json", false],
    ["src", false],
    ["*.js", false],
  ])("%s → %s", (name, expected) => expect(isManifestName(name)).toBe(expected));
});
