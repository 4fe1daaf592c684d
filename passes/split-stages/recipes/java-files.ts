// What a Java program needs at run time, when the entry says it: `java -jar X.jar` or `java -cp a:b Main`
// (exec form). The jar must come from `jar c…` here, with no manifest file or one in the context (its
// Class-Path jars are copied too), and the sources may open only files named by literals (copied when the
// context has them). Otherwise: unknown.
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { posix } from "node:path";
import { declaredVariables } from "../../../src/core/instructions.js";
import { contextSource } from "../entry.js";
import { entryScriptReads } from "../script-reads.js";
import { isUnder, outermost, resolvePath } from "../paths.js";
import { jarCreation, jarUpdated, manifestClassPath } from "./java-manifest.js";
import { runMade } from "./go.js";

// Calls that open a file by path; a computed argument means anything may be read.
const OPENERS = /\b(?:new\s+File(?:InputStream|Reader)?|Paths\.get|Path\.of|Files\.\w+)\(\s*([^)]*)/g;

/** The java command line of the image (ENTRYPOINT + CMD, exec form), or null. */
function javaArgv(a: Analysis): readonly string[] | null {
  const last = (k: string) => [...a.stage.body].reverse().find((i) => i.keyword === k);
  const entrypoint = last("ENTRYPOINT");
  const cmd = last("CMD");
  if ((entrypoint && !entrypoint.exec) || (cmd && !cmd.exec)) return null;
  // An exec-form ENTRYPOINT takes CMD's words as its arguments (`CMD ["server", "config.yml"]`).
  const argv = [...(entrypoint?.exec ?? []), ...(cmd?.exec ?? [])];
  return argv.length > 0 && argv[0].replace(/^.*\//, "") === "java" ? argv : null;
}

/** The class path entries and jar the java arguments name, or null when they cannot be told. */
function classPath(argv: readonly string[]): string[] | null {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-jar") return argv[i + 1] ? [...out, argv[i + 1]] : null;
    if (arg === "-cp" || arg === "-classpath" || arg === "--class-path") {
      if (!argv[i + 1]) return null;
      out.push(...argv[++i].split(":").map((p) => p.replace(/\/\*$/, "")));
    } else if (arg.startsWith("@") || arg === "-p" || arg === "--module-path" || arg === "-m" || arg === "--module") {
      return null;
    } else if (!arg.startsWith("-")) {
      return out.length > 0 ? out : null;
    }
  }
  return null;
}

/** The words after `-jar X` or after the main class: the program's own arguments. */
function programArguments(argv: readonly string[]): readonly string[] {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-jar") return argv.slice(i + 2);
    if (arg === "-cp" || arg === "-classpath" || arg === "--class-path") i++;
    else if (!arg.startsWith("-")) return argv.slice(i + 1);
  }
  return [];
}

/** Paths of the build folder the runtime needs, or null (copy the folder whole). */
export function javaFiles(a: Analysis, context: BuildContext): string[] | null {
  const argv = javaArgv(a);
  const cp = argv && classPath(argv);
  if (!cp || a.workdir === null || a.entry.some((e) => e.artifact !== null && !e.name.endsWith("java"))) return null;
  const runs = a.stage.body.filter((i) => i.keyword === "RUN").map((i) => i.args);
  const paths: string[] = [];
  for (const entry of cp) {
    if (entry.includes("$")) return null;
    const path = resolvePath(a.workdir, entry) as string;
    if (entry.endsWith(".jar")) {
      // Only jars made by the jar tool here; a manifest file's Class-Path names more jars to copy.
      const name = entry.replace(/^.*\//, "");
      if (runs.some((r) => jarUpdated(r, name))) return null;
      const made = runs.map((r) => jarCreation(r, name)).find((m) => m !== null);
      if (!made) {
        // Or made by Gradle into the project's build/libs, with no Class-Path jars beside it.
        if (!gradleJar(a, runs, path, context)) return null;
        paths.push(path);
        continue;
      }
      const more = made.manifest === null ? [] : manifestClassPath(made.manifest, path, a.workdir, a.sources, context);
      if (more === null) return null;
      paths.push(...more);
    }
    paths.push(path);
  }
  const reads = readFiles(context);
  if (reads === null) return null;
  paths.push(...reads.map((r) => resolvePath(a.workdir, r) as string));
  // Shell scripts the program runs (`new ProcessBuilder("sh", "scripts/migrate.sh")`) read files too (red team 20 F10).
  const scripts = entryScriptReads(
    a,
    context,
    paths.filter((p) => /\.(?:sh|bash)$/.test(p)),
  );
  if (scripts.computed) return null;
  paths.push(...scripts.paths);
  const named = namedFiles(a, argv, runs, context);
  if (named === null) return null;
  paths.push(...named);
  // What the RUNs made in the folder and left there (`mkdir -p logs data`, `echo seed > seed.txt`, a config copied
  // to `application.yml`): the original image has it, so the runtime keeps it too (red team 22 F8).
  // Not javac's class folders (`javac -d out`): the jar holds the classes, and the class path names the folders it runs.
  const classOutputs = runs.flatMap((r) =>
    [...r.matchAll(/\bjavac\b[^;&|\n]*?\s(?:-d|--directory)\s+([\w./-]+)/g)].map((m) => resolvePath(a.workdir, m[1]) as string),
  );
  paths.push(...runMade(a, context).filter((p) => !classOutputs.some((o) => isUnder(p, o))));
  const kept: string[] = [];
  for (const copied of a.copyPaths) {
    if (!isUnder(a.workdir, copied) && !isUnder(copied, a.workdir)) kept.push(copied);
    else kept.push(...paths.filter((p) => isUnder(p, copied)));
  }
  return paths.every((p) => kept.some((k) => isUnder(p, k))) ? outermost(kept) : null;
}

/** Variables the JVM and its launchers read options from (`-javaagent:/app/otel.jar` in JAVA_TOOL_OPTIONS). */
const OPTION_VARIABLES = new Set(["JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS"]);
/** What Spring Boot loads from the working folder by convention: `./config/`, `./application.properties`, `./application-prod.yml`. */
const SPRING_LOCAL = /^(config|application(-[\w.-]+)?\.(properties|ya?ml))$/;

/**
 * The path an option of the java command line names: `-javaagent:a.jar=opts`, `-agentpath:lib.so`,
 * `-Dkey=file`, `-XX:Flag=file`, `-Xbootclasspath/a:x.jar`, `-Xlog:gc:file=gc.log`, `-splash:img.png`; "" for
 * an option that names none.
 */
function optionPath(word: string): string {
  const m =
    /^-(?:javaagent|agentpath|splash):([^=]+)/.exec(word) ??
    /^-Xbootclasspath\/[ap]?:(.+)$/.exec(word) ??
    /^-(?:D[^=]+|XX:[^=]+)=(.+)$/.exec(word) ??
    /(?:^-Xlog:.*|^-XX:.*)file=([^,:]+)/.exec(word);
  return m ? m[1] : "";
}

/**
 * Build-folder files the java command line's options and the stage's ENV values name (a `-javaagent:` jar, a
 * `-Djava.util.logging.config.file=`, `LOADER_PATH=plugins`, `SPRING_CONFIG_LOCATION=file:/app/config/`) and
 * the files Spring Boot loads from the working folder by convention. Null (keep the folder whole) when a value is
 * computed (`$VAR`) or names a path in the working folder that is neither in the context nor a jar made here.
 */
function namedFiles(a: Analysis, argv: readonly string[], runs: readonly string[], context: BuildContext): string[] | null {
  const workdir = a.workdir as string;
  const out: string[] = [];
  const exists = (abs: string) => {
    const src = contextSource(abs, a.sources);
    return src !== null && (context.read(src) !== null || context.list(src).length > 0);
  };
  /** False when the value's paths cannot be told. `option`: a value the JVM takes as a path when it looks like one. */
  const value = (raw: string, option: boolean): boolean => {
    if (raw.includes("$")) return false;
    for (const part of raw.split(/[:,;]/)) {
      const v = part.replace(/\/+$/, "");
      if (v === "" || /^(file|optional|classpath)$/.test(v)) continue;
      const abs = resolvePath(workdir, v) as string;
      if (!isUnder(abs, workdir) || abs === workdir) {
        if (abs === workdir && v.startsWith("/")) return false;
        continue;
      }
      if (exists(abs)) out.push(abs);
      else if (v.endsWith(".jar") && runs.some((r) => jarCreation(r, posix.basename(v)) !== null)) out.push(abs);
      else if (v.startsWith("/") || (option && (v.includes("/") || /\.\w+$/.test(v)))) return false;
    }
    return true;
  };
  const words = (text: string) =>
    text
      .split(/\s+/)
      .filter((w) => w !== "")
      .map((w) => w.replace(/^["']|["']$/g, ""));
  for (const word of argv.slice(1)) {
    const path = optionPath(word);
    if (path !== "" && !value(path, true)) return null;
  }
  // The program's own arguments (Dropwizard's `server config.yml`, `--spring.config.location=file:./conf/`,
  // `--config conf/app.yml`): a word that names a path keeps it.
  for (const word of programArguments(argv)) {
    const path = word.startsWith("-") ? word.replace(/^[^=]*=?/, "") : word;
    if (path !== "" && !value(path, true)) return null;
  }
  for (const instr of a.stage.body) {
    if (instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? []) {
      const text = v.value ?? "";
      if (OPTION_VARIABLES.has(v.name)) {
        for (const w of words(text)) {
          const path = optionPath(w);
          if (path !== "" && !value(path, true)) return null;
        }
      } else if (!value(text, false)) return null;
    }
  }
  const here = contextSource(workdir, a.sources);
  if (here !== null) for (const name of context.list(here)) if (SPRING_LOCAL.test(name)) out.push(posix.join(workdir, name));
  return out;
}

/** Gradle tasks that leave the project's jar in `build/libs`. */
const GRADLE_JAR_TASKS = new Set(["build", "assemble", "jar", "bootJar", "shadowJar"]);

/**
 * Is `path` the jar a Gradle RUN of the stage makes (`gradle bootJar`, `./gradlew build -x test`) in the build
 * folder of the project in the working folder, whose build script the context has and sets no manifest
 * `Class-Path` (jars the program would load from beside it)? Then the runtime needs that jar alone, not the
 * working folder with the sources and Gradle's caches (`/home/gradle/.gradle` in the gradle image).
 */
function gradleJar(a: Analysis, runs: readonly string[], path: string, context: BuildContext): boolean {
  const workdir = a.workdir as string;
  if (posix.dirname(path) !== `${workdir}/build/libs`) return false;
  const gradleRun = runs.some((r) =>
    r.split(/&&|\|\||;|\n/).some((segment) => {
      const [tool, ...args] = segment.trim().split(/\s+/);
      return /^(gradle|\.\/gradlew|gradlew)$/.test(tool ?? "") && args.some((t) => GRADLE_JAR_TASKS.has(t.replace(/^:/, "")));
    }),
  );
  if (!gradleRun) return false;
  const scripts = ["build.gradle", "build.gradle.kts"].map((f) => contextSource(`${workdir}/${f}`, a.sources));
  const texts = scripts.map((src) => (src === null ? null : context.read(src))).filter((t): t is string => t !== null);
  return texts.length > 0 && !texts.some((t) => /Class-Path/i.test(t));
}

/** Context files that string literals of the .java sources name; null when a file path is computed. */
function readFiles(context: BuildContext): string[] | null {
  const literals = new Set<string>();
  let computed = false;
  // A database or file URL (`jdbc:sqlite:data/app.db`, `jdbc:h2:file:./data/app`, `file:./public/`) names its path;
  // SQLite creates a missing file but not its folder, so the folder counts too.
  const addLiteral = (raw: string) => {
    const url = /^(?:jdbc:(?:sqlite|h2:file):|file:)/.test(raw);
    const path = raw
      .replace(/^(?:jdbc:(?:sqlite|h2:file):|file:)/, "")
      .replace(/[?;].*$/, "")
      .replace(/^\.\//, "")
      .replace(/\/+$/, "");
    literals.add(url ? path : raw);
    if (url && path.includes("/")) literals.add(posix.dirname(path));
  };
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (name.endsWith(".java")) {
        const text = context.read(path) ?? "";
        for (const m of text.matchAll(OPENERS)) {
          const rest = m[1].replace(/"[^"]*"/g, "").replace(/\b(?:Path\.of|Paths\.get|new\s+File)\(/g, "");
          if (/[A-Za-z_]/.test(rest)) computed = true;
        }
        for (const m of text.matchAll(/"([^"\n]+)"/g)) {
          addLiteral(m[1]);
          // A command line (`Runtime.getRuntime().exec("sh scripts/migrate.sh")`): its words may name files too.
          if (/\s/.test(m[1])) for (const w of m[1].split(/\s+/)) addLiteral(w.replace(/^\.\//, ""));
        }
        // dotenv-java reads `.env` from the working folder (`Dotenv.load()`), or a folder it is given.
        if (/\bDotenv\s*\.\s*(?:load|configure)\s*\(/.test(text)) {
          if (/\.\s*directory\s*\(/.test(text) || context.read(".env") === null) computed = true;
          else literals.add(".env");
        }
      } else if (/^application(-[\w.-]+)?\.(properties|ya?ml)$/.test(name)) {
        // Spring's own settings name files too (`spring.datasource.url=jdbc:sqlite:data/app.db`, `file:./public/`).
        for (const m of (context.read(path) ?? "").matchAll(/[=:]\s*((?:jdbc:[\w:]+|file:)[^\s,;"']+)/g)) addLiteral(m[1]);
      } else if (depth < 8 && !/^\.|^(target|build|node_modules)$/.test(name) && !/\.\w+$/.test(name)) {
        walk(path, depth + 1);
      }
    }
  };
  walk(".", 0);
  if (computed) return null;
  return [...literals].filter((l) => !/^\/|\.\.|\s/.test(l) && l !== "" && (context.read(l) !== null || context.list(l).length > 0));
}
