// Java runtimes: AdoptOpenJDK images (Temurin's predecessor) run on Temurin's JRE, OpenJ9 ones decline; a jar
// Gradle makes in build/libs is copied alone, not the working folder with Gradle's caches.
import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { optimize } from "../../../src/core/pipeline.js";

const MAIN = 'public class Main { public static void main(String[] a) { System.out.println("hi"); } }\n';
const run = async (text: string, files: Record<string, string>) => {
  const r = await optimize(text, { context: memoryContext(files), passes: ["split-stages"] });
  return { output: r.output, notes: [...r.changes, ...r.refusals].map((n) => n.message).join("\n") };
};
const jarBuild = (image: string) =>
  `FROM ${image}\nWORKDIR /app\nCOPY src src\nRUN javac -d out src/Main.java && jar cfe app.jar Main -C out .\nCMD ["java", "-jar", "app.jar"]\n`;

test.each([
  ["adoptopenjdk:11-jdk-hotspot", "eclipse-temurin:11-jre"],
  ["adoptopenjdk:8u292-b10-jdk-hotspot-focal", "eclipse-temurin:8-jre"],
  ["adoptopenjdk/openjdk11", "eclipse-temurin:11-jre"],
  ["adoptopenjdk/openjdk17:jdk-17.0.1_12", "eclipse-temurin:17-jre"],
])("%s runs on %s", async (image, jre) => {
  expect((await run(jarBuild(image), { "src/Main.java": MAIN })).output).toContain(`FROM ${jre} AS runtime`);
});

test("OpenJ9, Alpine and JRE images of AdoptOpenJDK do not split", async () => {
  expect((await run(jarBuild("adoptopenjdk:11-jdk-openj9"), { "src/Main.java": MAIN })).notes).toContain("runs the OpenJ9 JVM");
  expect((await run(jarBuild("adoptopenjdk/openjdk11-openj9"), { "src/Main.java": MAIN })).output).not.toContain("AS runtime");
  expect((await run(jarBuild("adoptopenjdk/openjdk11:alpine"), { "src/Main.java": MAIN })).output).not.toContain("AS runtime");
  expect((await run(jarBuild("adoptopenjdk:11-jre-hotspot"), { "src/Main.java": MAIN })).output).not.toContain("AS runtime");
});

const GRADLE = {
  "settings.gradle": 'rootProject.name = "app"\n',
  "build.gradle": 'plugins { id "java" }\njar { manifest { attributes "Main-Class": "Main" } }\n',
  "src/main/java/Main.java": MAIN,
};
const gradle = (workdir: string, task = "gradle build") =>
  `FROM gradle:8-jdk17\n${workdir}COPY . .\nRUN ${task}\nENTRYPOINT ["java","-jar","build/libs/app.jar"]\n`;

test("a Gradle jar is copied alone, also from the gradle image's own working folder", async () => {
  for (const text of [gradle("WORKDIR /home/gradle\n"), gradle(""), gradle("WORKDIR /src\n", "./gradlew bootJar -x test")]) {
    const { output } = await run(text, { ...GRADLE, gradlew: "#!/bin/sh\n" });
    expect(output).toMatch(/COPY --from=build (\/home\/gradle|\/src)\/build\/libs\/app\.jar /);
    expect(output).not.toMatch(/COPY --from=build \/home\/gradle \/home\/gradle/);
  }
  const noWorkdir = await run(gradle(""), GRADLE);
  expect(noWorkdir.output).toMatch(/AS runtime\nWORKDIR \/home\/gradle\n/);
});

test("a manifest Class-Path, or a jar Gradle did not make, keeps the whole folder", async () => {
  const classPath = { ...GRADLE, "build.gradle": 'jar { manifest { attributes "Class-Path": "lib/a.jar" } }\n' };
  expect((await run(gradle("WORKDIR /home/gradle\n"), classPath)).output).toContain("COPY --from=build /home/gradle /home/gradle");
  const other = await run(gradle("WORKDIR /home/gradle\n", "gradle test"), GRADLE);
  expect(other.output).not.toContain("build/libs/app.jar /home");
});
