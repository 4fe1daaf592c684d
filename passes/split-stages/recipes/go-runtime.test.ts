// The Go runtime: shell-less (distroless/static) only when nothing needs a shell; otherwise Debian's slim image,
// with the CA certificates and (before bookworm, whose slim image has tzdata) zone files the code may read.
import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { optimize } from "../../../src/core/pipeline.js";

const GO_MOD = "module app\n\ngo 1.22\n";
const split = async (body: string, main: string, extra: Record<string, string> = {}, image = "golang:1.22") => {
  const text = `FROM ${image}\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\n${body}`;
  const context = memoryContext({ "go.mod": GO_MOD, "main.go": main, ...extra });
  return (await optimize(text, { context, passes: ["split-stages"] })).output;
};
const PLAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';

test("nothing needs a shell: distroless", async () => {
  expect(await split('CMD ["/app/server"]\n', PLAIN)).toContain("FROM gcr.io/distroless/static-debian12 AS runtime");
});

test("users made for the image, or a program the code runs: Debian slim", async () => {
  const users = await split('RUN useradd -m app\nUSER app\nCMD ["/app/server"]\n', PLAIN);
  expect(users).toMatch(/FROM debian:bookworm-slim AS runtime\nRUN useradd -m app/);
  const sh = await split(
    'CMD ["/app/server"]\n',
    'package main\n\nimport "os/exec"\n\nfunc main() { exec.Command("sh", "-c", "true").Run() }\n',
  );
  expect(sh).toContain("FROM debian:bookworm-slim AS runtime");
  expect(sh).not.toContain("apt-get install");
});

test("on Debian slim, certificates for TLS and zone files for named zones", async () => {
  const tls = await split("CMD /app/server --port 8080\n", 'package main\n\nimport "net/http"\n\nfunc main() { http.Get("https://x") }\n');
  expect(tls).toMatch(/apt-get install -y --no-install-recommends ca-certificates \\\n/);
  const loads = 'package main\n\nimport "time"\n\nfunc main() { time.LoadLocation("Europe/Paris") }\n';
  const zone = await split("CMD /app/server\n", loads, {}, "golang:1.22-bullseye");
  expect(zone).toMatch(
    /FROM debian:bullseye-slim AS runtime\nRUN apt-get update \\\n {4}&& apt-get install -y --no-install-recommends tzdata \\\n/,
  );
  // tzdata is required in bookworm and trixie: their slim images have the zone files.
  for (const image of ["golang:1.22", "golang:1.25-trixie"])
    expect(await split("CMD /app/server\n", loads, {}, image)).not.toContain("tzdata");
  const embedded = await split(
    "CMD /app/server\n",
    'package main\n\nimport (\n\t"time"\n\t_ "time/tzdata"\n)\n\nfunc main() { time.LoadLocation("Europe/Paris") }\n',
  );
  expect(embedded).not.toContain("tzdata \\");
  expect(embedded).not.toContain("apt-get install");
});
