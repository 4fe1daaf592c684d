import { expect, test } from "vitest";
import { SPECIFIER } from "./module-specifiers.js";

test("text in a bundle's strings that ends in `/import` is no bare import", () => {
  const specs = (code: string) => [...code.matchAll(SPECIFIER)].map((m) => m[2] ?? m[4] ?? m[6] ?? m[8]);
  const bundle =
    'request("https://api.github.com/import",\n      {},\n      {\n        deprecated: "x"\n      });\nimport "./setup.js";\n;import"y"';
  expect(specs(bundle)).toEqual(["./setup.js", "y"]);
});
