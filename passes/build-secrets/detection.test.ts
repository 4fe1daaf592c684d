import { describe, expect, test } from "vitest";
import { instruction } from "../../src/core/ir.js";
import {
  credentialFileId,
  declaredVariables,
  hasUrlCredentials,
  isSecretName,
  references,
  removedPaths,
  trailingRemoval,
  writtenPaths,
} from "./detection.js";

describe("secret-detection", () => {
  test("names", () => {
    for (const n of ["NPM_TOKEN", "GITHUB_TOKEN", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "API_KEY", "CLIENT_SECRET"])
      expect(isSecretName(n), n).toBe(true);
    for (const n of ["GPG_KEY", "PUBLIC_KEY", "KEY_ID", "NODE_VERSION", "TOKENIZER", "MONKEY"]) expect(isSecretName(n), n).toBe(false);
  });
  test("URL credentials", () => {
    expect(hasUrlCredentials("https://deploy:hunter2@pypi.example.com/simple")).toBe(true);
    expect(hasUrlCredentials("https://pypi.org/simple")).toBe(false);
    expect(hasUrlCredentials("git@github.com:acme/x.git")).toBe(false);
  });
  test("ARG and ENV variables", () => {
    expect(declaredVariables(instruction("ARG", "NPM_TOKEN"))).toEqual([{ name: "NPM_TOKEN", value: null }]);
    expect(declaredVariables(instruction("ENV", 'A=1 B="x y"'))).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: '"x y"' },
    ]);
    expect(declaredVariables(instruction("ENV", "TOKEN some value"))).toEqual([{ name: "TOKEN", value: "some value" }]);
    // Real files (the official cassandra image) continue a legacy ENV over comment lines and blanks after the escape.
    expect(declaredVariables(instruction("ENV", "GPG_KEYS \\\n# a key\n\tAAAA \\\n# another\n\tBBBB"))).toEqual([
      { name: "GPG_KEYS", value: "AAAA \tBBBB" },
    ]);
    expect(declaredVariables(instruction("ENV", "PASSWORD \\  \n  x"))).toEqual([{ name: "PASSWORD", value: "x" }]);
    expect(declaredVariables(instruction("ENV", "API_KEY `\n    abc"), "`")).toEqual([{ name: "API_KEY", value: "abc" }]);
    expect(declaredVariables(instruction("ENV", "A =1"))).toEqual([{ name: "A", value: "=1" }]);
  });
  test("references", () => {
    expect(references('echo "${NPM_TOKEN}"', "NPM_TOKEN")).toBe(true);
    expect(references("echo $NPM_TOKEN_X", "NPM_TOKEN")).toBe(false);
  });
  test("credential files", () => {
    expect(credentialFileId("/root/.npmrc")).toBe("npmrc");
    expect(credentialFileId("/root/.m2/settings.xml")).toBe("maven_settings");
    expect(credentialFileId("conf/settings.xml")).toBeNull();
  });
  test("trailing rm", () => {
    expect(trailingRemoval("npm ci \\\n && rm -f .npmrc")).toEqual({ path: ".npmrc", rest: "npm ci" });
    expect(trailingRemoval("rm /root/.npmrc")).toEqual({ path: "/root/.npmrc", rest: "" });
    expect(trailingRemoval("rm .npmrc && npm ci")).toBeNull();
  });
  test("written and removed paths", () => {
    expect(writtenPaths('echo "x" > ~/.npmrc && printf y | tee -a /root/.netrc')).toEqual(["~/.npmrc", "/root/.netrc"]);
    expect(removedPaths("npm ci && rm -rf a b; ls")).toEqual(["a", "b"]);
  });
});
