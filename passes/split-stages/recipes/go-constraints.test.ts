import { describe, expect, test } from "vitest";
import { compiledForImage } from "./go-constraints.js";

const withLine = (line: string) => `// Copyright\n\n${line}\n\npackage unix\n`;

describe("compiledForImage", () => {
  test("file names for another system or architecture are not compiled", () => {
    expect(compiledForImage("syscall_hurd.go", "package unix\n", true)).toBe(false);
    expect(compiledForImage("zsyscall_aix_ppc64.go", "package unix\n", true)).toBe(false);
    expect(compiledForImage("conn_windows_amd64.go", "package x\n", true)).toBe(false);
    expect(compiledForImage("asm_linux_s390x.go", "package x\n", true)).toBe(false);
  });
  test("file names for linux or an image architecture are compiled", () => {
    expect(compiledForImage("syscall_linux.go", "package unix\n", true)).toBe(true);
    expect(compiledForImage("asm_linux_arm64.go", "package x\n", true)).toBe(true);
    expect(compiledForImage("cpu_amd64.go", "package x\n", true)).toBe(true);
    // A bare system name is no constraint: nothing precedes an underscore.
    expect(compiledForImage("windows.go", "package x\n", true)).toBe(true);
  });
  test("go:build expressions with &&, ||, ! and parentheses", () => {
    expect(compiledForImage("z.go", withLine("//go:build aix && ppc"), true)).toBe(false);
    expect(compiledForImage("z.go", withLine("//go:build gccgo && !aix && !hurd"), true)).toBe(false);
    expect(compiledForImage("z.go", withLine("//go:build linux && (mips64 || mips64le)"), true)).toBe(false);
    expect(compiledForImage("z.go", withLine("//go:build linux && (amd64 || riscv64)"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("//go:build (darwin || freebsd) && !ios"), true)).toBe(false);
    expect(compiledForImage("z.go", withLine("//go:build !windows"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("//go:build ignore"), true)).toBe(false);
  });
  test("the cgo tag follows whether the build may use cgo", () => {
    expect(compiledForImage("z.go", withLine("//go:build cgo && linux"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("//go:build cgo && linux"), false)).toBe(false);
    expect(compiledForImage("z.go", withLine("//go:build !cgo"), false)).toBe(true);
  });
  test("older // +build lines: spaces or, commas and, every line must hold", () => {
    expect(compiledForImage("z.go", withLine("// +build darwin,cgo netbsd"), true)).toBe(false);
    expect(compiledForImage("z.go", withLine("// +build linux,amd64 darwin"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("// +build linux\n// +build gccgo"), true)).toBe(false);
  });
  test("an unknown tag or a malformed expression keeps the file", () => {
    expect(compiledForImage("z.go", withLine("//go:build sqlite_native"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("//go:build linux && !go1.21"), true)).toBe(true);
    expect(compiledForImage("z.go", withLine("//go:build aix && || ppc"), true)).toBe(true);
    // A constraint after the package clause is no constraint.
    expect(compiledForImage("z.go", "package x\n\n//go:build aix\n", true)).toBe(true);
  });
});
