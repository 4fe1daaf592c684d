import { expect, test } from "vitest";
import { commandChain, wrappedCommand } from "./wrappers.js";

test("the command inside a wrapper, past its options, assignments and `--`", () => {
  expect(wrappedCommand(["exec", "node", "server.js"])).toEqual(["node", "server.js"]);
  expect(wrappedCommand(["exec", "-a", "app", "node", "server.js"])).toEqual(["node", "server.js"]);
  expect(wrappedCommand(["env", "-u", "X", "NODE_ENV=production", "node", "app.js"])).toEqual(["node", "app.js"]);
  expect(wrappedCommand(["/sbin/tini", "-s", "--", "npm", "start"])).toEqual(["npm", "start"]);
  expect(wrappedCommand(["gosu", "node", "npm", "start"])).toEqual(["npm", "start"]);
  expect(wrappedCommand(["nice", "-n", "10", "python", "app.py"])).toEqual(["python", "app.py"]);
  expect(wrappedCommand(["command", "-v", "node"])).toBeNull();
  expect(wrappedCommand(["exec"])).toBeNull();
  expect(wrappedCommand(["node", "server.js"])).toBeNull();
});

test("a chain of wrappers is followed to the end", () => {
  expect(commandChain(["dumb-init", "--", "exec", "nohup", "node", "a.js"]).map((c) => c[0])).toEqual([
    "dumb-init",
    "exec",
    "nohup",
    "node",
  ]);
});
