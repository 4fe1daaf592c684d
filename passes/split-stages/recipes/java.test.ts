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
  test("the JDK's compiler, jshell or a JDK tool called in-process declines: a JRE lacks their modules", async () => {
    for (const call of [
      "javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, f)",
      "JavaCompiler c = ToolProvider.getSystemJavaCompiler()",
      "JShell js = JShell.create()",
      'java.util.spi.ToolProvider.findFirst("jar").orElseThrow()',
      "com.sun.tools.javac.Main.compile(args)",
    ]) {
      const r = await split(`class Main { void f() { ${call}; } }`);
      expect(r.output).toBe(DF);
      expect(r.refusals).toEqual([expect.stringMatching(/a tool of the JDK \(or a JDK module/)]);
    }
  });
  test("a JRE tool, a tool name that starts no command, or javax.tools types alone split", async () => {
    for (const code of [
      'new ProcessBuilder("keytool", "-list")',
      'String ext = "jar";',
      'name.endsWith(".jar")',
      "javax.tools.Diagnostic.Kind k = null;",
    ]) {
      const r = await split(`class Main { void f() { ${code} } }`);
      expect(r.output).toContain("eclipse-temurin:17-jre");
    }
  });
});

/** The output and refusals of split-stages on `df`, whose sources are one Main.java. */
const splitFile = async (df: string) => {
  const r = await optimize(df, { passes: ["split-stages"], context: memoryContext({ "src/Main.java": "class Main {}" }) });
  return { output: r.output, refusals: r.refusals.map((n) => n.message) };
};

describe("java: a JRE the catalog does not list declines (rt12 item 8)", () => {
  test("non-LTS majors without a Temurin JRE decline naming it; an LTS one splits", async () => {
    for (const [image, jre] of [
      ["openjdk:14-jdk-slim", "eclipse-temurin:14-jre"],
      ["adoptopenjdk:12-jdk-hotspot", "eclipse-temurin:12-jre"],
      ["adoptopenjdk:15", "eclipse-temurin:15-jre"],
    ]) {
      const df = DF.replace("eclipse-temurin:17-jdk", image);
      const r = await splitFile(df);
      expect(r.output).toBe(df);
      expect(r.refusals).toEqual([expect.stringContaining(`would be \`${jre}\`, which msb-opt's image catalog does not list`)]);
    }
    expect((await splitFile(DF.replace("eclipse-temurin:17-jdk", "openjdk:17-jdk-slim"))).output).toContain("eclipse-temurin:17-jre");
  });
});

describe("java: a USER the JRE image lacks declines (rt12 item 7)", () => {
  const gradle = (user: string, run = "") =>
    `FROM gradle:8-jdk17\nWORKDIR /app\nCOPY . .\n${run}USER ${user}\nRUN javac -d out src/Main.java\nCMD ["java", "-cp", "out", "Main"]\n`;
  test("the gradle image's own user declines; a numeric user or one the stage creates splits", async () => {
    const r = await splitFile(gradle("gradle"));
    expect(r.output).toBe(gradle("gradle"));
    expect(r.refusals).toEqual([expect.stringContaining("runs as user `gradle`")]);
    expect((await splitFile(gradle("gradle:gradle"))).refusals).toEqual([expect.stringContaining("runs as user `gradle`")]);
    expect((await splitFile(gradle("1000"))).output).toContain("eclipse-temurin:17-jre");
    expect((await splitFile(gradle("app", "RUN useradd -m app\n"))).output).toContain("eclipse-temurin:17-jre");
  });
});

describe("java: another vendor's JDK moved onto Temurin's JRE (red team 17 F3, F8)", () => {
  const run = async (df: string, files: Record<string, string> = {}) => {
    const r = await optimize(df, { passes: ["split-stages"], context: memoryContext({ "src/Main.java": "class Main {}", ...files }) });
    return { split: r.output !== df, refusals: r.refusals.map((n) => n.message) };
  };
  const build = "WORKDIR /app\nCOPY src src\nRUN javac -d out src/Main.java\n";
  test("the JDK's own folder in the entry or an ENV declines; java by the PATH splits", async () => {
    for (const tail of [
      'ENV JAVA_HOME=/usr/java/openjdk-17\nCMD ["java", "-cp", "out", "Main"]',
      'CMD ["/usr/local/openjdk-17/bin/java", "-cp", "out", "Main"]',
    ]) {
      const r = await run(`FROM openjdk:17\n${build}${tail}\n`);
      expect(r.split).toBe(false);
      expect(r.refusals).toEqual([expect.stringMatching(/the JDK's own folder in `openjdk:17`/)]);
    }
    expect((await run(`FROM openjdk:17\n${build}CMD ["java", "-cp", "out", "Main"]\n`)).split).toBe(true);
  });
  test("bash syntax that /bin/sh runs declines where /bin/sh was bash, not on a Debian image or under bash", async () => {
    const shellForm = `${build}CMD [[ -n "$X" ]] && echo x; exec java -cp out Main\n`;
    for (const image of ["amazoncorretto:17", "openjdk:17", "maven:3-amazoncorretto-17"]) {
      const r = await run(`FROM ${image}\n${shellForm}`);
      expect(r.split).toBe(false);
      expect(r.refusals).toEqual([expect.stringMatching(/runs bash syntax \(\[\[\) with `\/bin\/sh`/)]);
    }
    expect((await run(`FROM openjdk:17-slim\n${shellForm}`)).refusals).not.toEqual([expect.stringMatching(/bash syntax/)]);
    const script = (shebang: string) => ({ "run.sh": `${shebang}\nsource /app/env\nexec java -cp /app/out Main\n` });
    const df = `FROM amazoncorretto:17\n${build}COPY run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n`;
    expect((await run(df, script("#!/bin/sh"))).refusals).toEqual([expect.stringMatching(/`\/run.sh` runs bash syntax \(source\)/)]);
    expect((await run(df, script("#!/bin/bash"))).refusals).not.toEqual([expect.stringMatching(/bash syntax/)]);
  });
});
