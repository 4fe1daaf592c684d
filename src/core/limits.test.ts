// Generated absurd inputs: no stack overflow however deep or long the file, and a clear error past the limits.
import { describe, expect, test } from "vitest";
import { DockerfileError } from "./parse.js";
import { MAX_FILE_CHARS, MAX_INSTRUCTIONS, optimize } from "./pipeline.js";

const chain = (n: number, op = "&&") => Array.from({ length: n }, (_, i) => `echo ${i}`).join(` ${op} \\\n  `);
const OPTIONS = { offline: true };

describe("deep and long inputs", () => {
  test("a RUN of 5,000 chained commands is declined, not a crash", async () => {
    const text = `FROM debian:bookworm\nRUN ${chain(5000)}\nRUN echo done\nCMD ["bash"]\n`;
    const result = await optimize(text, OPTIONS);
    expect(result.refusals.map((n) => n.message).join("\n")).toContain("nests more than");
  });

  test("many RUNs of a few hundred chained commands each (merged deeper than any one)", async () => {
    const runs = Array.from({ length: 4 }, () => `RUN ${chain(550)}\n`).join("");
    const result = await optimize(`FROM debian:bookworm\n${runs}CMD ["bash"]\n`, OPTIONS);
    const again = await optimize(result.output, OPTIONS);
    expect(again.output).toBe(result.output);
  });

  test("4,000 consecutive RUNs", async () => {
    const runs = Array.from({ length: 4000 }, (_, i) => `RUN echo ${i}\n`).join("");
    const result = await optimize(`FROM debian:bookworm\n${runs}CMD ["bash"]\n`, OPTIONS);
    expect(result.output).toContain("echo 3999");
  });

  test("deep subshells and nested ifs", async () => {
    const nested = `${"( ".repeat(2000)}true${" )".repeat(2000)}`;
    const ifs = `${"if true; then ".repeat(1500)}true${"; fi".repeat(1500)}`;
    const result = await optimize(`FROM debian:bookworm\nRUN ${nested}\nRUN ${ifs}\nRUN echo hi\nCMD ["bash"]\n`, OPTIONS);
    expect(typeof result.output).toBe("string");
  });

  // Each RUN asks for the SHELL in effect through the whole chain: this took minutes when that was quadratic.
  test("1,500 stages each built FROM the previous one", { timeout: 60_000 }, async () => {
    const stages = Array.from({ length: 1500 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN echo ${i}\n`).join("");
    const result = await optimize(`FROM debian:bookworm AS s0\nSHELL ["/bin/bash", "-c"]\n${stages}`, OPTIONS);
    expect(result.output).toContain("FROM s1499 AS s1500");
  });

  test("a file past the size limit is an error on line 1", async () => {
    const text = `FROM debian:bookworm\n${"# padding\n".repeat(MAX_FILE_CHARS / 10 + 1)}`;
    await expect(optimize(text)).rejects.toThrow(DockerfileError);
    await expect(optimize(text)).rejects.toThrow(/too large/);
  });

  test("a file past the instruction limit is an error at the first instruction past it", async () => {
    const text = `FROM debian:bookworm\n${"EXPOSE 80\n".repeat(MAX_INSTRUCTIONS)}`;
    const error = await optimize(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerfileError);
    expect((error as DockerfileError).line).toBe(MAX_INSTRUCTIONS + 1);
  });
});
