// The fleet's pieces without an engine: endpoints from URLs and context names, the journal (a torn last line
// is verified again), the queue (each item on one endpoint, all endpoints busy), and the ETA.
import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { endpoints, eta, Journal, journalKey, spread } from "./fleet.js";

describe("fleet", () => {
  test("a URL sets DOCKER_HOST, a name sets DOCKER_CONTEXT; none means the environment's own", () => {
    const env = { DOCKER_HOST: "unix:///var/run/docker.sock", DOCKER_TLS_VERIFY: "1" };
    const [a, b] = endpoints(["tcp://builder:2376", "builder-2"], { bin: "docker", env });
    expect(a.name).toBe("tcp://builder:2376");
    expect((a.docker as unknown as { setup: { env: Record<string, string> } }).setup.env).toMatchObject({
      DOCKER_HOST: "tcp://builder:2376",
      DOCKER_TLS_VERIFY: "1",
    });
    expect((b.docker as unknown as { setup: { env: Record<string, string | undefined> } }).setup.env.DOCKER_HOST).toBeUndefined();
    expect((b.docker as unknown as { setup: { env: Record<string, string> } }).setup.env.DOCKER_CONTEXT).toBe("builder-2");
    expect(endpoints([], { bin: "docker", env }).map((e) => e.name)).toEqual(["unix:///var/run/docker.sock"]);
  });

  test("the journal keeps finished apps across runs and ignores a line cut short", () => {
    const file = join(mkdtempSync(join(tmpdir(), "msb-journal-")), "r.json.verify-journal.jsonl");
    const key = journalKey("/a/Dockerfile", "FROM x", "FROM y", { offline: true });
    new Journal(file).add({ key, path: "/a/Dockerfile", endpoint: "e1", equivalent: true, verdict: "equivalent", why: null, seconds: 3 });
    appendFileSync(file, '{"key":"cut');
    const again = new Journal(file);
    expect(again.get(key)?.endpoint).toBe("e1");
    expect(again.get(journalKey("/a/Dockerfile", "FROM x", "FROM z", { offline: true }))).toBeUndefined();
  });

  test("spread: every item once, on the endpoint that took it, endpoints in parallel", async () => {
    const fleet = endpoints(["unix:///a.sock", "unix:///b.sock"], { bin: "docker" });
    const seen: string[] = [];
    const out = await spread([1, 2, 3, 4], fleet, async (n, e) => {
      seen.push(`${n}@${e.name}`);
      await new Promise((r) => setTimeout(r, n * 5));
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40]);
    expect(seen.slice(0, 2)).toEqual(["1@unix:///a.sock", "2@unix:///b.sock"]);
    expect(new Set(seen.map((s) => s.split("@")[1])).size).toBe(2);
  });

  test("eta from the wall time per finished app", () => {
    expect(eta(0, 4, 0)).toBe("0/4 verified");
    expect(eta(2, 4, 100)).toBe("2/4 verified, ETA 1m40s");
  });
});
