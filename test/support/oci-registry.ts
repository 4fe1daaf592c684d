// A real OCI registry on loopback for the tests: Debian's `docker-registry` (CNCF distribution), started
// with a config of our own and filled through the Distribution API (no Docker engine needed).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, createPrivateKey, randomUUID, sign as cryptoSign, X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REGISTRY_BIN = process.env.MSB_DOCKER_REGISTRY ?? "/usr/bin/docker-registry";

export interface LocalRegistry {
  readonly url: string;
  /** `127.0.0.1:port`, as written in an image reference. */
  readonly host: string;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why the registry cannot run here, or null when it can. */
export function registryUnavailable(): string | null {
  return existsSync(REGISTRY_BIN) ? null : `${REGISTRY_BIN} is missing (apt-get install -y docker-registry)`;
}

/**
 * Start a registry. `htpasswd` (the text of an htpasswd file) requires Basic auth; `token` requires Bearer
 * tokens from a token service, the way Docker Hub does.
 */
export async function startRegistry(options: { htpasswd?: string; token?: TokenService } = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "msb-pin-tags-registry-"));
  const port = await freePort();
  const { token } = options;
  const auth = options.htpasswd
    ? `auth:\n  htpasswd:\n    realm: msb-test\n    path: ${join(dir, "htpasswd")}\n`
    : token
      ? `auth:\n  token:\n    realm: ${token.realm}\n    service: ${token.service}\n    issuer: ${token.issuer}\n    rootcertbundle: ${token.certFile}\n`
      : "";
  if (options.htpasswd) writeFileSync(join(dir, "htpasswd"), options.htpasswd);
  writeFileSync(
    join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(REGISTRY_BIN, ["serve", join(dir, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/v2/`);
      if (res.status === 200 || res.status === 401) return { url, host: `127.0.0.1:${port}`, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`docker-registry did not start: ${stderr.slice(-500)}`);
}

export const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** Pushes blobs and manifests through the Distribution API. */
export class Pusher {
  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async blob(repo: string, data: string): Promise<{ digest: string; size: number }> {
    const digest = sha256(data);
    const start = await fetch(`${this.url}/v2/${repo}/blobs/uploads/`, { method: "POST", headers: this.headers });
    if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status}`);
    const location = new URL(start.headers.get("location")!, this.url);
    location.searchParams.set("digest", digest);
    const put = await fetch(location, {
      method: "PUT",
      body: data,
      headers: { ...this.headers, "Content-Type": "application/octet-stream" },
    });
    if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${await put.text()}`);
    return { digest, size: Buffer.byteLength(data) };
  }

  /** A one-layer OCI image manifest whose config names `label`; returns its digest and size. */
  async image(
    repo: string,
    label: string,
    platform = { architecture: "amd64", os: "linux" },
  ): Promise<{ digest: string; size: number; body: string }> {
    const config = await this.blob(
      repo,
      JSON.stringify({ ...platform, config: { Labels: { image: label } }, rootfs: { type: "layers", diff_ids: [] } }),
    );
    const layer = await this.blob(repo, `layer of ${label} ${platform.architecture}`);
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", ...layer }],
    });
    const digest = await this.manifest(repo, sha256(body), body, "application/vnd.oci.image.manifest.v1+json");
    return { digest, size: Buffer.byteLength(body), body };
  }

  /** A multi-arch OCI index over one image per platform. */
  async index(repo: string, label: string): Promise<string> {
    const manifests = [];
    for (const architecture of ["amd64", "arm64"]) {
      const m = await this.image(repo, label, { architecture, os: "linux" });
      manifests.push({
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: m.digest,
        size: m.size,
        platform: { architecture, os: "linux" },
      });
    }
    const body = JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests });
    return this.manifest(repo, sha256(body), body, "application/vnd.oci.image.index.v1+json");
  }

  /** Put a manifest under a reference (a tag or its digest); returns the digest the registry reports. */
  async manifest(repo: string, reference: string, body: string, mediaType: string): Promise<string> {
    const res = await fetch(`${this.url}/v2/${repo}/manifests/${reference}`, {
      method: "PUT",
      body,
      headers: { ...this.headers, "Content-Type": mediaType },
    });
    if (res.status !== 201) throw new Error(`manifest ${repo}:${reference}: HTTP ${res.status} ${await res.text()}`);
    return res.headers.get("docker-content-digest")!;
  }

  /** Tag an existing manifest (by digest) under more names. */
  async tag(repo: string, digest: string, tags: readonly string[]): Promise<void> {
    const res = await fetch(`${this.url}/v2/${repo}/manifests/${digest}`, {
      headers: { ...this.headers, Accept: "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json" },
    });
    const mediaType = res.headers.get("content-type")!;
    const body = await res.text();
    for (const t of tags) await this.manifest(repo, t, body, mediaType);
  }
}

/** A token service in the style of auth.docker.io: Basic credentials in, a signed JWT with pull (and push) access out. */
export interface TokenService {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** PEM certificate the registry trusts for token signatures. */
  readonly certFile: string;
  /** A token for the given scope, as the service would issue it to `msb` (for pushing fixtures). */
  tokenFor(scope: string): string;
  stop(): Promise<void>;
}

/** Start a token service that knows one user; needs the `openssl` CLI for its signing certificate. */
export async function startTokenService(user: { name: string; password: string }): Promise<TokenService> {
  const dir = mkdtempSync(join(tmpdir(), "msb-pin-tags-token-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  const made = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=msb-test-token", "-keyout", keyFile, "-out", certFile],
    { stdio: "ignore" },
  );
  if (made.status !== 0) throw new Error("openssl could not make the token signing certificate");
  const key = createPrivateKey(readFileSync(keyFile));
  const der = new X509Certificate(readFileSync(certFile)).raw.toString("base64");
  const service = "msb-test-registry";
  const issuer = "msb-test-token-service";
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
  const sign = (scope: string, granted: boolean) => {
    const [type, name, actions] = scope.split(":");
    const now = Math.floor(Date.now() / 1000);
    const header = b64({ typ: "JWT", alg: "RS256", x5c: [der] });
    const claims = b64({
      iss: issuer,
      sub: granted ? user.name : "",
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: granted && type === "repository" ? [{ type, name, actions: actions.split(",") }] : [],
    });
    const signature = cryptoSign("sha256", Buffer.from(`${header}.${claims}`), key).toString("base64url");
    return `${header}.${claims}.${signature}`;
  };
  const expected = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}`;
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== expected) {
      res.writeHead(401, { "Content-Type": "application/json" }).end('{"details":"incorrect username or password"}');
      return;
    }
    // Anonymous callers get a token without access, as Docker Hub gives for a private repository.
    const token = sign(url.searchParams.get("scope") ?? "", auth === expected && url.searchParams.get("service") === service);
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token, access_token: token }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    tokenFor: (scope) => sign(scope, true),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
