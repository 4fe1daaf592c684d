// The contract judged by what each Dockerfile controls, with the Go service's real configs (golang build image,
// distroless static runtime) as the case that used to be a false alarm.
import { describe, expect, test } from "vitest";
import { compareContracts, EMPTY_CONFIG } from "./contract.js";
import type { ImageConfig } from "./docker.js";

const golang: ImageConfig = {
  ...EMPTY_CONFIG,
  Env: ["PATH=/usr/local/go/bin:/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go", "GOTOOLCHAIN=local"],
  WorkingDir: "/go",
  Labels: { "org.opencontainers.image.source": "golang" },
};
const staticBase: ImageConfig = {
  ...EMPTY_CONFIG,
  Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  User: "65532:65532",
  WorkingDir: "/",
};
const service = (base: ImageConfig, extra: Partial<ImageConfig> = {}): ImageConfig => ({
  ...base,
  WorkingDir: "/src",
  Entrypoint: ["/app/server"],
  ExposedPorts: { "8080/tcp": {} },
  ...extra,
});

describe("compareContracts", () => {
  test("the Go split: what differs only because the base differs is intended when the pass declared the runtime base", () => {
    const reasons = compareContracts(
      { config: service(golang), base: golang },
      { config: service(staticBase, { User: "root" }), base: staticBase },
      { runtimeBase: { build: "golang:1.22", runtime: "gcr.io/distroless/static-debian12" } },
    );
    expect(reasons.map((r) => [r.kind, r.id])).toEqual([["intended", "runtimeBase"]]);
    expect(reasons[0].text).toContain("`GOPATH`");
    expect(reasons[0].text).toContain("`GOTOOLCHAIN`");
    expect(reasons[0].text).toContain("org.opencontainers.image.source");
  });

  test("without a declaration, base differences are information, never a difference", () => {
    const reasons = compareContracts(
      { config: service(golang), base: golang },
      { config: service(staticBase, { User: "root" }), base: staticBase },
    );
    expect(reasons.every((r) => r.kind === "information")).toBe(true);
    expect(reasons.map((r) => r.id)).toContain("envInherited");
  });

  test("what the Dockerfile set must match: ENV, ENTRYPOINT, a user the runtime base changes", () => {
    const reasons = compareContracts(
      { config: service(golang, { Env: [...golang.Env!, "MODE=prod"] }), base: golang },
      { config: service(staticBase, { Entrypoint: ["/server"] }), base: staticBase },
    );
    const differences = reasons.filter((r) => r.kind === "difference").map((r) => r.text);
    expect(differences).toContain(
      'The Dockerfile sets Entrypoint to `["/app/server"]` in the original and `["/server"]` in the optimized image.',
    );
    expect(differences).toContain("The Dockerfile sets `MODE` to `prod` in the original and `` in the optimized image.");
    // The runtime base runs as 65532 and the rewrite did not set USER back to root: whoever set it, it counts.
    expect(reasons.find((r) => r.data.field === "User")?.kind).toBe("difference");
  });

  test("an unknown base makes every difference count; --harden makes the user intended", () => {
    const reasons = compareContracts(
      { config: service(golang), base: null },
      { config: service(staticBase), base: null },
      { harden: true },
    );
    expect(reasons.find((r) => r.id === "userHarden")?.kind).toBe("intended");
    expect(reasons.filter((r) => r.kind === "difference").map((r) => r.data.name)).toContain("GOPATH");
  });
});
