import { expect, test } from "vitest";
import { commandChain, shellLineIndex, wrappedCommand } from "./wrappers.js";

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

test("timeout, xargs, find -exec, flock, stdbuf, chroot, su -c run the command they are given", () => {
  expect(wrappedCommand(["timeout", "60", "unzip", "-o", "a.zip"])).toEqual(["unzip", "-o", "a.zip"]);
  expect(wrappedCommand(["timeout", "-s", "KILL", "--preserve-status", "5", "wget", "-q"])).toEqual(["wget", "-q"]);
  expect(wrappedCommand(["xargs", "-n1", "unzip", "-o"])).toEqual(["unzip", "-o"]);
  expect(wrappedCommand(["xargs", "-I", "{}", "-P", "4", "curl", "{}"])).toEqual(["curl", "{}"]);
  expect(wrappedCommand(["xargs"])).toBeNull();
  expect(wrappedCommand(["find", "data", "-name", "*.zip", "-exec", "unzip", "-o", "{}", ";"])).toEqual(["unzip", "-o", "{}"]);
  expect(wrappedCommand(["find", ".", "-execdir", "gzip", "{}", "+"])).toEqual(["gzip", "{}"]);
  expect(wrappedCommand(["find", ".", "-name", "x"])).toBeNull();
  expect(wrappedCommand(["flock", "-w", "10", "/tmp/lock", "git", "pull"])).toEqual(["git", "pull"]);
  expect(wrappedCommand(["flock", "/tmp/lock", "-c", "cd x && git pull"])).toEqual(["sh", "-c", "cd x && git pull"]);
  expect(wrappedCommand(["stdbuf", "-oL", "-e", "0", "jq", "."])).toEqual(["jq", "."]);
  expect(wrappedCommand(["setsid", "-f", "unzip", "a"])).toEqual(["unzip", "a"]);
  expect(wrappedCommand(["chroot", "--userspec=1:1", "/", "unzip", "a"])).toEqual(["unzip", "a"]);
  expect(wrappedCommand(["su", "app", "-c", "unzip a"])).toEqual(["sh", "-c", "unzip a"]);
  expect(wrappedCommand(["su", "-s", "/bin/sh", "-c", "git pull", "app"])).toEqual(["sh", "-c", "git pull"]);
  expect(wrappedCommand(["runuser", "-u", "app", "--command=git pull"])).toEqual(["sh", "-c", "git pull"]);
  expect(wrappedCommand(["su", "app"])).toBeNull();
  expect(commandChain(["nice", "-n", "5", "timeout", "9", "unzip", "x"]).map((c) => c[0])).toEqual(["nice", "timeout", "unzip"]);
});

test("the line a shell runs with `-c`, wherever the `-c` is among its options (red team 21 F4)", () => {
  const line = (argv: string[]) => {
    const i = shellLineIndex(argv);
    return i === null ? null : argv[i];
  };
  expect(line(["sh", "-c", "x"])).toBe("x");
  expect(line(["bash", "-lc", "x"])).toBe("x");
  expect(line(["sh", "-ec", "x"])).toBe("x");
  expect(line(["bash", "-e", "-c", "x"])).toBe("x");
  expect(line(["/bin/bash", "--login", "-c", "x"])).toBe("x");
  expect(line(["/usr/bin/bash", "-c", "x", "arg0"])).toBe("x");
  expect(line(["dash", "-c", "x"])).toBe("x");
  expect(line(["bash", "-c", "--", "x"])).toBe("x");
  expect(line(["bash", "-euo", "pipefail", "-c", "x"])).toBe("x");
  expect(line(["bash", "-o", "pipefail", "-c", "x"])).toBe("x");
  expect(line(["bash", "--rcfile", "/etc/rc", "-c", "x"])).toBe("x");
  // No `-c`: a script file, or standard input; no line after `-c`; no shell.
  expect(line(["bash", "-e", "start.sh"])).toBeNull();
  expect(line(["sh", "-s"])).toBeNull();
  expect(line(["bash", "-c"])).toBeNull();
  expect(line(["node", "-c", "x"])).toBeNull();
});
