import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { optimize } from "../../../src/core/pipeline.js";

const DF = 'FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY . .\nRUN javac -d out src/Main.java\nCMD ["java", "-cp", "out", "Main"]\n';
const split = async (main: string) => {
  const r = await optimize(DF, { passes: ["split-stages"], context: memoryContext({ "src/Main.java": main }) });
  return { output: r.output, refusals: r.refusals.map((n) => n.message) };
};

describe("java: a JDK tool the sources start keeps the split off the JRE", () => {
  test("ProcessBuilder, exec and List.of of a JDK-only tool decline naming it", async () => {
    for (const call of [
      'new ProcessBuilder("jcmd", "-h")',
      'Runtime.getRuntime().exec("jstack " + pid)',
      'pb.command(List.of("/opt/java/openjdk/bin/jar", "tf", f))',
    ]) {
      const r = await split(`class Main { void f() { ${call}; } }`);
      expect(r.output).toBe(DF);
      expect(r.refusals).toEqual([expect.stringMatching(/runs `j(cmd|stack|ar)`, a tool of the JDK/)]);
    }
  });
  test("a JRE tool, or a tool name that starts no command, splits", async () => {
    for (const code of ['new ProcessBuilder("keytool", "-list")', 'String ext = "jar";', 'name.endsWith(".jar")']) {
      const r = await split(`class Main { void f() { ${code} } }`);
      expect(r.output).toContain("eclipse-temurin:17-jre");
    }
  });
});
