import { createServer } from "node:http2";
import { createConnection, createServer as createNetServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GrpcError, grpcClient } from "./grpc-stdio.js";

/** A client connected to an HTTP/2 server whose handler answers each stream as `respond` says. */
async function connected(respond: (stream: import("node:http2").ServerHttp2Stream, body: Buffer, path: string) => void) {
  const h2 = createServer();
  h2.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => respond(stream, Buffer.concat(chunks), String(headers[":path"])));
  });
  const sock = join(mkdtempSync(join(tmpdir(), "msb-grpc-")), "s");
  const net = createNetServer((conn) => h2.emit("connection", conn));
  await new Promise<void>((r) => net.listen(sock, r));
  return grpcClient(createConnection(sock), "test.Service");
}

describe("unary gRPC over a stream", () => {
  it("frames the request and unframes the reply", async () => {
    let seen: { body: Buffer; path: string } | undefined;
    const client = await connected((stream, body, path) => {
      seen = { body, path };
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, 0x01]));
    });
    const reply = await client.call("Echo", Buffer.from([0x0a, 0x01, 0x41]));
    expect(reply.toString("hex")).toBe("0801");
    expect(seen?.path).toBe("/test.Service/Echo");
    expect(seen?.body.toString("hex")).toBe("00000000030a0141");
  });

  it("reads a trailers-only error (as Go's gRPC sends it), with the message decoded and the details kept", async () => {
    const details = Buffer.from("08031205626f6f6d21", "hex");
    const client = await connected((stream) => {
      stream.respond(
        {
          ":status": 200,
          "content-type": "application/grpc",
          "grpc-status": "3",
          "grpc-message": encodeURIComponent("line 3: unknown instruction: FROMM"),
          "grpc-status-details-bin": details.toString("base64"),
        },
        { endStream: true },
      );
    });
    const err = await client.call("Solve", Buffer.alloc(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrpcError);
    const g = err as GrpcError;
    expect([g.code, g.grpcMessage, g.message]).toEqual([
      3,
      "line 3: unknown instruction: FROMM",
      "Solve: line 3: unknown instruction: FROMM",
    ]);
    expect(g.statusBytes?.equals(details)).toBe(true);
  });
});
