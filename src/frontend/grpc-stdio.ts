// Unary gRPC calls over one HTTP/2 connection on a given stream (stdin/stdout in production). No gRPC
// library can use stdio as its transport (grpc-js has no client-side connection injection), but
// node:http2 accepts any Duplex, and unary gRPC is only a framed POST with the status in the trailers.
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from "node:http2";
import type { Duplex } from "node:stream";

/** A failed call, with the server's google.rpc.Status bytes when it sent them (typed error details). */
export class GrpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly grpcMessage: string,
    readonly statusBytes?: Buffer,
  ) {
    super(`${method}: ${grpcMessage || `gRPC status ${code}`}`);
    this.name = "GrpcError";
  }
}

export interface UnaryClient {
  call(method: string, request: Uint8Array): Promise<Buffer>;
}

function frame(message: Uint8Array): Buffer {
  const head = Buffer.alloc(5); // flag 0 (uncompressed), uint32 big-endian length
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

function unframe(body: Buffer): Buffer {
  if (body.length < 5) return Buffer.alloc(0);
  if (body[0] !== 0) throw new Error("compressed gRPC messages are not supported");
  return body.subarray(5, 5 + body.readUInt32BE(1));
}

function decodeGrpcMessage(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A client for `service` on a connection made over `stream`. The session is never closed on purpose: a
 * GOAWAY makes BuildKit end the build before our process exits ("frontend grpc server closed
 * unexpectedly"); the caller exits the process instead.
 */
export function grpcClient(stream: Duplex, service: string): UnaryClient & { session: ClientHttp2Session } {
  const session = connect("http://localhost", { createConnection: () => stream });
  session.on("error", () => {}); // surfaced through the pending calls' stream errors
  return {
    session,
    call(method, request) {
      return new Promise((resolve, reject) => {
        const req = session.request({
          ":method": "POST",
          ":path": `/${service}/${method}`,
          "content-type": "application/grpc",
          te: "trailers",
        });
        let headers: IncomingHttpHeaders = {};
        let trailers: IncomingHttpHeaders = {};
        const chunks: Buffer[] = [];
        req.on("response", (h) => (headers = h));
        req.on("trailers", (t) => (trailers = t));
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("error", (err) => reject(new GrpcError(method, 14, err.message)));
        req.on("end", () => {
          // A trailers-only response carries the status in the headers.
          const pick = (name: string) => trailers[name] ?? headers[name];
          const status = Number(pick("grpc-status") ?? (Number(headers[":status"]) === 200 ? 0 : 2));
          if (status !== 0) {
            const details = pick("grpc-status-details-bin");
            const raw = Array.isArray(details) ? details[0] : details;
            reject(new GrpcError(method, status, decodeGrpcMessage(pick("grpc-message")), raw ? Buffer.from(raw, "base64") : undefined));
            return;
          }
          try {
            resolve(unframe(Buffer.concat(chunks)));
          } catch (err) {
            reject(err);
          }
        });
        req.end(frame(request));
      });
    },
  };
}
