// pin-tags against a real registry on loopback (Debian's docker-registry, the CNCF distribution server):
// tag listing with pagination, manifest and multi-arch index digests, Basic auth with --registry-config,
// and registries that cannot be reached. Never touches the internet.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../src/core/context.js";
import { optimize, type OptimizeOptions } from "../src/core/pipeline.js";
import { RegistryClient } from "../passes/pin-tags/registry.js";
import { ROOT } from "./support/golden.js";
import {
  freePort,
  Pusher,
  registryUnavailable,
  sha256,
  startRegistry,
  startTokenService,
  type LocalRegistry,
  type TokenService,
} from "./support/oci-registry.js";

const unavailable = registryUnavailable();
if (unavailable) console.warn(`registry tests skipped: ${unavailable}`);

// htpasswd line for msb / msb-test-password (bcrypt, cost 4): a test fixture, not a secret.
const HTPASSWD = "msb:$2b$04$.L0zBEvRUG1lgR.gY0807.bZ1s2lXLcJGB2WOBWk1UsxturrHUWwi\n";
const BASIC = { Authorization: `Basic ${Buffer.from("msb:msb-test-password").toString("base64")}` };

// library/node, tagged the way the official repository tags it (the first image is multi-arch). `23.0.0`
// exists but `latest` has not moved to it yet: pins must follow digests, not the highest version.
const TAGS: Readonly<Record<string, readonly string[]>> = {
  "node 20.18.1": ["20.18.1", "20.18", "20", "lts"],
  "node 20.18.0": ["20.18.0"],
  "node 20.18.1-slim": ["20.18.1-slim", "20.18-slim", "20-slim", "lts-slim"],
  "node 20.18.0-slim": ["20.18.0-slim"],
  "node 22.11.0": ["22.11.0", "22.11", "22", "current", "latest", "bookworm"],
  "node 22.11.0-slim": ["22.11.0-slim", "22.11-slim", "22-slim", "slim"],
  "node 23.0.0": ["23.0.0"],
  // A floating tag whose image no release tag names (a nightly), and an unrelated release of its line.
  "node 24 nightly": ["24"],
  "node 24.1.0": ["24.1.0"],
};

describe.skipIf(unavailable !== null)("pin-tags against a local registry", () => {
  let open: LocalRegistry;
  let secured: LocalRegistry;
  let tmp: string;
  const digests: Record<string, string> = {};
  let indexBody = "";

  beforeAll(async () => {
    open = await startRegistry();
    secured = await startRegistry({ htpasswd: HTPASSWD });
    tmp = mkdtempSync(join(tmpdir(), "msb-pin-tags-"));
    const push = new Pusher(open.url);
    const repo = "library/node";
    digests.lts = await push.index(repo, "node 20.18.1");
    await push.tag(repo, digests.lts, TAGS["node 20.18.1"]);
    indexBody = await (
      await fetch(`${open.url}/v2/${repo}/manifests/20`, { headers: { Accept: "application/vnd.oci.image.index.v1+json" } })
    ).text();
    for (const [label, tags] of Object.entries(TAGS)) {
      if (label === "node 20.18.1") continue;
      const { digest } = await push.image(repo, label);
      await push.tag(repo, digest, tags);
      digests[tags[0]] = digest;
    }
    const pushSecured = new Pusher(secured.url, BASIC);
    const app = await pushSecured.image("acme/app", "app 1.4.2");
    await pushSecured.tag("acme/app", app.digest, ["1.4.2", "1.4", "1"]);
    digests.app = app.digest;
  }, 60_000);

  afterAll(async () => {
    await open?.stop();
    await secured?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const pin = (text: string, options: OptimizeOptions = {}) =>
    optimize(text, { passes: ["pin-tags"], registryMirror: open.url, registryTimeoutMs: 2000, ...options });

  test("lists every tag across pages", async () => {
    const client = new RegistryClient({ mirror: open.url, pageSize: 4 });
    const tags = await client.listTags(null, "node");
    // 23 tags in pages of 4: six requests, following the Link headers.
    expect([...tags].sort()).toEqual([...new Set(Object.values(TAGS).flat())].sort());
    expect(tags).toHaveLength(23);
  });

  test("reads a manifest's digest and a multi-arch tag's index digest", async () => {
    const client = new RegistryClient({ mirror: open.url });
    expect(await client.digest(null, "node", "latest")).toBe(digests["22.11.0"]);
    const index = await client.digest(null, "library/node", "20");
    expect(index).toBe(sha256(indexBody));
    const platforms = (JSON.parse(indexBody) as { manifests: { digest: string }[] }).manifests.map((m) => m.digest);
    expect(platforms).toHaveLength(2);
    expect(platforms).not.toContain(index);
  });

  test("FROM node pins to the release `latest` points at, keeping the rest of the line", async () => {
    const result = await pin("from node AS Build\nRUN node --version\nFROM node:20-slim\nFROM node:bookworm\n");
    expect(result.output).toBe("from node:22.11.0 AS Build\nRUN node --version\nFROM node:20.18.1-slim\nFROM node:22.11.0\n");
    expect(result.changes.map((n) => n.message)[0]).toBe(`Pinned \`node\` to \`node:22.11.0\` as \`${open.host}\` serves it today.`);
    expect(result.refusals).toEqual([]);
  });

  test("a floating tag that no release tag shares a digest with is left alone", async () => {
    const result = await pin("FROM node:24\n");
    expect(result.output).toBe("FROM node:24\n");
    expect(result.refusals.map((n) => n.message)).toEqual([
      `Left \`node:24\` unpinned: no release tag on ${open.host} has the digest of \`24\` (1 checked); list the tag to use in msb-opt.lock.json.`,
    ]);
  });

  test("--pin=digest adds the index digest of a multi-arch image", async () => {
    const result = await pin("FROM node:lts AS build\nFROM node:lts-slim\n", { pin: "digest" });
    expect(result.output).toBe(`FROM node:20.18.1@${digests.lts} AS build\nFROM node:20.18.1-slim@${digests["20.18.1-slim"]}\n`);
    const again = await pin(result.output, { pin: "digest" });
    expect(again.output).toBe(result.output);
  });

  test("a registry named in the reference is asked directly, and ARG defaults are pinned", async () => {
    const text = `ARG NODE=20\nFROM ${open.host}/library/node:\${NODE}-slim\nFROM ${open.host}/library/node:22\n`;
    const result = await pin(text, { registryMirror: undefined });
    expect(result.output).toBe(`ARG NODE=20.18.1\nFROM ${open.host}/library/node:\${NODE}-slim\nFROM ${open.host}/library/node:22.11.0\n`);
  });

  test("the lockfile wins over the registry", async () => {
    const lock = JSON.stringify({ images: { "node:22": { tag: "22.10.0" } } });
    const result = await pin("FROM node:22\n", {
      context: memoryContext({ "msb-opt.lock.json": lock }),
      registryMirror: `http://127.0.0.1:${await freePort()}`,
    });
    expect(result.output).toBe("FROM node:22.10.0\n");
  });

  describe("Basic auth", () => {
    const ref = () => `FROM ${secured.host}/acme/app:1\n`;
    const config = (password: string) => {
      const file = join(tmp, `config-${password}.json`);
      const auth = Buffer.from(`msb:${password}`).toString("base64");
      writeFileSync(file, JSON.stringify({ auths: { [secured.host]: { auth } } }));
      return file;
    };

    test("without credentials the file is left alone with a note", async () => {
      const result = await pin(ref());
      expect(result.output).toBe(ref());
      expect(result.refusals.map((n) => n.message)).toEqual([
        `Left \`${secured.host}/acme/app:1\` unpinned: ${secured.host} asks for credentials and --registry-config has none for \`${secured.host}\`; pass \`--registry-config\` with credentials for it, or list it in msb-opt.lock.json.`,
      ]);
    });

    test("credentials from --registry-config are used", async () => {
      const result = await pin(ref(), { registryConfig: config("msb-test-password"), pin: "digest" });
      expect(result.output).toBe(`FROM ${secured.host}/acme/app:1.4.2@${digests.app}\n`);
    });

    test("an unreadable --registry-config is reported, not ignored", async () => {
      const missing = join(tmp, "no-such-config.json");
      const result = await pin(ref(), { registryConfig: missing });
      expect(result.output).toBe(ref());
      expect(result.refusals[0].message).toContain(`cannot read --registry-config ${missing} (ENOENT`);
    });

    test("wrong credentials are refused clearly", async () => {
      const result = await pin(ref(), { registryConfig: config("wrong") });
      expect(result.output).toBe(ref());
      expect(result.refusals[0].message).toContain(`${secured.host} refused the credentials for \`${secured.host}\``);
    });
  });

  describe("Bearer token auth, as Docker Hub does it", () => {
    let tokens: TokenService | null = null;
    let hub: LocalRegistry | null = null;
    let why = "";
    let appDigest = "";
    beforeAll(async () => {
      try {
        tokens = await startTokenService({ name: "msb", password: "msb-test-password" });
      } catch (err) {
        why = (err as Error).message;
        return;
      }
      hub = await startRegistry({ token: tokens });
      const push = new Pusher(hub.url, { Authorization: `Bearer ${tokens.tokenFor("repository:acme/app:pull,push")}` });
      appDigest = await push.index("acme/app", "app 2.0.1");
      await push.tag("acme/app", appDigest, ["2.0.1", "2.0", "2", "latest"]);
    }, 60_000);
    afterAll(async () => {
      await hub?.stop();
      await tokens?.stop();
    });
    const config = (password: string) => {
      const file = join(tmp, `hub-${password}.json`);
      writeFileSync(file, JSON.stringify({ auths: { [hub!.host]: { username: "msb", password } } }));
      return file;
    };

    test("a token from the token service opens the repository", async (t) => {
      if (!hub) t.skip(why);
      const result = await pin(`FROM ${hub!.host}/acme/app\n`, { registryConfig: config("msb-test-password"), pin: "digest" });
      expect(result.refusals).toEqual([]);
      expect(result.output).toBe(`FROM ${hub!.host}/acme/app:2.0.1@${appDigest}\n`);
    });

    test("an anonymous token without access is a clear refusal", async (t) => {
      if (!hub) t.skip(why);
      const result = await pin(`FROM ${hub!.host}/acme/app:2\n`);
      expect(result.output).toBe(`FROM ${hub!.host}/acme/app:2\n`);
      expect(result.refusals[0].message).toContain(`${hub!.host} refused the credentials (anonymous); pass \`--registry-config\``);
    });

    test("wrong credentials are refused by the token service", async (t) => {
      if (!hub) t.skip(why);
      const result = await pin(`FROM ${hub!.host}/acme/app:2\n`, { registryConfig: config("wrong") });
      expect(result.output).toBe(`FROM ${hub!.host}/acme/app:2\n`);
      expect(result.refusals[0].message).toContain(`the token service ${new URL(tokens!.realm).host} refused the credentials`);
    });
  });

  describe("unreachable registries", () => {
    let silent: Server;
    let silentPort = 0;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      // Accepts connections and never answers: the client must give up on its own.
      silent = createServer((socket) => void sockets.push(socket));
      await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((r) => silent.close(() => r()));
    });

    test("a refused connection leaves the file unpinned with a clear note", async () => {
      const port = await freePort();
      const text = `FROM 127.0.0.1:${port}/app:1\nFROM node\n`;
      const result = await pin(text, { registryMirror: `http://127.0.0.1:${port}` });
      expect(result.output).toBe(text);
      expect(result.changes).toEqual([]);
      expect(result.refusals.map((n) => n.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Left \`127\\.0\\.0\\.1:${port}/app:1\` unpinned: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\); run with \`--offline\``,
          ),
        ),
        expect.stringMatching(/^Left `node` unpinned: cannot reach .*ECONNREFUSED/),
      ]);
    });

    test("a registry that never answers times out", async () => {
      const result = await pin("FROM node:22\n", { registryMirror: `http://127.0.0.1:${silentPort}`, registryTimeoutMs: 300 });
      expect(result.output).toBe("FROM node:22\n");
      expect(result.refusals[0].message).toContain("(no answer within 300 ms)");
    });

    test("the CLI exits 0 under --check when nothing could be pinned, 1 when something was", () => {
      const port = String(silentPort === 0 ? 1 : silentPort);
      const dir = mkdtempSync(join(tmp, "cli-"));
      const file = join(dir, "Dockerfile");
      writeFileSync(file, "FROM node:22\n");
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/cli/main.ts"), ...args, file], {
          encoding: "utf8",
          timeout: 60_000,
        });
      const down = cli("--check", "--registry-mirror", `http://127.0.0.1:${port}`);
      expect(down.stderr).toMatch(/pin-tags: Left `node:22` unpinned: cannot reach 127\.0\.0\.1:\d+ \(no answer within 5000 ms\)/);
      expect(down.status).toBe(0);
      const up = cli("--check", "--registry-mirror", open.url);
      expect(up.stderr).toContain("Pinned `node:22` to `node:22.11.0`");
      expect(up.status).toBe(1);
      const printed = cli("--pin=digest", "--registry-mirror", open.url);
      expect(printed.stdout).toBe(`FROM node:22.11.0@${digests["22.11.0"]}\n`);
      expect(printed.status).toBe(0);
    }, 60_000);
  });
});
