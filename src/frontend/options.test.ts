import { describe, expect, it } from "vitest";
import { UsageError } from "../core/errors.js";
import { SETTINGS } from "../core/pipeline.js";
import { edgesOf, kebab } from "../core/settings.js";
import { forwardedOptions, frontendOptsFromEnv } from "./options.js";
import { FRONTEND_SETTINGS, parseFrontendOptions } from "./settings.js";

describe("frontend options", () => {
  it("reads BUILDKIT_FRONTEND_OPT_* split at the first `=`", () => {
    const opts = frontendOptsFromEnv({
      BUILDKIT_FRONTEND_OPT_0: "build-arg:A=x=y",
      BUILDKIT_FRONTEND_OPT_1: "cmdline=localhost/msb-opt:dev passes=merge-run",
      BUILDKIT_FRONTEND_OPT_2: "no-cache=",
      BUILDKIT_SESSION_ID: "ignored",
    });
    expect(opts).toEqual({ "build-arg:A": "x=y", cmdline: "localhost/msb-opt:dev passes=merge-run", "no-cache": "" });
  });

  it("parses the syntax line after the image", () => {
    const o = parseFrontendOptions({
      cmdline:
        "localhost/msb-opt:dev passes=merge-run,pin-tags skip=split-stages inner=docker/dockerfile:1.7 fallback=original pin=none cache-mounts=true harden=true",
    });
    expect(o).toEqual({
      passes: ["merge-run", "pin-tags"],
      skip: ["split-stages"],
      inner: "docker/dockerfile:1.7",
      fallback: "original",
      pin: "none",
      cacheMounts: true,
      harden: true,
    });
  });

  it("has defaults when the line names only the image", () => {
    expect(parseFrontendOptions({ cmdline: "localhost/msb-opt:dev" })).toEqual({ fallback: "none" });
    expect(parseFrontendOptions({})).toEqual({ fallback: "none" });
  });

  it("lets MSB_OPT_* build-args win over the syntax line; passes=none runs no pass", () => {
    const o = parseFrontendOptions({
      cmdline: "img passes=merge-run fallback=original",
      "build-arg:MSB_OPT_PASSES": "none",
      "build-arg:MSB_OPT_CACHE_MOUNTS": "false",
    });
    expect(o).toEqual({ passes: [], fallback: "original", cacheMounts: false });
  });

  it("refuses unknown keys and values, naming what is known", () => {
    expect(() => parseFrontendOptions({ cmdline: "img pases=x" })).toThrow(/unknown option `pases` \(known: passes, skip/);
    expect(() => parseFrontendOptions({ cmdline: "img fallback=maybe" })).toThrow(UsageError);
    expect(() => parseFrontendOptions({ cmdline: "img verbose" })).toThrow(/options are key=value/);
    expect(() => parseFrontendOptions({ "build-arg:MSB_OPT_PIN": "latest" })).toThrow(
      'build-arg MSB_OPT_PIN: pin=latest: expected one of "tag", "digest", "none"',
    );
  });

  it("takes every setting the table exposes to the frontend, by its kebab-case name", () => {
    const o = parseFrontendOptions({
      cmdline: "img test-stage=true secrets=mount apt-no-recommends=true",
      "build-arg:MSB_OPT_HARDEN": "true",
    });
    expect(o).toEqual({ fallback: "none", testStage: true, secrets: "mount", aptNoRecommends: true, harden: true });
    const keys = FRONTEND_SETTINGS.map((e) => kebab(e.name));
    for (const e of SETTINGS) expect(keys.includes(kebab(e.name)), e.name).toBe(edgesOf(e.spec).includes("frontend"));
    expect(keys).toEqual(expect.arrayContaining(["test-stage", "secrets", "apt-no-recommends", "cache-mounts", "harden", "pin"]));
  });

  it("lets the build-args' passes win over the syntax line's skip; an impossible selection names both", () => {
    expect(parseFrontendOptions({ cmdline: "img skip=merge-run", "build-arg:MSB_OPT_PASSES": "merge-run" })).toEqual({
      fallback: "none",
      passes: ["merge-run"],
    });
    expect(() => parseFrontendOptions({ cmdline: "img passes=merge-run", "build-arg:MSB_OPT_SKIP": "merge-run" })).toThrow(
      "no pass left to run: the syntax line selects merge-run, which the MSB_OPT_* build-args skips",
    );
    expect(() => parseFrontendOptions({ cmdline: "img passes=nope" })).toThrow(
      /passes= on the syntax line: passes=nope: names no pass: nope/,
    );
  });

  it("forwards everything but the source, dockerfilekey and our build-args, keeping cmdline", () => {
    const received = {
      cmdline: "localhost/msb-opt:dev skip=pin-tags",
      source: "localhost/msb-opt:dev",
      dockerfilekey: "dockerfile",
      filename: "Other.Dockerfile",
      target: "base",
      "build-arg:MSB_OPT_SKIP": "merge-run",
      "build-arg:HTTP_PROXY": "x",
      "image-resolve-mode": "default",
    };
    expect(forwardedOptions(received, { replacesDockerfile: true })).toEqual({
      cmdline: "localhost/msb-opt:dev skip=pin-tags",
      filename: "Dockerfile",
      target: "base",
      "build-arg:HTTP_PROXY": "x",
      "image-resolve-mode": "default",
    });
  });

  it("sends an inner image through gateway.v0 options: source and cmdline name it", () => {
    const out = forwardedOptions(
      { cmdline: "msb inner=docker/dockerfile:1.7", source: "msb" },
      { inner: "docker/dockerfile:1.7", replacesDockerfile: true },
    );
    expect(out).toMatchObject({ source: "docker/dockerfile:1.7", cmdline: "docker/dockerfile:1.7", filename: "Dockerfile" });
  });

  it("always sets cmdline, so the inner dockerfile.v0 never calls msb-opt again", () => {
    expect(forwardedOptions({ source: "msb" }, { replacesDockerfile: true })).toHaveProperty("cmdline", "");
  });

  it("keeps the Dockerfile options for subrequests, which get the user's own file", () => {
    const out = forwardedOptions(
      { cmdline: "msb", source: "msb", dockerfilekey: "dockerfile", filename: "x.Dockerfile", requestid: "frontend.outline" },
      { replacesDockerfile: false },
    );
    expect(out).toEqual({ cmdline: "msb", dockerfilekey: "dockerfile", filename: "x.Dockerfile", requestid: "frontend.outline" });
  });
});

describe("the context's .msb-opt.json", () => {
  const file = (config: object, dockerfile: string | null = "Dockerfile") => ({ text: `\uFEFF${JSON.stringify(config)}`, dockerfile });
  it("lies under the syntax line and the build-args; settings the frontend lacks are left out", () => {
    const config = file({
      skip: ["pin-tags"],
      cacheMounts: false,
      writeDockerignore: true,
      overrides: [{ files: "Dockerfile", skip: ["merge-run"] }],
    });
    expect(parseFrontendOptions({ cmdline: "img" }, config)).toEqual({
      fallback: "none",
      cacheMounts: false,
      skip: ["pin-tags", "merge-run"],
    });
    expect(parseFrontendOptions({ cmdline: "img cache-mounts=true", "build-arg:MSB_OPT_PASSES": "merge-run" }, config)).toEqual({
      fallback: "none",
      cacheMounts: true,
      passes: ["merge-run"],
      skip: ["pin-tags"],
    });
  });
  it("overrides with the Dockerfile's place unknown: no rewrite, and why; a bad file fails as a bad option does", () => {
    expect(parseFrontendOptions({}, file({ overrides: [{ files: "a/*", skip: [] }] }, null)).unapplied).toMatch(/has `overrides`/);
    expect(parseFrontendOptions({}, file({ skip: ["merge-run"] }, null)).unapplied).toBeUndefined();
    expect(() => parseFrontendOptions({}, { text: '{"skip": "x"', dockerfile: null })).toThrow(/\.msb-opt\.json:1:\d+: not valid JSON/);
  });
});
