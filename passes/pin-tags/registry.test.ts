import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { expect, test } from "vitest";
import { nextLink, parseDockerConfig, RegistryClient } from "./registry.js";

test("credentials come from auths, keyed by host; Docker Hub's URL key means docker.io", () => {
  const auth = Buffer.from("me:s3cret:with-colon").toString("base64");
  const creds = parseDockerConfig(
    JSON.stringify({
      auths: { "https://index.docker.io/v1/": { auth }, "ghcr.io": { username: "u", password: "p" }, "quay.io": {} },
      credsStore: "desktop",
    }),
  );
  expect(creds).toEqual({ "docker.io": { username: "me", password: "s3cret:with-colon" }, "ghcr.io": { username: "u", password: "p" } });
});

test("Link pagination resolves relative to the current page", () => {
  expect(nextLink('</v2/library/node/tags/list?last=20&n=4>; rel="next"', "http://127.0.0.1:5000/v2/library/node/tags/list?n=4")).toBe(
    "http://127.0.0.1:5000/v2/library/node/tags/list?last=20&n=4",
  );
  expect(nextLink(undefined, "http://x/")).toBeNull();
});

test("endpoints: Docker Hub (or its mirror) adds library/, loopback speaks http", () => {
  const hub = new RegistryClient();
  expect(hub.endpoint(null, "node")).toEqual({ base: "https://registry-1.docker.io", path: "library/node", authKey: "docker.io" });
  expect(hub.endpoint("docker.io", "bitnami/redis").path).toBe("bitnami/redis");
  expect(new RegistryClient({ mirror: "http://127.0.0.1:5000/" }).endpoint(null, "node")).toEqual({
    base: "http://127.0.0.1:5000",
    path: "library/node",
    authKey: "127.0.0.1:5000",
  });
  expect(hub.endpoint("localhost:5000", "app").base).toBe("http://localhost:5000");
  expect(hub.endpoint("ghcr.io", "acme/app").base).toBe("https://ghcr.io");
});

test("a registry that refuses HEAD is asked with GET, and the manifest bytes give the digest", async () => {
  const body = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}';
  const server = createServer((req, res) => {
    if (req.method === "HEAD") res.writeHead(405).end();
    else res.writeHead(200, { "Content-Type": "application/vnd.oci.image.manifest.v1+json" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const { port } = server.address() as { port: number };
    const digest = await new RegistryClient().digest(`127.0.0.1:${port}`, "app", "1");
    expect(digest).toBe(`sha256:${createHash("sha256").update(body).digest("hex")}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
