import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeFileAtomically } from "./atomic-write.js";

const tmp = () => mkdtempSync(join(tmpdir(), "msb-atomic-"));

describe("writeFileAtomically", () => {
  test("writes a new file and replaces an existing one, keeping its mode", () => {
    const dir = tmp();
    const file = join(dir, "Dockerfile");
    writeFileAtomically(file, "one\n");
    expect(readFileSync(file, "utf8")).toBe("one\n");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o640);
    writeFileAtomically(file, "two\n");
    expect(readFileSync(file, "utf8")).toBe("two\n");
    expect(lstatSync(file).mode & 0o777).toBe(0o640);
  });

  test("writes through a symbolic link: the link stays, its target gets the text", () => {
    const dir = tmp();
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "Dockerfile"), "old\n");
    symlinkSync("shared/Dockerfile", join(dir, "Dockerfile"));
    writeFileAtomically(join(dir, "Dockerfile"), "new\n");
    expect(lstatSync(join(dir, "Dockerfile")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "Dockerfile"))).toBe("shared/Dockerfile");
    expect(readFileSync(join(dir, "shared", "Dockerfile"), "utf8")).toBe("new\n");
  });

  test("refuses a link to nothing, and leaves the link alone", () => {
    const dir = tmp();
    symlinkSync("missing/Dockerfile", join(dir, "Dockerfile"));
    expect(() => writeFileAtomically(join(dir, "Dockerfile"), "new\n")).toThrow(
      /symbolic link to missing\/Dockerfile, which does not exist/,
    );
    expect(lstatSync(join(dir, "Dockerfile")).isSymbolicLink()).toBe(true);
  });
});
