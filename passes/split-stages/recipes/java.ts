// Java: the JRE of the same major. Temurin JDK tags keep their OS variant (`17-jdk` → `17-jre`,
// `21-jdk-jammy` → `21-jre-jammy`); other JDK images (openjdk, amazoncorretto, maven and gradle images on
// them) run on Temurin's JRE of that major, which the note says (JAVA_HOME differs).
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { catalogGroup } from "../../../src/core/image-catalog.js";
import { instruction } from "../../../src/core/ir.js";
import { contextSource } from "../entry.js";
import { javaFiles } from "./java-files.js";
import { bashShell } from "../image-shell.js";
import { isOfficial, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

const UBUNTU = /^(focal|jammy|noble)$/;
const GRADLE_HOME = "/home/gradle";
const OTHER_JDKS = ["openjdk", "amazoncorretto", "maven", "gradle", "adoptopenjdk"];
/** AdoptOpenJDK's own repositories (`adoptopenjdk/openjdk11`), Temurin's predecessor; `-openj9` ones are another JVM. */
const ADOPT_REPO = /^adoptopenjdk\/openjdk(\d+)$/;

/** The Java major of a non-Temurin JDK tag, or null (unknown, alpine, windows, or a JRE). */
function otherMajor(name: string, tag: string): number | null {
  if (/alpine|windows|nanoserver|jre/.test(tag)) return null;
  const adopt = ADOPT_REPO.exec(name);
  // `adoptopenjdk/openjdk11:latest`, `:jdk-11.0.11_9`, `:jdk-11.0.11_9-slim`; not the centos, ubi or openj9 builds.
  if (adopt)
    return /^(latest|jdk-[\w.]+?(-(slim|debian|debianslim))?)$/.test(tag) && !/openj9/.test(tag) ? Number.parseInt(adopt[1], 10) : null;
  // `adoptopenjdk:11-jdk-hotspot` (also `-focal`, `11`, `latest`); OpenJ9 is another JVM than Temurin's JRE.
  if (name === "adoptopenjdk") {
    if (/openj9/.test(tag)) return null;
    const v = /^(\d+)(?:u[\w-]*?)?(?:\.[\d._]+)?(?:-jdk(?:-hotspot)?(?:-(?:focal|bionic|xenial|jammy))?)?$/.exec(tag);
    return v ? Number.parseInt(v[1], 10) : null;
  }
  const m =
    name === "maven"
      ? // `3.8-jdk-11` (the older maven tags, on `openjdk:11-jdk`), `3-openjdk-17`, `3-amazoncorretto-17`, …
        /(?:^|-)(?:jdk|openjdk|adoptopenjdk|amazoncorretto|eclipse-temurin|sapmachine)-(\d+)/.exec(tag)
      : name === "gradle"
        ? /jdk-?(\d+)/.exec(tag)
        : /^(\d+)(?:[.-]|$)/.exec(tag);
  return m ? Number.parseInt(m[1], 10) : null;
}

/**
 * Tools of a JDK's bin/ that a JRE's lacks (Temurin's JRE has java, keytool, rmiregistry and, by release, jfr,
 * jrunscript; Debian's jre-headless also jpackage: those are left out).
 */
const JDK_ONLY = [
  ...["jar", "jarsigner", "javac", "javadoc", "javap", "jcmd", "jconsole", "jdb", "jdeprscan", "jdeps", "jhsdb", "jimage"],
  ...["jinfo", "jlink", "jmap", "jmod", "jps", "jshell", "jstack", "jstat", "jstatd", "serialver"],
];

export const javaRecipe: Recipe = {
  id: "java",
  matches: (base) =>
    isOfficial(base, "eclipse-temurin") ||
    OTHER_JDKS.some((n) => isOfficial(base, n)) ||
    ((base.registry === null || base.registry === "docker.io") && ADOPT_REPO.test(base.name)),
  tools: ["java"],
  // The JDK's commands, which a JRE runtime lacks (other sources than Java's: an entry script's `jcmd 1 …`).
  toolchain: {
    named: JDK_ONLY.filter((t) => t !== "jar" && t !== "jps"),
    called: ["jar", "jps"],
  },
  // The gradle image works in `/home/gradle` (its WORKDIR); the other JDK images set none, so they work in `/`,
  // as the JRE runtimes (Temurin's) do: a path before any WORKDIR lands at the same place in both.
  baseWorkdirOf: (base) => (isOfficial(base, "gradle") ? GRADLE_HOME : "/"),
  plan(base, a, context): PlanResult {
    const tag = base.tag ?? "latest";
    const notes: RecipeNote[] = [];
    let jre: string | null = null;
    if (/(^|-)jre(-|$)/.test(tag)) return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    // IBM Semeru (the maven image's `-ibm-semeru-N` tags) is OpenJ9 too.
    if (/openj9|semeru/.test(`${base.name}:${tag}`)) return { ok: false, id: "javaOpenJ9", data: { image: base.raw } };
    if (base.name === "maven" && /eclipse-temurin-(\d+)(-.*)?$/.test(tag)) {
      const m = /eclipse-temurin-(\d+)(-.*)?$/.exec(tag);
      if (m && !/alpine/.test(m[2] ?? "")) jre = `eclipse-temurin:${m[1]}-jre${m[2] ?? ""}`;
    } else if (base.name !== "eclipse-temurin") {
      const major = otherMajor(base.name, tag);
      // Temurin publishes no JRE of some majors (12 to 15 and others): a tag the catalog does not list may not exist.
      if (major !== null && catalogGroup(null, "eclipse-temurin", `${major}-jre`).length === 0)
        return { ok: false, id: "javaRuntimeUnknown", data: { image: base.raw, jre: `eclipse-temurin:${major}-jre` } };
      if (major !== null) {
        jre = `eclipse-temurin:${major}-jre`;
        notes.push({ line: a.stage.from.line, id: "javaVendor", data: { image: base.raw, jre } });
      }
    } else {
      const [version, ...rest] = tag.split("-");
      if (rest[0] === "jdk") rest.shift();
      // The Ubuntu and Alpine variants have a JRE twin of the same OS (the catalog lists the Alpine ones); ubi
      // and Windows ones are refused.
      if (/^\d/.test(version) && rest.length <= 1 && (rest.length === 0 || UBUNTU.test(rest[0]))) {
        jre = `eclipse-temurin:${version}-jre${rest.length ? `-${rest[0]}` : ""}`;
      } else if (/^\d/.test(version) && rest[0] === "alpine" && rest.length <= 2) {
        const twin = `${version}-jre-${rest.join("-")}`;
        if (catalogGroup(base.registry, "eclipse-temurin", twin).length > 0) jre = `eclipse-temurin:${twin}`;
      }
    }
    if (jre === null) return { ok: false, id: "noRuntimeImage", data: { image: base.raw } };
    if (notes.some((n) => n.id === "javaVendor")) {
      const home = jdkHomePath(a, context);
      if (home) return { ok: false, id: "javaHomePath", data: { ...home, image: base.raw, jre } };
      if (bashShell(base.name, tag)) {
        const bash = bashism(a, context);
        if (bash) return { ok: false, id: "javaShellBash", data: { ...bash, image: base.raw, jre } };
      }
    }
    const user = missingUser(a);
    if (user) return { ok: false, id: "javaUserMissing", data: { user, image: base.raw, jre } };
    const source = sourceLaunch(a);
    if (source) return { ok: false, id: "javaSourceLauncher", data: { file: source } };
    const tool = jdkTool(context);
    if (tool) return { ok: false, id: "javaJdkTool", data: { ...tool, image: jre } };
    const files = javaFiles(a, context);
    if (files) notes.push({ line: a.stage.body[a.lastBuild].line, id: "javaFiles", data: { paths: files.join("`, `") } });
    // The JRE image has no such working folder: the runtime sets the gradle image's.
    const ownWorkdir = a.stage.body.some((i) => i.keyword === "WORKDIR");
    const prelude = ownWorkdir || !isOfficial(base, "gradle") ? [] : [instruction("WORKDIR", GRADLE_HOME, { line: a.stage.from.line })];
    // Temurin's Ubuntu images install these themselves (adoptium/containers' generated Dockerfiles: "curl required
    // for historical reasons"); the Alpine ones do not.
    const providedTools = /alpine/.test(jre) ? [] : TEMURIN_UBUNTU_TOOLS;
    const plan = { image: jre, shellless: false, builderInserts: [], runtimePrelude: prelude, notes, providedTools };
    return { ok: true, plan: files ? { ...plan, copyPaths: files } : plan };
  },
};

/** Programs of the packages every Ubuntu Temurin image installs: curl, wget, fontconfig, ca-certificates, p11-kit, tzdata, locales. */
const TEMURIN_UBUNTU_TOOLS = [
  "curl",
  "wget",
  "fc-list",
  "fc-cache",
  "fc-match",
  "update-ca-certificates",
  "p11-kit",
  "trust",
  "locale",
  "locale-gen",
  "tzselect",
];

/** The JDK's own folder in the non-Temurin images (Corretto's, Debian's, Oracle Linux's openjdk, `docker-java-home`). */
const JDK_HOME = /(?:\/usr\/lib\/jvm|\/usr\/local\/openjdk-\d+|\/usr\/java|\/docker-java-home)(?:\/[^\s"':;]*)?/;

/** The texts the image runs or sets at start: entry and healthcheck, ENV values, the build's scripts the entry runs. */
function startTexts(a: Analysis, context: BuildContext): Array<{ where: string; text: string; shell: boolean; script: boolean }> {
  const out: Array<{ where: string; text: string; shell: boolean; script: boolean }> = [];
  for (const instr of a.stage.body) {
    if (instr.keyword === "ENV") out.push({ where: `ENV ${instr.args}`, text: instr.args, shell: false, script: false });
    if (!["ENTRYPOINT", "CMD", "HEALTHCHECK"].includes(instr.keyword)) continue;
    const exec = instr.exec;
    if (exec === null || exec === undefined) {
      out.push({ where: `${instr.keyword} ${instr.args}`, text: instr.args, shell: !/^\s*NONE\s*$/i.test(instr.args), script: false });
      continue;
    }
    const c = exec.indexOf("-c");
    const shell = c > 0 && /^(?:\/bin\/|\/usr\/bin\/)?sh$/.test(exec[0]) ? exec.slice(c + 1).join(" ") : null;
    out.push({ where: `${instr.keyword} ${instr.args}`, text: exec.join(" "), shell: false, script: false });
    if (shell !== null) out.push({ where: `${instr.keyword} ${instr.args}`, text: shell, shell: true, script: false });
  }
  const seen = new Set<string>();
  for (const e of a.entry) {
    if (e.artifact === null || seen.has(e.artifact)) continue;
    seen.add(e.artifact);
    const src = contextSource(e.artifact, a.sources);
    const text = src === null ? null : context.read(src);
    if (text === null || text.includes("\0")) continue;
    // A script run by `/bin/sh`: its `#!/bin/sh` line, no `#!` line (the shell runs it), or sourced by one.
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    const sh = shebang === null || /^(?:\/usr)?\/bin\/sh$/.test(shebang[1]) || (/\/env$/.test(shebang[1]) && shebang[2] === "sh");
    out.push({ where: e.artifact, text, shell: sh && e.sourced !== true, script: true });
  }
  return out;
}

/**
 * A path in the JDK's own folder of the source image that the entry, an ENV value or an entry script names
 * (`/usr/lib/jvm/java-17-amazon-corretto/bin/java`, `ENV JAVA_HOME=/usr/java/openjdk-17`): Temurin's JRE has its
 * Java in /opt/java/openjdk, so the path names nothing there.
 */
function jdkHomePath(a: Analysis, context: BuildContext): { where: string; path: string } | null {
  for (const t of startTexts(a, context)) {
    const m = JDK_HOME.exec(t.text);
    if (m) return { where: t.where, path: m[0] };
  }
  return null;
}

/** Bash syntax that dash does not run the same way, with what it looks like in the text. */
const BASHISMS: ReadonlyArray<[RegExp, string]> = [
  [/\[\[\s/, "[["],
  [/(?:^|[;&|({]\s*|\bthen\s+|\bdo\s+)source\s/m, "source"],
  [/(?:^|[;&|]\s*)function\s+\w+/m, "function"],
  [/(?:^|\s)\w+=\(/m, "an array"],
  [/<<</, "<<<"],
  [/[<>]\(/, "a process substitution"],
  [/&>/, "&>"],
  [/\$'/, "$'…'"],
  [/\$\{\w+:(?:\d| -\d)/, "${var:offset}"],
  [/\$\{\w+\/\/?/, "${var/pattern/…}"],
  [/\$\{!\w/, "${!var}"],
  [/\$\{\w+(?:\^|,)/, "${var^}"],
  [/(?:^|[;&|]\s*)(?:declare|typeset|shopt|pushd|popd|let)\s/m, "a bash builtin"],
  [/-o\s+pipefail/, "pipefail"],
  [/\[\s[^\]\n]*\s==\s/, "== in ["],
  [/\$\{?(?:RANDOM|BASH\w*|PIPESTATUS|EUID|SECONDS|FUNCNAME)\b/, "a bash variable"],
  [/(?:^|[;&|]\s*)echo\s+-[nE]*e/m, "echo -e"],
  [/\{\w+\.\.\w+\}/, "{a..b}"],
];

/** Bash syntax in what `/bin/sh` runs at start (shell-form entry, `sh -c`, a `#!/bin/sh` script), or null. */
function bashism(a: Analysis, context: BuildContext): { where: string; bashism: string } | null {
  for (const t of startTexts(a, context)) {
    if (!t.shell) continue;
    const code = t.text
      .split("\n")
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    for (const [re, what] of BASHISMS) if (re.test(code)) return { where: t.where, bashism: what };
  }
  return null;
}

/**
 * The user a `USER` names that the JRE image may lack: a name (not an id) the stage does not create, such as the
 * gradle image's own `gradle`, which Temurin's JRE has not (its Ubuntu has `ubuntu` at uid 1000 instead).
 */
function missingUser(a: Analysis): string | null {
  const created = a.stage.body
    .filter((i) => i.keyword === "RUN")
    .map((i) => (i.exec ? i.exec.join(" ") : i.args))
    .join("\n");
  for (const instr of a.stage.body) {
    if (instr.keyword !== "USER") continue;
    const name = instr.args.trim().split(":")[0];
    if (/^\d+$/.test(name) || name === "root" || name === "nobody") continue;
    const made = new RegExp(`\\b(?:useradd|adduser)\\b[^\\n;&|]*\\s${name.replace(/[^\w-]/g, "\\$&")}(?:\\s|$|[;&|])`, "m");
    if (!made.test(created)) return name;
  }
  return null;
}

/**
 * A source file the image runs with `java Hello.java` (the source-file launcher, Java 11+): it compiles at start
 * with the JDK's compiler module, which a JRE lacks.
 */
function sourceLaunch(a: Analysis): string | null {
  for (const instr of a.stage.body) {
    if (!["ENTRYPOINT", "CMD", "HEALTHCHECK"].includes(instr.keyword)) continue;
    const text = instr.exec ? instr.exec.join(" ") : instr.args;
    const m = /(?:^|[\s/])java\s+(?:\S+\s+)*?([^\s"'-][^\s"']*\.java)(?=\s|$|["'])/.exec(text);
    if (m) return m[1];
  }
  return null;
}

/** A string literal that starts a command (`new ProcessBuilder("jcmd", …)`, `exec("jstack " + pid)`, `List.of("jar", …)`). */
const STARTS_COMMAND = new RegExp(
  `(?:ProcessBuilder|\\.command|\\.exec|String\\[\\]\\s*\\{|List\\.of|asList)\\s*\\(?\\s*"(?:[^"\\s]*/)?(${JDK_ONLY.join("|")})(?=[\\s"])`,
);

/**
 * In-process use of a JDK module that a JRE lacks (jdk.compiler, jdk.jshell, jdk.jartool …): the system compiler
 * (`ToolProvider.getSystemJavaCompiler()` answers null on a JRE), javac's own classes, JShell, a JDK tool found by
 * name (`java.util.spi.ToolProvider.findFirst("jar")`), or a module that requires one. Annotation processors use
 * `javax.tools` types too, at build time, so the package alone is no evidence.
 */
const JDK_API =
  /\b(?:ToolProvider\s*\.\s*(?:getSystemJavaCompiler|getSystemDocumentationTool)\s*\(|com\.sun\.tools\.javac\.\w+|jdk\.jshell\.\w+|JShell\s*\.\s*(?:create|builder)\s*\(|ToolProvider\s*\.\s*findFirst\s*\(\s*"(?:javac|jar|jlink|jmod|jshell|javadoc|jdeps|jpackage|javap)"|requires\s+(?:static\s+)?jdk\.(?:compiler|jshell|jartool|jlink|jdeps)\s*;)/;

/**
 * A JDK-only tool the Java sources start, or a JDK-only module they call in-process (the commands the entry and
 * its scripts run are checked against the runtime's by the pass).
 */
function jdkTool(context: BuildContext): { tool: string; file: string } | null {
  let found: { tool: string; file: string } | null = null;
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      if (found) return;
      const path = dir === "." ? name : `${dir}/${name}`;
      if (/\.(java|kt)$/.test(name)) {
        const text = context.read(path) ?? "";
        const m = STARTS_COMMAND.exec(text);
        const api = m ? null : JDK_API.exec(text);
        if (m) found = { tool: m[1], file: path };
        else if (api)
          found = { tool: api[0].replace(/\s+/g, " ").replace(/[(]$/, "()").replace(/"$/, '")').replace(/\s*;$/, ""), file: path };
      } else if (depth < 8 && !/^\.|^(target|build|node_modules)$/.test(name) && !/\.\w+$/.test(name)) walk(path, depth + 1);
    }
  };
  walk(".", 0);
  return found;
}
