import { beforeAll, describe, expect, test } from "vitest";
import { loadShell, parseShell } from "../../src/core/shell.js";
import { pathEffects } from "./path-effects.js";

beforeAll(() => loadShell());
const effects = (text: string, shell = "/bin/sh") => pathEffects(parseShell(text), shell);

describe("replacesShell", () => {
  test.each([
    ["ln -sf /bin/bash /bin/sh", "/bin/sh", true],
    ["rm /bin/sh && ln -s /bin/bash /bin/sh", "/bin/sh", true],
    ["ln -sf bash /usr/bin/sh", "/bin/sh", true],
    ["dpkg-divert --local --rename --add /bin/sh", "/bin/sh", true],
    ["update-alternatives --install /bin/sh sh /bin/bash 100", "/bin/sh", true],
    ["dpkg-reconfigure -f noninteractive dash", "/bin/sh", true],
    ["update-alternatives --set sh /bin/bash", "/bin/sh", true],
    ["cp /tmp/bash /bin/bash", "/bin/bash", true],
    ["ln -sf /bin/bash /bin/sh", "/bin/bash", false],
    ["echo '#!/bin/sh' > /run.sh && sh -c true", "/bin/sh", false],
  ])("%j with %s", (text, shell, expected) => expect(effects(text, shell).replacesShell !== null).toBe(expected));
});

describe("installs and lookups", () => {
  test.each([
    ["ln -s /usr/bin/python3 /usr/local/bin/python", ["python"], ["pip"]],
    ["curl -fsSL -o /usr/local/bin/kubectl https://x", ["kubectl"], ["curl"]],
    ["wget -O /opt/venv/bin/tool https://x", ["tool"], ["wget"]],
    ["cp build/app /usr/local/bin/", ["app"], ["cp"]],
    ["echo x > /usr/local/bin/hello", ["hello"], ["echo"]],
    ["pip install flask", ["flask", "gunicorn"], ["pip", "pip3"]],
    ["pip install --upgrade pip", ["pip"], []],
    ["pip install -r requirements.txt", ["pip", "python"], []],
    ["npm install -g npm@10", ["npm"], []],
    ["npm install -g pnpm", ["pnpm"], ["npm"]],
    ["gem install bundler", ["bundle"], ["gem"]],
    ["curl -fsSL https://sh.rustup.rs | sh -s -- -y", ["cargo", "curl"], []],
    ["make && make install", ["anything"], []],
    ["tar -xJf node.tar.xz -C /usr/local --strip-components=1", ["node"], []],
    ["tar -xzf app.tgz -C /app", [], ["node", "tar"]],
    ["apt-get install -y python3", [], ["python3", "apt-get"]],
    ["cp a /etc/b && ln -s /x /opt/y", [], ["cp"]],
  ])("%j", (text, installed, notInstalled) => {
    const e = effects(text);
    for (const n of installed) expect(e.installs(n), n).toBe(true);
    for (const n of notInstalled) expect(e.installs(n), n).toBe(false);
  });
  test("lookups leave out builtins, paths and expansions", () => {
    expect([...effects("echo a && cd /x && ./run && /usr/bin/env x && $CMD && make && test -f y").runs]).toEqual(["make"]);
  });
  test("hash -r first", () => {
    expect(effects("hash -r && pip install x").rehashes).toBe(true);
    expect(effects("pip install x && hash -r").rehashes).toBe(false);
  });
});
