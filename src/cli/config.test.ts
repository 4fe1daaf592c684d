import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, findConfig, loadConfig, resolveSettings, SETTING_CHECKS } from "./config.js";
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
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(ConfigError);
    expect(() => loadConfig(join(root, ".msb-opt.json"))).toThrow(message);
  });

  test("the shipped JSON Schema lists exactly the settings the loader accepts", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schema/msb-opt.schema.json"), "utf8"));
    const keys = Object.keys(schema.properties).filter((k) => k !== "$schema" && k !== "overrides");
    expect(keys.sort()).toEqual(Object.keys(SETTING_CHECKS).sort());
  });
});
