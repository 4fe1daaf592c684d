import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { findsLibrary, isUnversioned, libraryLoads, packageBrings } from "./library-loads.js";

test("ctypes and FFI loads are found with their file; the base system's libraries and tests are not", () => {
  const context = memoryContext({
    "app.py": 'import ctypes\nlib = ctypes.CDLL("libmagic.so.1")\nc = ctypes.CDLL("libc.so.6")\npath = ctypes.util.find_library("yaml")\n',
    "dyn.py": "lib = ctypes.cdll.LoadLibrary(name)\n",
    "src/native.js": 'const lib = koffi.load("libsodium.so.23");\n',
    "tests/test_magic.py": 'ctypes.CDLL("libxml2.so.2")\n',
    "venv/pyvenv.cfg": "home = /usr/bin\n",
    "venv/lib/x.py": 'ctypes.CDLL("libfoo.so")\n',
  });
  expect(libraryLoads(context)).toEqual([
    { library: "libmagic.so.1", file: "app.py" },
    { library: "yaml", file: "app.py", find: true },
    { library: null, file: "dyn.py" },
    { library: "libsodium.so.23", file: "src/native.js" },
  ]);
});

test("a runtime package brings a library of its stem", () => {
  expect(packageBrings("libmagic.so.1", ["libmagic1t64"])).toBe(true);
  expect(packageBrings("yaml", ["libyaml-0-2"])).toBe(true);
  expect(packageBrings("libsodium.so.23", ["curl"])).toBe(false);
});

test("C's dlopen: a library by name counts, a file path does not; an unversioned name is never a base library", () => {
  const context = memoryContext({
    "src/main.c":
      'void *a = dlopen("libz.so", RTLD_NOW);\nvoid *b = dlopen("./plugin.so", RTLD_NOW);\nvoid *c = dlopen("libz.so.1", RTLD_NOW);\n',
  });
  expect(libraryLoads(context).map((l) => l.library)).toEqual(["libz.so"]);
  expect(isUnversioned("libz.so")).toBe(true);
  expect(isUnversioned("libz.so.1")).toBe(false);
});

test("find_library: a package named by Debian's policy brings lib<name>.so.N for ldconfig; libyaml-0-2 does not bring yaml's", () => {
  expect(findsLibrary("magic", ["libmagic1t64"])).toBe(true);
  expect(findsLibrary("pq", ["jq", "libpq5=15.*"])).toBe(true);
  expect(findsLibrary("sqlite3", ["libsqlite3-0"])).toBe(true);
  expect(findsLibrary("yaml", ["libyaml-0-2"])).toBe(false);
  expect(findsLibrary("ssl", [])).toBe(false);
});
