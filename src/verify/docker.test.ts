import { describe, expect, test } from "vitest";
import { compareConfigs, Docker, type ImageConfig } from "./docker.js";

const base: ImageConfig = {
  Entrypoint: null,
  Cmd: ["node", "server.js"],
  Env: ["PATH=/usr/bin", "PORT=3000"],
  WorkingDir: "/app",
  User: "",
  ExposedPorts: { "3000/tcp": {} },
  Volumes: null,
  Healthcheck: null,
  Labels: { a: "1", "farm.recipe": "x" },
};

describe("compareConfigs", () => {
  test("identical contracts have no difference; root users are the same user", () => {
    expect(compareConfigs(base, { ...base, User: "root", Labels: { a: "1", "farm.recipe": "y" } }, (l) => l.startsWith("farm."))).toEqual(
      [],
    );
  });
  test("reports each differing field and the differing variables", () => {
    const diff = compareConfigs(base, { ...base, Cmd: ["node"], Env: ["PATH=/bin", "PORT=3000"], User: "node" });
    expect(diff.map((d) => d.field)).toEqual(["Cmd", "User", "Env"]);
    expect(diff.find((d) => d.field === "Env")).toEqual({ field: "Env", before: ["PATH=/usr/bin"], after: ["PATH=/bin"] });
  });
});

describe("Docker", () => {
  test("a missing client is reported as unavailable, not thrown", async () => {
    expect(await new Docker({ bin: "/nonexistent/docker" }).available()).toBe(false);
  });
});
