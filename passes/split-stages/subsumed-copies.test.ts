import { expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { instruction } from "../../src/core/ir.js";
import { subsumedCopies } from "./subsumed-copies.js";

const context = memoryContext({
  "package.json": "{}",
  "packages/app/package.json": "{}",
  "vendor/x.tgz": "",
  "mirror/ms.tgz": "",
  "src/a.js": "",
});
const copies = (...args: string[]) => [...args, ". ."].map((a) => instruction("COPY", a));

test("files and folders a later `COPY . .` puts in the same place are repeated by it", () => {
  const body = copies("package.json ./", "packages/app/package.json packages/app/", "vendor/x.tgz ./vendor/", "mirror ./mirror/");
  const cwd = body.map(() => "/app");
  expect([...subsumedCopies(body, cwd, context).keys()]).toEqual([0, 1, 2, 3]);
});

test("a copy that lands elsewhere is not", () => {
  const body = copies("packages/app/package.json ./", "vendor/x.tgz ./lib/", "mirror ./", "src/a.js ./src/b.js", "vendor/* ./vendor/");
  const cwd = body.map(() => "/app");
  expect([...subsumedCopies(body, cwd, context).keys()]).toEqual([]);
});
