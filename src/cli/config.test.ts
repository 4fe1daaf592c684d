import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { UsageError } from "../core/errors.js";
import { CONFIG_SETTINGS, dockerHostsFor, findConfig, loadConfig, repeatedKey, resolveSettings } from "./config.js";
import { ROOT } from "../../test/support/golden.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "msb-config-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe(".msb-opt.json", () => {
  test("found upward from the Dockerfile, stopping at the repository root", () => {
    const root = tree({
      "repo/.git/HEAD": "",
      "repo/.msb-opt.json": "{}",
      "repo/svc/api/Dockerfile": "",
      ".msb-opt.json": "{}",
      "repo2/.git/HEAD": "",
      "repo2/x/Dockerfile": "",
    });
    expect(findConfig(join(root, "repo/svc/api"))).toBe(join(root, "repo/.msb-opt.json"));
    expect(findConfig(join(root, "repo2/x"))).toBeNull();
  });

  test("a batch's memo answers as the walk does, and walks each folder once", () => {
    const root = tree({
      "repo/.git/HEAD": "",
      "repo/.msb-opt.json": "{}",
      "repo/svc/api/Dockerfile": "",
      "repo/svc/web/Dockerfile": "",
      ".msb-opt.json": "{}",
      "repo2/.git/HEAD": "",
      "repo2/x/y/Dockerfile": "",
      "plain/a/Dockerfile": "",
    });
    const memo = new Map<string, string | null>();
    const dirs = ["repo/svc/api", "repo/svc/web", "repo/svc", "repo2/x/y", "repo2/x", "plain/a", "plain"].map((d) => join(root, d));
    for (const d of dirs) expect(findConfig(d, memo)).toBe(findConfig(d));
    expect(memo.get(join(root, "repo/svc"))).toBe(join(root, "repo/.msb-opt.json"));
    expect(memo.get(join(root, "repo2/x"))).toBeNull();
    expect(memo.get(join(root, "plain"))).toBe(join(root, ".msb-opt.json"));
    // A folder not asked for yet stops at the first folder the memo knows (a stale entry shows it).
    memo.set(join(root, "repo/svc"), "stale");
    expect(findConfig(join(root, "repo/svc/other"), memo)).toBe("stale");
  });

  test("precedence: flag over override over file over default", () => {
    const root = tree({
      ".git/HEAD": "",
      ".msb-opt.json": JSON.stringify({
        syntaxDirective: "never",
        cacheMounts: true,
        overrides: [{ files: "legacy/**", cacheMounts: false, syntaxDirective: "auto" }],
      }),
      "legacy/a/Dockerfile": "",
      "new/Dockerfile": "",
    });
    expect(resolveSettings(join(root, "new/Dockerfile"), {}, null, root).settings).toEqual({ syntaxDirective: "never", cacheMounts: true });
    expect(resolveSettings(join(root, "legacy/a/Dockerfile"), {}, null, root).settings).toEqual({
      syntaxDirective: "auto",
      cacheMounts: false,
    });
    expect(resolveSettings(join(root, "legacy/a/Dockerfile"), { cacheMounts: true }, null, root).settings).toEqual({
      syntaxDirective: "auto",
      cacheMounts: true,
    });
  });

  test.each([
    [{ foo: 1 }, "unknown key `foo`"],
    [{ overrides: [{ files: "x/**", nested: { a: 1 } }] }, "unknown key `overrides[0].nested`"],
    [{ pin: "latest" }, '`pin` must be one of "tag", "digest", "none"'],
    [{ cacheMounts: "yes" }, "`cacheMounts` must be true or false"],
    [{ skip: ["no-such-pass"] }, "`skip` names no pass: no-such-pass"],
    [{ overrides: [{ cacheMounts: true }] }, "`overrides[0].files` must be a glob or a list of globs"],
    [[1, 2], "must hold a JSON object"],
  ])("rejects %j naming the key path", (config, message) => {
    const root = tree({ ".msb-opt.json": JSON.stringify(config) });
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(UsageError);
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(message);
  });

  test("a byte order mark before the JSON is skipped; errors after it keep their line and column", () => {
    const root = tree({ ".msb-opt.json": '\uFEFF{ "skip": ["pin-tags"] }' });
    expect(loadConfig(join(root, ".msb-opt.json")).base).toEqual({ skip: ["pin-tags"] });
    const bad = tree({ ".msb-opt.json": '\uFEFF{\n  "cacheMounts": true,\n  }\n' });
    expect(() => loadConfig(join(bad, ".msb-opt.json"))).toThrow(`${join(bad, ".msb-opt.json")}:3:3: not valid JSON: `);
  });

  test("invalid JSON is reported by line and column", () => {
    const root = tree({ ".msb-opt.json": '{\n  "cacheMounts": true,\n  }\n' });
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(`${join(root, ".msb-opt.json")}:3:3: not valid JSON: `);
  });

  test("a key written twice is reported where it repeats, not silently dropped", () => {
    const root = tree({
      ".msb-opt.json": '{\n  "skip": ["pin-tags"],\n  "overrides": [{ "files": "a/*", "skip": [] }],\n  "skip": []\n}\n',
    });
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(
      `${join(root, ".msb-opt.json")}:4:3: \`skip\` is given twice in one object; JSON keeps only the last, so write it once`,
    );
  });

  test.each([
    ['{"a": {"b": 1}, "b": 2}', null],
    ['{"a": ["x", "x"], "c": "\\"a\\": 1"}', null],
    ['{"o": [{"k": 1, "k": 2}]}', { key: "k", offset: 16 }],
  ])("repeatedKey(%s)", (text, found) => expect(repeatedKey(text)).toEqual(found));

  test("the shipped JSON Schema lists exactly the settings the loader accepts", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schema/msb-opt.schema.json"), "utf8"));
    const keys = Object.keys(schema.properties).filter((k) => !["$schema", "overrides", "dockerHosts"].includes(k));
    expect(keys.sort()).toEqual(CONFIG_SETTINGS.map((e) => e.name).sort());
  });

  test("an error names the file and the line of the key", () => {
    const root = tree({
      ".msb-opt.json":
        '{\n  "skip": ["pin-tags"],\n  "overrides": [\n    { "files": "a/**", "pin": "tag" },\n    { "files": "b/**", "pin": "latest" }\n  ]\n}\n',
    });
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(`${join(root, ".msb-opt.json")}:5: \`overrides[1].pin\` must be one of`);
  });

  test("dockerHosts: daemon URLs and context names for the whole run, checked with file:line; flags win", () => {
    const ok = tree({ ".msb-opt.json": JSON.stringify({ dockerHosts: ["ssh://builder@build-1", "tcp://10.0.0.2:2376", "fleet-a"] }) });
    const config = loadConfig(join(ok, ".msb-opt.json"));
    expect(config.dockerHosts).toEqual(["ssh://builder@build-1", "tcp://10.0.0.2:2376", "fleet-a"]);
    expect(config.base).toEqual({});
    expect(dockerHostsFor([], config)).toEqual(config.dockerHosts);
    expect(dockerHostsFor(["unix:///run/user/1000/docker.sock"], config)).toEqual(["unix:///run/user/1000/docker.sock"]);
    expect(dockerHostsFor([], null)).toEqual([]);
    expect(() => dockerHostsFor(["http://x y"], config)).toThrow(UsageError);
    const bad = tree({ ".msb-opt.json": '{\n  "skip": [],\n  "dockerHosts": ["ssh://a", "not a host"]\n}\n' });
    expect(() => loadConfig(join(bad, ".msb-opt.json"))).toThrow(
      `${join(bad, ".msb-opt.json")}:3: \`dockerHosts\` names "not a host", which is neither a daemon URL`,
    );
    const empty = tree({ ".msb-opt.json": JSON.stringify({ dockerHosts: [] }) });
    expect(() => loadConfig(join(empty, ".msb-opt.json"))).toThrow("`dockerHosts` must be a non-empty list of Docker endpoints");
    const nested = tree({
      ".msb-opt.json": '{\n  "overrides": [\n    { "files": "a/**", "dockerHosts": ["x"] }\n  ]\n}\n',
    });
    expect(() => loadConfig(join(nested, ".msb-opt.json"))).toThrow(
      ":3: `overrides[0].dockerHosts`: the engines are chosen for the whole run",
    );
  });

  test("registryTimeoutMs is settable; runtimeBase is gone", () => {
    const ok = tree({ ".msb-opt.json": JSON.stringify({ registryTimeoutMs: 1500 }) });
    expect(loadConfig(join(ok, ".msb-opt.json")).base).toEqual({ registryTimeoutMs: 1500 });
    const bad = tree({ ".msb-opt.json": JSON.stringify({ runtimeBase: "slim" }) });
    expect(() => loadConfig(join(bad, ".msb-opt.json"))).toThrow("unknown key `runtimeBase`");
  });
});

describe("pass selection across sources", () => {
  const config = (json: object) => {
    const root = tree({ ".git/HEAD": "", ".msb-opt.json": JSON.stringify(json), "legacy/x/Dockerfile": "", "new/Dockerfile": "" });
    return { root, at: (path: string, cli = {}) => resolveSettings(join(root, path), cli, null, root).settings };
  };

  test("a flag beats the file: --passes X runs X although the file skips it", () => {
    const { at } = config({ skip: ["pin-tags", "merge-run"] });
    expect(at("new/Dockerfile", { passes: ["pin-tags"] })).toEqual({ passes: ["pin-tags"], skip: ["merge-run"] });
  });

  test("nothing left to run is an error naming both sources", () => {
    const { root, at } = config({ passes: ["merge-run"] });
    expect(() => at("new/Dockerfile", { skip: ["merge-run"] })).toThrow(
      `no pass left to run: \`${join(root, ".msb-opt.json")}\` selects merge-run, which the command line skips`,
    );
  });

  test("one source selecting and skipping the same pass is an error", () => {
    const { at } = config({});
    expect(() => at("new/Dockerfile", { passes: ["merge-run"], skip: ["merge-run"] })).toThrow(
      "the command line both selects and skips merge-run",
    );
    const root = tree({ ".msb-opt.json": JSON.stringify({ passes: ["merge-run"], skip: ["merge-run"] }) });
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow("`passes` and `skip` both name merge-run");
  });

  test("overrides merge with what they override: skip adds up, passes turns a pass back on", () => {
    const { at } = config({
      skip: ["pin-tags"],
      cacheMounts: true,
      overrides: [
        { files: "legacy/**", skip: ["split-stages"], cacheMounts: false },
        { files: "legacy/x/**", passes: ["pin-tags", "merge-run"] },
      ],
    });
    expect(at("new/Dockerfile")).toEqual({ skip: ["pin-tags"], cacheMounts: true });
    expect(at("legacy/y/Dockerfile")).toEqual({ skip: ["pin-tags", "split-stages"], cacheMounts: false });
    expect(at("legacy/x/Dockerfile")).toEqual({ passes: ["pin-tags", "merge-run"], skip: ["split-stages"], cacheMounts: false });
  });
});
