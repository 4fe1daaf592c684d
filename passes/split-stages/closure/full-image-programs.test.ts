import { describe, expect, it } from "vitest";
import { fullImagePackage } from "./full-image-programs.js";

describe("fullImagePackage", () => {
  it("names the package of a program the full image has and the slim one lacks", () => {
    expect(fullImagePackage("pgrep", "bookworm")).toBe("procps");
    expect(fullImagePackage("ssh", "bookworm")).toBe("openssh-client");
  });
  it("says nothing of programs the slim image has, interpreters' -minimal packages, or releases the table lacks", () => {
    expect(fullImagePackage("ls", "bookworm")).toBeNull();
    expect(fullImagePackage("python3", "bookworm")).toBeNull();
    expect(fullImagePackage("pgrep", "sid")).toBeNull();
    expect(fullImagePackage("pgrep", null)).toBeNull();
    expect(fullImagePackage("constructor", "bookworm")).toBeNull();
  });
});
