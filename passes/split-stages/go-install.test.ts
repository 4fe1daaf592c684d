import { describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { goInstallPrograms } from "./go-install.js";

const main = "package main\n\nfunc main() {}\n";
const run = (files: Record<string, string>, args: string[], initialized = new Map<string, string>()) =>
  goInstallPrograms(args, "/src", { context: memoryContext(files), sources: new Map([["/src", "."]]), initialized, cgo: null });

describe("goInstallPrograms", () => {
  test("bare `go install` and `.`: the module's last element, before a major-version suffix", () => {
    const files = { "go.mod": "module example.com/app/v2\n", "main.go": main };
    expect(run(files, [])).toEqual({ programs: ["app"] });
    expect(run(files, ["-v", "."])).toEqual({ programs: ["app"] });
    expect(run({ ...files, "go.mod": "module example.com/v1\n" }, [])).toEqual({ programs: ["v1"] });
  });
  test("`./...`: every main package, not libraries, nested modules, testdata, vendor or files no build compiles", () => {
    const files = {
      "go.mod": "module example.com/m\n",
      "cmd/a/main.go": main,
      "cmd/b/main.go": main,
      "cmd/b/main_test.go": "package main_test\n",
      "lib/lib.go": "package lib\n",
      "lib/gen.go": "//go:build ignore\n\npackage main\n",
      "tools/tools.go": "//go:build tools\n\npackage main\n",
      "win/main_windows.go": main,
      "nested/go.mod": "module example.com/nested\n",
      "nested/main.go": main,
      "testdata/x/main.go": main,
      "vendor/v/main.go": main,
    };
    expect(run(files, ["./..."])).toEqual({ programs: ["a", "b"] });
    expect(run(files, ["./cmd/a"])).toEqual({ programs: ["a"] });
    expect(run(files, ["./lib"])).toEqual({ programs: [] });
  });
  test("a module from `go mod init`", () => {
    expect(run({ "main.go": main }, [], new Map([["/src", "dispatch"]]))).toEqual({ programs: ["dispatch"] });
  });
  test("unknown: no module, a workspace, a release tag, an option that changes the build", () => {
    expect(run({ "main.go": main }, [])).toHaveProperty("unknown");
    expect(run({ "go.mod": "module m\n", "go.work": "go 1.22\n", "main.go": main }, [])).toHaveProperty("unknown");
    expect(run({ "go.mod": "module m\n", "a/main.go": `//go:build go1.30\n\n${main}` }, ["./..."])).toHaveProperty("unknown");
    expect(run({ "go.mod": "module m\n", "main.go": main }, ["-tags", "x", "."])).toHaveProperty("unknown");
    expect(run({ "go.mod": "module m\n", "main.go": main }, ["-o", "/x", "."])).toHaveProperty("unknown");
  });
});
