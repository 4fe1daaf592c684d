// A very wide script: no stack overflow however many words a command has. In a file of its own: it must run
// before anything loads the shell grammar, as the CLI does (the grammar-free parser reads it first).
import { describe, expect, test } from "vitest";
import { optimize } from "./pipeline.js";

const OPTIONS = { offline: true };

describe("wide inputs", () => {
  // A spread of a node's children as call arguments overflowed the stack at some 120,000 words.
  test("a RUN of 200,000 words (400 KB), and one of 60,000 packages", { timeout: 60_000 }, async () => {
    const run = `RUN echo ${"a ".repeat(200_000).trimEnd()}\n`;
    expect((await optimize(`FROM debian:bookworm\n${run}CMD ["bash"]\n`, OPTIONS)).output).toContain(run);
    const packages = Array.from({ length: 60_000 }, (_, i) => `p${i}`).join(" ");
    const apt = await optimize(`FROM debian:bookworm\nRUN apt-get update && apt-get install -y ${packages}\nCMD ["bash"]\n`, OPTIONS);
    expect(apt.output).toContain("rm -rf /var/lib/apt/lists/*");
  });
});
