import { describe, expect, it } from "vitest";
import { dialectDirective, dialectOf, missingCaps } from "./dialect.js";

const caps = (llb: string[], frontend: string[] = []) => ({ llb: new Set(llb), frontend: new Set(frontend) });

describe("dialect from capabilities", () => {
  it("is dockerfile 1.2 on BuildKit 0.8 (Docker 20.10): no heredocs, no COPY --link", () => {
    const d = dialectOf(caps(["file.base", "source.local", "exec.mount.cache"]));
    expect(dialectDirective(d)).toBe("docker/dockerfile:1.2");
  });

  it("follows mergeop (0.10 → 1.4) and exporter.multiple (0.13 → 1.7)", () => {
    expect(dialectOf(caps(["mergeop"])).minor).toBe(4);
    expect(dialectOf(caps(["mergeop", "exporter.multiple"])).minor).toBe(7);
  });

  it("follows an inner docker/dockerfile image, not the engine", () => {
    expect(dialectDirective(dialectOf(caps([]), "docker/dockerfile:1.7"))).toBe("docker/dockerfile:1.7");
    expect(dialectDirective(dialectOf(caps([]), "docker.io/docker/dockerfile:1.10-labs"))).toBe("docker/dockerfile:1.10-labs");
    expect(dialectOf(caps([]), "docker/dockerfile:1").minor).toBeGreaterThan(20);
  });

  it("assumes the oldest supported dialect for an unknown inner image", () => {
    expect(dialectOf(caps(["mergeop"]), "example.com/other-frontend:2").minor).toBe(2);
  });

  it("names the gateway caps an old engine lacks", () => {
    expect(missingCaps(caps([], ["solve.base", "readfile", "return"]))).toEqual(["proto.refarray", "frontend.inputs"]);
    expect(missingCaps(caps([], ["solve.base", "readfile", "return", "proto.refarray", "frontend.inputs"]))).toEqual([]);
  });
});
