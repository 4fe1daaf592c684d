// A small client for the OCI Distribution API, enough to pin base images: list a repository's tags
// (following `Link` pagination) and read a manifest's digest (HEAD, with every manifest type accepted so
// that a multi-arch image gives its index digest). Speaks Docker Hub's Bearer token flow and Basic auth,
// with credentials from a docker config.json. Short timeouts: a machine without a route fails fast.
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";

export const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];

export type RegistryErrorKind = "unreachable" | "auth" | "not-found" | "protocol";

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "RegistryError";
  }
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface RegistryOptions {
  /** Base URL that serves Docker Hub images instead of registry-1.docker.io (like dockerd's registry-mirrors). */
  readonly mirror?: string;
  /** The `auths` of a docker config.json: host (or URL) → credentials. */
  readonly auths?: Readonly<Record<string, Credentials>>;
  /** Per request, in milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** Tags asked for per page of the tags list (default 1000). */
  readonly pageSize?: number;
}

const DOCKER_HUB = "https://registry-1.docker.io";
const HUB_NAMES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** Credentials from the text of a docker config.json (`auths` only; credential helpers are not run). */
export function parseDockerConfig(text: string): Record<string, Credentials> {
  const json = JSON.parse(text) as { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  const out: Record<string, Credentials> = {};
  for (const [key, entry] of Object.entries(json.auths ?? {})) {
    let username = entry.username;
    let password = entry.password;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
    if (username !== undefined && password !== undefined) out[hostOf(key)] = { username, password };
  }
  return out;
}

function hostOf(key: string): string {
  const host = /^[a-z]+:\/\//i.test(key) ? new URL(key).host : key.split("/")[0];
  return HUB_NAMES.has(host) ? "docker.io" : host;
}

interface Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly options: RegistryOptions = {}) {}

  /** Where the repository is served: base URL, repository path, and the host credentials are kept under. */
  endpoint(registry: string | null, name: string): { base: string; path: string; authKey: string } {
    if (registry === null || HUB_NAMES.has(registry)) {
      const path = name.includes("/") ? name : `library/${name}`;
      const base = (this.options.mirror ?? DOCKER_HUB).replace(/\/+$/, "");
      return { base, path, authKey: this.options.mirror ? new URL(base).host : "docker.io" };
    }
    const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
    return { base: `${local ? "http" : "https"}://${registry}`, path: name, authKey: registry };
  }

  /** Every tag of the repository, following pagination. */
  async listTags(registry: string | null, name: string): Promise<string[]> {
    const { base, path, authKey } = this.endpoint(registry, name);
    const tags: string[] = [];
    let url: string | null = `${base}/v2/${path}/tags/list?n=${this.options.pageSize ?? 1000}`;
    for (let page = 0; url !== null && page < 100; page++) {
      const res = await this.request("GET", url, path, authKey, { Accept: "application/json" });
      expectOk(res, `${path} tags`);
      const json = parseJson(res.body) as { tags?: string[] | null };
      tags.push(...(json.tags ?? []));
      url = nextLink(res.headers.link, url);
    }
    return tags;
  }

  /** The digest of a tag's manifest: the index digest for a multi-arch image. */
  async digest(registry: string | null, name: string, tag: string): Promise<string> {
    const { base, path, authKey } = this.endpoint(registry, name);
    const url = `${base}/v2/${path}/manifests/${encodeURIComponent(tag)}`;
    const headers = { Accept: MANIFEST_TYPES.join(", ") };
    const head = await this.request("HEAD", url, path, authKey, headers);
    // Some registries refuse HEAD (405): the GET below digests the manifest bytes instead.
    if (head.status !== 405) expectOk(head, `${path}:${tag}`);
    const given = head.headers["docker-content-digest"];
    if (typeof given === "string" && /^sha256:[0-9a-f]{64}$/.test(given)) return given;
    const res = await this.request("GET", url, path, authKey, headers);
    expectOk(res, `${path}:${tag}`);
    return `sha256:${createHash("sha256").update(res.body).digest("hex")}`;
  }

  private async request(method: string, url: string, path: string, authKey: string, headers: Record<string, string>): Promise<Response> {
    const scope = `repository:${path}:pull`;
    const tokenKey = `${authKey} ${scope}`;
    const auth = (): Record<string, string> => {
      const token = this.tokens.get(tokenKey);
      return token ? { Authorization: token } : {};
    };
    let res = await send(method, url, { ...headers, ...auth() }, this.timeout);
    if (res.status !== 401) return res;
    const challenge = String(res.headers["www-authenticate"] ?? "");
    const creds = this.options.auths?.[authKey];
    if (/^bearer/i.test(challenge)) {
      this.tokens.set(tokenKey, `Bearer ${await this.fetchToken(challenge, scope, creds)}`);
    } else if (/^basic/i.test(challenge) && creds) {
      this.tokens.set(tokenKey, basic(creds));
    } else {
      throw new RegistryError(
        "auth",
        `${new URL(url).host} asks for credentials${creds ? "" : ` and --registry-config has none for \`${authKey}\``}`,
      );
    }
    res = await send(method, url, { ...headers, ...auth() }, this.timeout);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError("auth", `${new URL(url).host} refused the credentials${creds ? ` for \`${authKey}\`` : " (anonymous)"}`);
    }
    return res;
  }

  private async fetchToken(challenge: string, scope: string, creds: Credentials | undefined): Promise<string> {
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
    if (!params.realm) throw new RegistryError("protocol", "the registry's Bearer challenge has no realm");
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set("service", params.service);
    url.searchParams.set("scope", params.scope ?? scope);
    const res = await send("GET", url.href, creds ? { Authorization: basic(creds) } : {}, this.timeout);
    if (res.status === 401 || res.status === 403) throw new RegistryError("auth", `the token service ${url.host} refused the credentials`);
    expectOk(res, "token");
    const json = parseJson(res.body) as { token?: string; access_token?: string };
    const token = json.token ?? json.access_token;
    if (!token) throw new RegistryError("protocol", `the token service ${url.host} returned no token`);
    return token;
  }

  private get timeout(): number {
    return this.options.timeoutMs ?? 5000;
  }
}

function basic(creds: Credentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
}

function expectOk(res: Response, what: string): void {
  if (res.status === 404) throw new RegistryError("not-found", `the registry has no ${what}`);
  if (res.status === 401 || res.status === 403) throw new RegistryError("auth", `the registry refused access to ${what}`);
  if (res.status < 200 || res.status > 299) throw new RegistryError("protocol", `the registry answered HTTP ${res.status} for ${what}`);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new RegistryError("protocol", "the registry answered with invalid JSON");
  }
}

/** The `rel="next"` target of a Link header, resolved against the current URL. */
export function nextLink(link: string | string[] | undefined, current: string): string | null {
  const text = Array.isArray(link) ? link.join(", ") : link;
  const m = text ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(text) : null;
  return m ? new URL(m[1], current).href : null;
}

/** One HTTP exchange with a hard deadline; network failures become `unreachable` RegistryErrors. */
function send(method: string, url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  const target = new URL(url);
  const lib = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (err: Error & { code?: string }) =>
      reject(
        err instanceof RegistryError ? err : new RegistryError("unreachable", `cannot reach ${target.host} (${err.code ?? err.message})`),
      );
    const req = lib.request(target, { method, headers: { "User-Agent": "msb-opt", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > 16 << 20) req.destroy(new RegistryError("protocol", `${target.host} sent more than 16 MiB`));
        else chunks.push(c);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", fail);
    });
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error("timed out"), { code: `no answer within ${timeoutMs} ms` })),
      timeoutMs,
    );
    req.on("error", (err) => {
      clearTimeout(timer);
      fail(err);
    });
    req.end();
  });
}
