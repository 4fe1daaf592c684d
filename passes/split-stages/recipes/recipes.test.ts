import { describe, expect, test } from "vitest";
import { optimize } from "../../../src/core/pipeline.js";
import { memoryContext } from "../../../src/core/context.js";
import { parseImageRef } from "../../../src/core/image-ref.js";
import type { Analysis } from "../analysis.js";
import { javaRecipe } from "./java.js";
import { nginxRecipe } from "./nginx.js";
import { nodeRecipe } from "./node.js";
import { pythonRecipe } from "./python.js";
import { debianRecipe } from "./debian.js";

const stage = { from: { line: 1 }, body: [{ keyword: "RUN", args: "true", line: 2 }] };
const analysis = {
  stage,
  lastBuild: 0,
  copyPaths: [],
  apt: [],
  buildCommands: new Set(),
  venvs: [],
  systemPip: [],
  entry: [],
  workdir: null,
  cwdAt: [null],
  sources: new Map(),
  globalInstalls: [],
  projectInstalls: [],
  owners: new Map(),
} as unknown as Analysis;
/** A build that installs a compiler and writes /src. */
const compiles = { ...analysis, copyPaths: ["/src"], apt: [{ packages: ["gcc"] }] } as unknown as Analysis;
const image = (recipe: typeof nodeRecipe, ref: string, a: Analysis = analysis) => {
  const r = recipe.plan(parseImageRef(ref), a, memoryContext({}), [], { cacheMounts: false, takenNames: new Set(), harden: false });
  return r.ok ? r.plan.image : r.id;
};

describe("runtime images keep family and version", () => {
  test.each([
    ["node:20", "node:20-slim"],
    ["node:20.11.1", "node:20.11.1-slim"],
    ["node:20-bookworm", "node:20-bookworm-slim"],
    ["node:lts", "node:lts-slim"],
    ["node", "node:slim"],
    ["node:20-alpine", "alreadySlim"],
  ])("node %s → %s", (from, to) => expect(image(nodeRecipe, from)).toBe(to));
  test.each([
    ["python:3.11", "python:3.11-slim"],
    ["python:3.11-bookworm", "python:3.11-slim-bookworm"],
    ["python:3.11-slim", "alreadySlim"],
  ])("python %s → %s", (from, to) => expect(image(pythonRecipe, from)).toBe(to));
  test.each([
    ["eclipse-temurin:17-jdk", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:17", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:21-jdk-jammy", "eclipse-temurin:21-jre-jammy"],
    ["maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre"],
    ["eclipse-temurin:17-jdk-alpine", "eclipse-temurin:17-jre-alpine"],
    ["eclipse-temurin:21-jdk-alpine-3.21", "eclipse-temurin:21-jre-alpine-3.21"],
    ["eclipse-temurin:17-jdk-ubi9-minimal", "noRuntimeImage"],
    ["eclipse-temurin:17-jre", "alreadySlim"],
    ["openjdk:17", "eclipse-temurin:17-jre"],
    ["openjdk:17-jdk-slim", "eclipse-temurin:17-jre"],
    ["openjdk:11-jre", "alreadySlim"],
    ["openjdk:17-alpine", "noRuntimeImage"],
    ["amazoncorretto:21", "eclipse-temurin:21-jre"],
    ["amazoncorretto:17-al2023", "eclipse-temurin:17-jre"],
    ["maven:3.9-amazoncorretto-17", "eclipse-temurin:17-jre"],
    ["maven:3.9.6-openjdk-11", "eclipse-temurin:11-jre"],
    ["gradle:8.5-jdk17", "eclipse-temurin:17-jre"],
    ["gradle:jdk21-jammy", "eclipse-temurin:21-jre"],
    ["openjdk", "noRuntimeImage"],
  ])("java %s → %s", (from, to) => expect(image(javaRecipe, from)).toBe(to));
  test.each([
    ["debian:bookworm", "debian:bookworm-slim"],
    ["debian:12", "debian:12-slim"],
    ["debian", "debian:stable-slim"],
  ])("debian %s → %s", (from, to) => expect(image(debianRecipe, from, compiles)).toBe(to));
  test("debian: nothing build-only installed, nothing to gain", () => {
    const keeps = { ...compiles, apt: [{ packages: ["curl"] }] } as unknown as Analysis;
    const r = debianRecipe.plan(parseImageRef("debian:bookworm"), keeps, memoryContext({}), ["curl"], {
      cacheMounts: false,
      takenNames: new Set(),
      harden: false,
    });
    expect(r.ok ? r.plan.image : r.id).toBe("nothingBuildOnly");
  });
});

describe("nginx keeps what its entry runs", () => {
  // prakhar1989/docker-curriculum static-site: `COPY wrapper.sh /; CMD ["./wrapper.sh"]` lost the wrapper.
  const wrapper = {
    ...analysis,
    setup: [],
    runWrites: [],
    baseRemovals: [],
    rootWrite: null,
    cwdAt: [],
    copyPaths: ["/usr/share/nginx/html", "/wrapper.sh"],
    entry: [{ name: "./wrapper.sh", from: "CMD", line: 4, artifact: null, shell: false }],
  } as unknown as Analysis;
  const plan = (a: Analysis) => {
    const r = nginxRecipe.plan(parseImageRef("nginx"), a, memoryContext({}), [], {
      cacheMounts: false,
      takenNames: new Set(),
      harden: false,
    });
    return r.ok ? r.plan.copyPaths : r.id;
  };
  test("the same image with every file kept has nothing to gain", () => {
    expect(plan(wrapper)).toBe("nothingToGain");
  });
  test("a split keeps the script, and with its reach unread, every copied file", () => {
    const built = { ...wrapper, copyPaths: [...wrapper.copyPaths, "/src"], apt: [{ packages: ["gcc"] }] } as unknown as Analysis;
    expect(plan(built)).toEqual(["/usr/share/nginx/html", "/wrapper.sh", "/src"]);
    const followed = { ...built, entry: [{ ...wrapper.entry[0], artifact: "/wrapper.sh" }] } as unknown as Analysis;
    expect(plan(followed)).toEqual(["/usr/share/nginx/html", "/wrapper.sh"]);
  });
});

describe("nginx: a config the pass cannot read keeps every copied path (red team 17 F5, F6)", () => {
  const build = "FROM nginx:stable\nRUN apt-get update && apt-get install -y python3\nWORKDIR /srv\nCOPY gen.py .\nRUN python3 gen.py\n";
  const copies = async (df: string, files: Record<string, string>) => {
    const r = await optimize(df, { passes: ["split-stages"], context: memoryContext({ "gen.py": "print(1)\n", ...files }) });
    return r.output.split("\n").filter((l) => l.startsWith("COPY --from="));
  };
  test("a template with a variable the Dockerfile does not set, a config a program writes", async () => {
    const template = `${build}COPY site.conf.template /etc/nginx/templates/\nCMD ["nginx", "-g", "daemon off;"]\n`;
    expect(await copies(template, { "site.conf.template": "server { root ${WEB_ROOT}; }\n" })).toContain("COPY --from=build /srv /srv");
    const written = `${build}RUN python3 gen.py --conf > /etc/nginx/conf.d/default.conf\nCMD ["nginx", "-g", "daemon off;"]\n`;
    expect(await copies(written, {})).toContain("COPY --from=build /srv /srv");
  });
  test("nginx's own variables in a template leave it readable: the build folder stays behind", async () => {
    const template = `${build.replace("RUN python3 gen.py", "RUN python3 gen.py && cp -r out/. /usr/share/nginx/html/")}COPY site.conf.template /etc/nginx/templates/\nCMD ["nginx", "-g", "daemon off;"]\n`;
    expect(await copies(template, { "site.conf.template": "server { root /usr/share/nginx/html; }\n" })).toContain(
      "COPY --from=build /usr/share/nginx/html /usr/share/nginx/html",
    );
    expect(
      await copies(template, { "site.conf.template": "server { root /usr/share/nginx/html; try_files $uri /index.html; }\n" }),
    ).not.toContain("COPY --from=build /srv /srv");
  });
});
