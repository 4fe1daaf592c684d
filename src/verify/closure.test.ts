// Closure probes on hand-made image file systems (the ELF file is this machine's /bin/ls), and the file
// and permission comparison of two images.
import { readFileSync, realpathSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { findings, keepFor, newFindings, shellCommands } from "./closure.js";
import { EMPTY_CONFIG } from "./contract.js";
import type { ImageConfig } from "./docker.js";
import { compareFiles, comparePermissions, userIds } from "./fs-diff.js";
import { type FsEntry, ImageFs } from "./image-fs.js";
import { largestVerifyingSet } from "./verify.js";

const LS = readFileSync(realpathSync("/bin/ls"));
const file = (data: string | Buffer | null, mode = 0o644, uid = 0): FsEntry => ({
  type: "file",
  mode,
  uid,
  gid: uid,
  size: data?.length ?? 0,
  link: null,
  data: data === null ? null : Buffer.from(data),
});
const dir = (mode = 0o755, uid = 0): FsEntry => ({ type: "dir", mode, uid, gid: uid, size: 0, link: null, data: null });
const link = (to: string): FsEntry => ({ type: "symlink", mode: 0o777, uid: 0, gid: 0, size: 0, link: to, data: null });

function image(entries: Record<string, FsEntry>): ImageFs {
  const fs = new ImageFs();
  for (const [p, e] of Object.entries(entries)) fs.entries.set(p, e);
  return fs;
}

const system = {
  "/bin": link("usr/bin"),
  "/usr": dir(),
  "/usr/bin": dir(),
  "/usr/bin/node": file("\x7fELF", 0o755),
  "/usr/bin/sh": file("\x7fELF", 0o755),
  "/usr/bin/npm": file("\x7fELF", 0o755),
  "/lib64": dir(),
  "/lib64/ld-linux-x86-64.so.2": file(null, 0o755),
  "/usr/lib/x86_64-linux-gnu": dir(),
  "/usr/lib/x86_64-linux-gnu/libc.so.6": file(null),
  "/usr/lib/x86_64-linux-gnu/libselinux.so.1": link("libselinux.so.1.0"),
  "/usr/lib/x86_64-linux-gnu/libselinux.so.1.0": file(null),
  "/etc/passwd": file("root:x:0:0::/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n"),
  "/etc/group": file("root:x:0:\nnode:x:1000:\n"),
};
const app = {
  "/app": dir(0o755, 1000),
  "/app/package.json": file(JSON.stringify({ scripts: { start: "NODE_ENV=production pm2-runtime server.js && echo done" } })),
  "/app/server.js": file(
    'const express = require("express");\nconst { execFile } = require("node:child_process");\nexecFile("convert", ["a.png"]);\n',
  ),
  "/app/bin/tool": file(LS, 0o755),
  "/app/node_modules": dir(),
  "/app/node_modules/.bin": dir(),
  "/app/node_modules/.bin/pm2-runtime": link("../pm2/bin/pm2-runtime"),
  "/app/node_modules/pm2/bin/pm2-runtime": file("#!/usr/bin/env node\n", 0o755),
  "/app/node_modules/express/index.js": file("module.exports = 1;\n"),
  "/app/node_modules/jest/index.js": file("module.exports = 1;\n"),
  "/usr/bin/convert": file("\x7fELF", 0o755),
};
// The entry runs `npm start` (its script is checked) after the server itself.
const config: ImageConfig = {
  ...EMPTY_CONFIG,
  Cmd: ["sh", "-c", "node server.js || npm start"],
  WorkingDir: "/app",
  User: "node",
  Env: ["PATH=/usr/bin:/bin"],
};
const view = (fs: ImageFs) => ({ fs, config, roots: ["/app"] });

describe("closure probes", () => {
  test("a complete image has no findings", () => {
    expect(findings(view(image({ ...system, ...app })))).toEqual([]);
  });

  test("a missing shared library, program, interpreter and module are found, each with its reason", () => {
    const broken = image({ ...system, ...app });
    for (const p of [
      "/usr/lib/x86_64-linux-gnu/libselinux.so.1.0",
      "/usr/bin/convert",
      "/usr/bin/node",
      "/app/node_modules/express/index.js",
    ])
      broken.entries.delete(p);
    const found = newFindings(findings(view(image({ ...system, ...app }))), findings(view(broken)));
    expect(found.map((f) => [f.id, f.data.library ?? f.data.program ?? f.data.module])).toEqual([
      ["missingLibrary", "libselinux.so.1"],
      ["missingProgram", "node"],
      ["missingInterpreter", "pm2-runtime"],
      ["missingProgram", "convert"],
      ["missingModule", "express"],
    ]);
  });

  test("a system library's own DT_NEEDED is followed: the library it needs in turn must be there too", () => {
    const elfInfo = (needed: string[]) => ({ interpreter: null, needed, rpath: [], runpath: [], machine: "x86_64" });
    const selinux = { ...file(null), elf: elfInfo(["libpcre2-8.so.0", "libc.so.6"]) };
    const pcre = { ...file(null), elf: elfInfo(["libc.so.6", "libselinux.so.1"]) };
    const whole = {
      ...system,
      ...app,
      "/usr/lib/x86_64-linux-gnu/libselinux.so.1.0": selinux,
      "/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0": pcre,
    };
    expect(findings(view(image(whole)))).toEqual([]);
    const broken = image(whole);
    broken.entries.delete("/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0");
    const found = newFindings(findings(view(image(whole))), findings(view(broken)));
    expect(found.map((f) => [f.id, f.data.file, f.data.via, f.data.library])).toEqual([
      ["missingLibraryOf", "/app/bin/tool", "/usr/lib/x86_64-linux-gnu/libselinux.so.1.0", "libpcre2-8.so.0"],
    ]);
  });

  test("a test file's import of a devDependency the split left behind is no finding", () => {
    const tests = {
      "/app/test": dir(),
      "/app/test/app.test.js": file('const request = require("supertest");\n'),
      "/app/src/__tests__/unit.js": file('const jest = require("jest");\n'),
      "/app/src/user.spec.js": file('import sinon from "sinon";\n'),
    };
    const withDev = image({ ...system, ...app, ...tests, "/app/node_modules/supertest/index.js": file("module.exports = 1;\n") });
    const pruned = image({ ...system, ...app, ...tests });
    pruned.entries.delete("/app/node_modules/jest/index.js");
    expect(newFindings(findings(view(withDev)), findings(view(pruned)))).toEqual([]);
    // The same import in the app's own code the server loads is one.
    const used = image({
      ...system,
      ...app,
      "/app/server.js": file('require("./lib");\n'),
      "/app/lib.js": file('require("supertest");\n'),
    });
    expect(findings(view(used)).map((f) => [f.id, f.data.module])).toContainEqual(["missingModule", "supertest"]);
  });

  test("what the original lacks too is no finding", () => {
    const fs = image({ ...system, ...app });
    fs.entries.delete("/usr/bin/convert");
    expect(newFindings(findings(view(fs)), findings(view(fs)))).toEqual([]);
  });

  test("shell commands: assignments, exec and control words skipped", () => {
    expect(shellCommands("A=1 exec tini -- node s.js; cd /x && ./run.sh | tee log")).toEqual(["tini", "./run.sh", "tee"]);
    // A HEALTHCHECK's `|| exit 1` runs no program called exit.
    expect(shellCommands("curl -fsS http://localhost:3000/ || exit 1; set -e; export A=1; . ./env.sh")).toEqual(["curl"]);
  });
});

describe("files and permissions", () => {
  test("a dropped devDependency is intended when declared, a missing app file is a difference", () => {
    const after = image({ ...system, ...app });
    after.entries.delete("/app/node_modules/jest/index.js");
    after.entries.delete("/app/server.js");
    const sides = [
      { fs: image({ ...system, ...app }), config },
      { fs: after, config },
    ] as const;
    const declared = compareFiles(["/app"], ...sides, { devDependenciesPruned: true, copied: null });
    expect(declared.map((r) => [r.kind, r.id])).toEqual([
      ["difference", "missingFiles"],
      ["intended", "droppedPackages"],
    ]);
    expect(compareFiles(["/app"], ...sides, { devDependenciesPruned: false, copied: null })[1].kind).toBe("difference");
  });

  test("a folder the build names anew on each run (Next's build id) is information, not a missing file", () => {
    const build = (id: string) => ({ [`/app/.next/static/${id}/_buildManifest.js`]: file("m"), "/app/.next/BUILD_ID": file(id) });
    const sides = [
      { fs: image({ ...system, ...app, ...build("Xk3_9aQpL2mZ0rT7bWc1d") }), config },
      { fs: image({ ...system, ...app, ...build("pQ8vN2e-J5hYt0sR4aZk1") }), config },
    ] as const;
    const reasons = compareFiles(["/app"], ...sides, { devDependenciesPruned: false, copied: null });
    expect(reasons.map((r) => [r.kind, r.id])).toEqual([["information", "renamedPerBuild"]]);
  });

  test("a file outside what a globbed COPY brings is build-only, one it brings is missing", () => {
    const files = { "/app/src/index.ts": file("s"), "/app/package.json": file("p") };
    const after = image({ ...system, ...app, ...files });
    after.entries.delete("/app/src/index.ts");
    after.entries.delete("/app/package.json");
    const sides = [
      { fs: image({ ...system, ...app, ...files }), config },
      { fs: after, config },
    ] as const;
    const reasons = compareFiles(["/app"], ...sides, { devDependenciesPruned: true, copied: ["/app/package*.json", "/app/dist"] });
    expect(reasons.map((r) => [r.kind, r.id, r.data.files])).toEqual([
      ["difference", "missingFiles", "`/app/package.json`"],
      ["intended", "buildOnlyFiles", expect.stringContaining("`/app/src/index.ts`")],
    ]);
  });

  test("files under a build cache a pass put on a cache mount are build-only, other missing files still differ", () => {
    const cache = { "/app/.next/cache/webpack/client-production/0.pack": file("p"), "/app/.next/server/page.js": file("s") };
    const after = image({ ...system, ...app, ...cache });
    after.entries.delete("/app/.next/cache/webpack/client-production/0.pack");
    after.entries.delete("/app/.next/server/page.js");
    const sides = [
      { fs: image({ ...system, ...app, ...cache }), config },
      { fs: after, config },
    ] as const;
    const reasons = compareFiles(["/app"], ...sides, {
      devDependenciesPruned: false,
      copied: null,
      buildCaches: ["/app/.next/cache/webpack"],
    });
    expect(reasons.map((r) => [r.kind, r.id, r.data.files])).toEqual([
      ["difference", "missingFiles", "`/app/.next/server/page.js`"],
      ["intended", "buildOnlyFiles", "`/app/.next/cache/webpack/client-production/0.pack`"],
    ]);
  });

  test("a working folder the user can no longer write is found", () => {
    const after = image({ ...system, ...app, "/app": dir(0o755, 0) });
    const reasons = comparePermissions(["/app"], { fs: image({ ...system, ...app }), config }, { fs: after, config });
    expect(reasons.map((r) => r.text)).toEqual([
      "`/app` is owned by 1000:1000 mode 0755 in the original and 0:0 mode 0755 in the optimized image.",
      "`/app` is writable by the image's user `node` in the original, not in the optimized image.",
    ]);
  });
});

describe("comparePermissions of a base image's working folder", () => {
  const root = { ...config, User: "" };
  const go = (mode: number) => image({ "/go": dir(mode, 0) });

  test("made anew by the runtime, its mode differs as intended while both run as root", () => {
    const reasons = comparePermissions(["/go"], { fs: go(0o1777), config: root }, { fs: go(0o755), config: root }, { baseFolder: "/go" });
    expect(reasons.map((r) => [r.kind, r.id])).toEqual([["intended", "baseFolderRemade"]]);
  });

  test("another folder, or another user, is still a difference", () => {
    const other = comparePermissions(["/go"], { fs: go(0o1777), config: root }, { fs: go(0o755), config: root }, { baseFolder: "/app" });
    expect(other.map((r) => [r.kind, r.id])).toEqual([["difference", "owner"]]);
    const asNode = { fs: image({ ...system, "/go": dir(0o755, 0) }), config: { ...config, User: "node" } };
    const user = comparePermissions(["/go"], { fs: image({ ...system, "/go": dir(0o1777, 0) }), config }, asNode, { baseFolder: "/go" });
    expect(user.map((r) => [r.kind, r.id])).toEqual([
      ["difference", "owner"],
      ["difference", "notWritable"],
    ]);
  });
});

describe("userIds", () => {
  test("root is uid 0 also in a file system read without /etc (verify reads it only for another USER)", () => {
    const noEtc = image({ "/app": dir(0o755, 0) });
    expect(userIds(noEtc, "").uid).toBe(0);
    expect(userIds(noEtc, "root:staff").uid).toBe(0);
    expect(userIds(noEtc, "node").uid).toBe(-1);
    // Root could write the folder in the original: an optimized image whose user cannot is still caught.
    const after = image({ ...system, "/app": dir(0o755, 0) });
    const reasons = comparePermissions(
      ["/app"],
      { fs: noEtc, config: { ...config, User: "" } },
      { fs: after, config: { ...config, User: "node" } },
    );
    expect(reasons.map((r) => r.id)).toEqual(["notWritable"]);
  });
});

describe("largestVerifyingSet", () => {
  test("drops the fewest passes, later ones first, and asks each set once", async () => {
    const asked: string[] = [];
    const r = await largestVerifyingSet(["a", "b", "c"], async (skip) => {
      asked.push(skip.join("+"));
      return skip.includes("a") && skip.includes("b");
    });
    expect(r).toEqual({ verifies: ["c"], skip: ["a", "b"] });
    expect(asked).toEqual(["c", "b", "a", "c+b", "c+a", "b+a"]);
  });
});

describe("npm scripts", () => {
  test("only the scripts the entry runs are checked: `npm run start:prod` does not run `start`", () => {
    const scripts = { start: "nest start", "start:prod": "node dist/main" };
    const fs = image({ ...system, ...app, "/app/package.json": file(JSON.stringify({ scripts })) });
    const run = (cmd: string[]) => findings({ fs, config: { ...config, Cmd: cmd }, roots: ["/app"] });
    expect(run(["npm", "run", "start:prod"]).filter((f) => f.data.program === "nest")).toEqual([]);
    expect(
      run(["npm", "start"])
        .filter((f) => f.data.program === "nest")
        .map((f) => f.data.by),
    ).toEqual(["the npm script `start`"]);
  });
});

describe("programs node_modules spawns count only where the app may run them", () => {
  const json = (value: unknown) => file(JSON.stringify(value));
  const git = { "/usr/bin/git": file("\x7fELF", 0o755) };
  const ps = { "/usr/bin/ps": file("\x7fELF", 0o755) };
  const run = (cmd: string[], original: Record<string, FsEntry>, optimized: Record<string, FsEntry>) => {
    const at = (fs: ImageFs) => ({
      fs,
      config: { ...config, Cmd: cmd, Env: ["PATH=/app/node_modules/.bin:/usr/bin:/bin"] },
      roots: ["/app"],
    });
    return newFindings(findings(at(image(original))), findings(at(image(optimized)))).map((f) => [f.id, f.data.program, f.data.by]);
  };

  // A Create React App served by `serve`: react-scripts' eject.js runs git, but only by hand.
  const cra = {
    "/app": dir(),
    "/app/package.json": file(JSON.stringify({ scripts: { start: "react-scripts start" } })),
    "/app/build/index.html": file("<html></html>"),
    "/app/build/static/js/main.js": file("(()=>{var e=1;console.log(e)})();\n"),
    "/app/src/index.js": file('import React from "react";\nimport App from "./App";\n'),
    "/app/src/App.js": file("export default function App() { return null; }\n"),
    "/app/node_modules/react/package.json": json({ main: "index.js" }),
    "/app/node_modules/react/index.js": file('module.exports = require("./cjs/react.production.min.js");\n'),
    "/app/node_modules/react/cjs/react.production.min.js": file(""),
    "/app/node_modules/.bin/serve": link("../serve/build/main.js"),
    "/app/node_modules/.bin/react-scripts": link("../react-scripts/bin/react-scripts.js"),
    "/app/node_modules/serve/package.json": json({ type: "module", bin: { serve: "./build/main.js" } }),
    "/app/node_modules/serve/build/main.js": file(
      '#!/usr/bin/env node\nimport handler from "serve-handler";\nimport chalk from "chalk";\n',
      0o755,
    ),
    "/app/node_modules/serve-handler/package.json": json({ main: "src/index.js" }),
    "/app/node_modules/serve-handler/src/index.js": file('const path = require("path");\nconst glob = require("./glob-slash");\n'),
    "/app/node_modules/serve-handler/src/glob-slash.js": file(""),
    "/app/node_modules/chalk/package.json": json({
      exports: "./source/index.js",
      imports: { "#supports-color": "./source/vendor/supports-color/index.js" },
    }),
    "/app/node_modules/chalk/source/index.js": file('import supports from "#supports-color";\n'),
    "/app/node_modules/chalk/source/vendor/supports-color/index.js": file(""),
    "/app/node_modules/react-scripts/package.json": json({ bin: { "react-scripts": "./bin/react-scripts.js" } }),
    "/app/node_modules/react-scripts/bin/react-scripts.js": file(
      "const result = spawn.sync(process.execPath, nodeArgs.concat(require.resolve('../scripts/' + script)));\n",
      0o755,
    ),
    "/app/node_modules/react-scripts/scripts/eject.js": file("execSync('git add -A', { stdio: 'ignore' });\n"),
    "/app/node_modules/react-scripts/scripts/start.js": file("const webpack = require('webpack');\n"),
  };

  test("the probes keep what the module graph reads: bins without an extension, shell scripts, the app's bundles", () => {
    const keep = keepFor(["/app"]);
    expect(keep("/app/node_modules/pm2/bin/pm2-runtime", 4000, 0o755)).toBe("whole");
    expect(keep("/usr/local/bin/docker-entrypoint.sh", 400, 0o755)).toBe("whole");
    expect(keep("/app/build/static/js/main.js", 3 << 20, 0o644)).toBe("whole");
    expect(keep("/app/node_modules/typescript/lib/typescript.js", 9 << 20, 0o644)).toBe("elf");
    expect(keep("/app/node_modules/pkg/README", 4000, 0o644)).toBe("elf");
  });

  test("a CRA served by `serve`: react-scripts' eject.js, which nothing loads, asks for no git", () => {
    expect(run(["serve", "-s", "build", "-l", "3000"], { ...system, ...git, ...cra }, { ...system, ...cra })).toEqual([]);
    // `npm start` runs `react-scripts start`, whose bin runs node on `'../scripts/' + script`: start.js, not eject.js.
    expect(run(["npm", "start"], { ...system, ...git, ...cra }, { ...system, ...cra })).toEqual([]);
    // Without a word naming one of its scripts, every script may run: eject.js counts, and the finding says why.
    expect(run(["react-scripts"], { ...system, ...git, ...cra }, { ...system, ...cra })).toEqual([
      ["missingProgramReachUnknown", "git", "`/app/node_modules/react-scripts/scripts/eject.js`"],
    ]);
  });

  test("a Python script inside a package (node-gyp's update-gyp.py) is no module node loads: its git is no finding", () => {
    const gyp = {
      ...cra,
      "/app/node_modules/node-gyp/update-gyp.py": file('subprocess.check_call(["git", "clone", url])\n'),
    };
    // The walk is lost (every script of react-scripts may run), yet only node code counts.
    expect(run(["react-scripts"], { ...system, ...git, ...gyp }, { ...system, ...gyp })).toEqual([
      ["missingProgramReachUnknown", "git", "`/app/node_modules/react-scripts/scripts/eject.js`"],
    ]);
    const withoutEject = { ...gyp, "/app/node_modules/react-scripts/scripts/eject.js": file("") };
    expect(run(["react-scripts"], { ...system, ...git, ...withoutEject }, { ...system, ...withoutEject })).toEqual([]);
  });

  test("corepack's pnpm copied into the runtime: what its own files run (node-gyp's git) serves installs, not the app", () => {
    const release = "/root/.cache/node/corepack/v1/pnpm/8.15.9";
    const files = {
      "/app": dir(),
      "/app/package.json": json({ scripts: { start: "next start" } }),
      "/app/node_modules/.bin/next": link("../next/dist/bin/next"),
      "/app/node_modules/next/package.json": json({ bin: { next: "./dist/bin/next" } }),
      // next's bin runs its command's module in another node process: the walk loses the thread there.
      "/app/node_modules/next/dist/bin/next": file(
        "#!/usr/bin/env node\nspawn(process.execPath, [require.resolve(commands[command])]);\n",
        0o755,
      ),
      "/root/.cache/node/corepack": dir(),
      "/usr/bin/pnpm": link(`${release}/dist/pnpm.cjs`),
      // pnpm's bundle names the node-gyp it runs for native installs; node-gyp's Python scripts sit beside it.
      [`${release}/dist/pnpm.cjs`]: file(
        '#!/usr/bin/env node\nconst gyp = require.resolve("./node_modules/node-gyp/bin/node-gyp.js");\n',
        0o755,
      ),
      [`${release}/dist/node_modules/node-gyp/package.json`]: json({ name: "node-gyp" }),
      [`${release}/dist/node_modules/node-gyp/bin/node-gyp.js`]: file("#!/usr/bin/env node\n", 0o755),
      [`${release}/dist/node_modules/node-gyp/update-gyp.py`]: file('subprocess.check_call(["git", "clone", url])\n'),
    };
    const at = (fs: ImageFs) => ({
      fs,
      config: { ...config, Cmd: ["pnpm", "start"], Env: ["PATH=/app/node_modules/.bin:/usr/bin:/bin"] },
      roots: ["/app", "/root/.cache/node/corepack"],
    });
    const found = newFindings(findings(at(image({ ...system, ...git, ...files }))), findings(at(image({ ...system, ...files }))));
    expect(found.map((f) => [f.id, f.data.program])).toEqual([]);
  });

  // tree-kill runs ps to find a process's children; the server loads it.
  const treeKill = {
    "/app": dir(),
    "/app/package.json": file(JSON.stringify({ dependencies: { "tree-kill": "1.2.2" } })),
    "/app/server.js": file('const kill = require("tree-kill");\nrequire("http").createServer().listen(3000);\n'),
    "/app/node_modules/tree-kill/package.json": json({ main: "index.js" }),
    "/app/node_modules/tree-kill/index.js": file(
      "var spawn = require('child_process').spawn;\nfunction children(parentPid) { return spawn('ps', ['-o', 'pid', '--no-headers', '--ppid', parentPid]); }\n",
    ),
  };

  test("a dependency the entry loads that spawns ps keeps its finding", () => {
    expect(run(["node", "server.js"], { ...system, ...ps, ...treeKill }, { ...system, ...treeKill })).toEqual([
      ["missingProgram", "ps", "`/app/node_modules/tree-kill/index.js`"],
    ]);
  });

  test("a dynamic require(x) in a reachable package keeps all its spawn mentions, each saying the walk lost the thread", () => {
    const plugins = {
      ...treeKill,
      "/app/server.js": file('const load = require("plugin-host");\n'),
      "/app/node_modules/plugin-host/package.json": json({ main: "index.js" }),
      "/app/node_modules/plugin-host/index.js": file("module.exports = (name) => require(name);\n"),
      "/app/node_modules/plugin-host/lib/processes.js": file("execFileSync('ps', ['-e']);\n"),
    };
    expect(run(["node", "server.js"], { ...system, ...ps, ...plugins }, { ...system, ...plugins })).toEqual([
      ["missingProgramReachUnknown", "ps", "`/app/node_modules/plugin-host/lib/processes.js`"],
    ]);
  });
});

describe("the app's own files import and spawn only where the entry reaches them", () => {
  const json = (value: unknown) => file(JSON.stringify(value));
  // Built with the devDependencies, then pruned: the original has webpack, the optimized image does not.
  const webpack = {
    "/app/node_modules/webpack/package.json": json({ main: "lib/index.js" }),
    "/app/node_modules/webpack/lib/index.js": file(""),
  };
  const git = { "/usr/bin/git": file("\x7fELF", 0o755) };
  const run = (cmd: string[], files: Record<string, FsEntry>) => {
    const at = (fs: ImageFs) => ({ fs, config: { ...config, Cmd: cmd }, roots: ["/app"] });
    return newFindings(findings(at(image({ ...system, ...git, ...files, ...webpack }))), findings(at(image({ ...system, ...files })))).map(
      (f) => [f.id, f.data.module ?? f.data.program, f.data.file ?? f.data.by, f.data.lost],
    );
  };
  const server = {
    "/app": dir(),
    "/app/server.js": file('require("./lib/build");\n'),
    "/app/lib/build.js": file('module.exports = require("webpack");\n'),
    // An ejected Create React App's config and scripts: the server never loads them.
    "/app/config/webpack.config.js": file('const webpack = require("webpack");\n'),
    "/app/scripts/deploy.js": file('execSync("git push");\n'),
  };

  test("a file the entry loads that imports a pruned package is a finding; files nothing loads are none", () => {
    expect(run(["node", "server.js"], server)).toEqual([["missingModule", "webpack", "/app/lib/build.js", undefined]]);
  });

  test("an ejected CRA served by `serve`: its config's webpack and its scripts' git are no finding", () => {
    const served = {
      ...server,
      "/app/node_modules/.bin/serve": link("../serve/main.js"),
      "/app/node_modules/serve/main.js": file('#!/usr/bin/env node\nrequire("http");\n', 0o755),
    };
    expect(run(["serve", "-s", "build"], served)).toEqual([]);
  });

  test("`npm start`: npm's own computed requires run commands, not the app's files", () => {
    const npm = {
      ...server,
      "/app/package.json": file(JSON.stringify({ scripts: { start: "node server.js" } })),
      "/usr/bin/npm": link("../lib/node_modules/npm/bin/npm-cli.js"),
      "/usr/lib/node_modules/npm/bin/npm-cli.js": file("#!/usr/bin/env node\nrequire(`../lib/${entry}`);\nrequire(cliEntry);\n", 0o755),
    };
    expect(run(["npm", "start"], npm)).toEqual([["missingModule", "webpack", "/app/lib/build.js", undefined]]);
    // The node image's yarn: a shell script that runs `node "$basedir/yarn.js"`.
    const yarn = {
      ...npm,
      "/usr/bin/yarn": link("/opt/yarn-v1/bin/yarn"),
      "/opt/yarn-v1/bin/yarn": file('#!/bin/sh\nexec node "$basedir/yarn.js" "$@"\n', 0o755),
    };
    expect(run(["yarn", "start"], yarn)).toEqual([["missingModule", "webpack", "/app/lib/build.js", undefined]]);
  });

  test("a computed require in the app: every file of the app counts, and the finding says where the graph was lost", () => {
    const plugins = { ...server, "/app/server.js": file("for (const p of process.argv) require(p);\n") };
    expect(run(["node", "server.js"], plugins)).toEqual([
      ["missingModuleReachUnknown", "webpack", "/app/lib/build.js", "/app/server.js"],
      ["missingProgramReachUnknown", "git", "`/app/scripts/deploy.js`", "/app/server.js"],
    ]);
  });

  test("a variable naming the script (`node $ENTRY`) loses the thread too", () => {
    expect(run(["sh", "-c", "node $ENTRY"], server).map((f) => [f[0], f[3]])).toContainEqual(["missingModuleReachUnknown", "$ENTRY"]);
  });

  test("`require('./routes/' + name)` in the app loads every file of that folder, and only those", () => {
    const routes = {
      ...server,
      "/app/server.js": file("for (const name of names) require('./lib/' + name);\n"),
    };
    expect(run(["node", "server.js"], routes)).toEqual([["missingModule", "webpack", "/app/lib/build.js", undefined]]);
  });
});
