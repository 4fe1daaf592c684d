// The entry of msb-opt's image: the BuildKit frontend when BuildKit started us (it sets BUILDKIT_*), the
// CLI otherwise (`docker run --rm -i msb-opt - < Dockerfile`).
import { guardStdout } from "./frontend/stdout-guard.js";

const env = process.env;
const startedByBuildKit = "BUILDKIT_SESSION_ID" in env || Object.keys(env).some((k) => k.startsWith("BUILDKIT_FRONTEND_OPT_"));

if (startedByBuildKit) {
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
} else {
  await import("./cli/main.js");
}
