// The entry of msb-opt's image: the BuildKit frontend when BuildKit started us (it sets BUILDKIT_*), the
// CLI otherwise (`docker run --rm -i msb-opt - < Dockerfile`). No top-level await: the image runs it as
// one CommonJS bundle (bin/msb-opt-image.js).
import { guardStdout } from "./frontend/stdout-guard.js";

const env = process.env;
const startedByBuildKit = "BUILDKIT_SESSION_ID" in env || Object.keys(env).some((k) => k.startsWith("BUILDKIT_FRONTEND_OPT_"));

async function frontend(): Promise<never> {
  const wire = guardStdout(); // first, before any module could print
  const [{ Duplex }, { grpcClient }, { Bridge, LLB_BRIDGE }, { runFrontend }] = await Promise.all([
    import("node:stream"),
    import("./frontend/grpc-stdio.js"),
    import("./frontend/bridge.js"),
    import("./frontend/gateway.js"),
  ]);
  const client = grpcClient(Duplex.from({ readable: process.stdin, writable: wire }), LLB_BRIDGE);
  const log = (msg: string) => void process.stderr.write(`[msb-opt] +${Math.round(performance.now())}ms ${msg}\n`);
  const code = await runFrontend(new Bridge(client), env, log);
  // Exit now, without closing the HTTP/2 session: a GOAWAY ends BuildKit's side first, and it then fails
  // the build ("frontend grpc server closed unexpectedly") over our successful Return. An open stdin would
  // otherwise keep Node alive.
  process.exit(code);
}

if (startedByBuildKit) {
  frontend().catch((err: unknown) => {
    process.stderr.write(`[msb-opt] ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
} else {
  import("./cli/main.js");
}
