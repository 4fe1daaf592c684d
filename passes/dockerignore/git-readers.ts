// Whether the build may read the repository in `.git`: excluding it then changes what the build makes (a stamped
// revision, a version computed from tags) or breaks it (`git rev-parse` in a build script). The RUN text is not
// enough: `npm run build` runs package.json scripts and the files they name, and build tools read their configs.
import type { BuildContext } from "../../src/core/context.js";
import { allInstructions, type Dockerfile } from "../../src/core/ir.js";

/** Calls of git, and libraries and build plugins that read a repository. */
const READS_GIT =
  /\bgit\b|simple-git|isomorphic-git|nodegit|git-rev-sync|git-repo-info|setuptools[_-]scm|versioneer|hatch-vcs|dunamai|GitPython|pygit2|git-commit-id|\bvergen\b|\bgit2\b/;

/** Build configurations at the context root that a build tool loads and runs. */
const BUILD_CONFIGS = new RegExp(
  "^(next|vite|webpack|nuxt|svelte|astro|rollup|vue|craco|tsup|remix)\\.config\\.[cm]?[jt]s$|^gatsby-(config|node)\\.[jt]s$|" +
    "^(setup\\.py|setup\\.cfg|pyproject\\.toml|pom\\.xml|build\\.gradle(\\.kts)?|Cargo\\.toml|build\\.rs|Makefile|CMakeLists\\.txt|meson\\.build)$",
);

/** A context file a command names: a script the build runs. */
const SCRIPT_FILE = /^(\.\/)?[\w./-]+\.(c?js|mjs|ts|py|sh|rb|pl)$/;

/** `go build` stamps the binary with the checkout's revision when it finds the repository (-buildvcs=auto). */
const stampsRevision = (text: string) => /\bgo (build|install)\b/.test(text) && !/-buildvcs=false/.test(text);
const STAMP = "`go build` stamps the binary with the repository's revision, which the program may report";

/** Why the build or the image may read `.git`, or null when nothing it runs or loads mentions git. */
export function gitReader(df: Dockerfile, ctx: BuildContext, copiesWholeContext: boolean): string | null {
  const runs = [...allInstructions(df)].filter((i) => i.keyword === "RUN").map((i) => i.args);
  const text = runs.join("\n");
  if (READS_GIT.test(text)) return "a RUN calls `git`, which may read the repository";
  if (stampsRevision(text)) return STAMP;
  const commands = [...runs];
  // Scripts the build does not run (`start`) may still run somewhere; they are looked at last, and said as they are.
  const others: [string, string][] = [];
  if (/\b(npm|yarn|pnpm|bun)\b/.test(text)) {
    const scripts = packageScripts(ctx);
    const run = scriptsRun(runs, scripts);
    for (const [name, script] of scripts) {
      if (READS_GIT.test(script)) return `the package.json script \`${name}\` calls \`git\``;
      if (run.has(name)) commands.push(script);
      else others.push([name, script]);
    }
  }
  for (const file of namedFiles(commands, ctx)) {
    const script = ctx.read(file) ?? "";
    if (READS_GIT.test(script)) return `\`${file}\`, which the build runs, reads the repository`;
    if (stampsRevision(script)) return `${STAMP} (\`${file}\` runs it)`;
  }
  for (const file of ctx.list(".").filter((n) => BUILD_CONFIGS.test(n))) {
    const config = ctx.read(file) ?? "";
    if (READS_GIT.test(config)) return `\`${file}\`, which the build loads, reads the repository`;
    if (stampsRevision(config)) return `${STAMP} (\`${file}\` runs it)`;
  }
  // `COPY . .` puts the repository in the image, where the program itself may read it (`.git/HEAD`).
  if (copiesWholeContext) {
    const reader = sourceFiles(ctx).find((f) => RUNTIME_READS_GIT.test(ctx.read(f) ?? ""));
    if (reader) return `\`COPY .\` puts it in the image and \`${reader}\` reads the repository`;
  }
  for (const [name, script] of others)
    for (const file of namedFiles([script], ctx)) {
      const body = ctx.read(file) ?? "";
      if (READS_GIT.test(body)) return `\`${file}\`, which the package.json script \`${name}\` runs, reads the repository`;
      if (stampsRevision(body)) return `${STAMP} (\`${file}\`, which the package.json script \`${name}\` runs)`;
    }
  return null;
}

/** Scripts an install runs for the project itself. */
const LIFECYCLE = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];

/**
 * The package.json scripts the build may run: an install's lifecycle scripts, every script whose name a RUN (or a
 * script the build runs) mentions, and their `pre`/`post` scripts. A mention is enough: it over-counts, never under.
 */
function scriptsRun(runs: readonly string[], scripts: readonly [string, string][]): Set<string> {
  const run = new Set(LIFECYCLE);
  const texts = [...runs, ...scripts.filter(([n]) => run.has(n)).map(([, body]) => body)];
  for (let i = 0; i < texts.length; i++) {
    for (const [name, script] of scripts) {
      if (run.has(name) || !mentions(texts[i], name)) continue;
      run.add(name);
      texts.push(script);
      for (const hook of [`pre${name}`, `post${name}`]) {
        const body = scripts.find(([n]) => n === hook)?.[1];
        if (body !== undefined && !run.has(hook)) {
          run.add(hook);
          texts.push(body);
        }
      }
    }
  }
  return run;
}

const mentions = (text: string, name: string) =>
  new RegExp(`(^|[^\\w:.-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w:.-])`).test(text);

/** What a program that reads its own checkout at run time names. */
const RUNTIME_READS_GIT = new RegExp(`${READS_GIT.source}|\\.git\\b`);

const SOURCE = /\.(c?js|mjs|tsx?|py|rb|go|rs|java|kt|php|sh|pl)$/;
const SKIP = new Set(["node_modules", ".git", "vendor", "target", "dist", "build", "__pycache__", "coverage", ".venv"]);
/** Bounded: a context this large is not read file by file; its first files stand for it. */
const MAX_SOURCES = 3000;

/** The context's source files (not dependencies, build output or the repository itself), breadth first. */
function sourceFiles(ctx: BuildContext): string[] {
  const out: string[] = [];
  const queue = ["."];
  while (queue.length > 0 && out.length < MAX_SOURCES) {
    const dir = queue.shift() as string;
    for (const name of ctx.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (SOURCE.test(name)) out.push(path);
      else if (!SKIP.has(name) && !name.includes(".") && ctx.list(path).length > 0) queue.push(path);
    }
  }
  return out;
}

function packageScripts(ctx: BuildContext): [string, string][] {
  try {
    const scripts = JSON.parse(ctx.read("package.json") ?? "{}")?.scripts;
    if (!scripts || typeof scripts !== "object") return [];
    return Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === "string");
  } catch {
    return [];
  }
}

function namedFiles(commands: readonly string[], ctx: BuildContext): string[] {
  const words = commands.flatMap((c) => c.split(/[\s;&|()"'=]+/));
  return [...new Set(words.filter((w) => SCRIPT_FILE.test(w)).map((w) => w.replace(/^\.\//, "")))].filter((f) => ctx.read(f) !== null);
}
