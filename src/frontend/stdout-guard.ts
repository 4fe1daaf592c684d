// In frontend mode stdout is the gRPC wire: a stray console.log would corrupt HTTP/2 and fail the build.
import { Writable } from "node:stream";

/**
 * Send every later write to stdout (console.*, process.stdout.write) to stderr, which BuildKit routes to
 * the daemon's log, and return the only writer that still reaches the real stdout: the wire.
 */
export function guardStdout(): Writable {
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  for (const level of ["log", "info", "debug", "warn", "error", "trace"] as const) {
    console[level] = (...args: unknown[]) => void process.stderr.write(`${args.map(String).join(" ")}\n`);
  }
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stdoutWrite(chunk, (err) => callback(err ?? null));
    },
  });
}
