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

/** Why the build may read `.git`, or null when nothing it runs or loads mentions git. */
export function gitReader(df: Dockerfile, ctx: BuildContext): string | null {
  const runs = [...allInstructions(df)].filter((i) => i.keyword === "RUN").map((i) => i.args);
  const text = runs.join("\n");
  if (READS_GIT.test(text)) return "a RUN calls `git`, which may read the repository";
  // `go build` stamps the binary with the checkout's revision when it finds the repository (-buildvcs=auto).
  if (/\bgo (build|install)\b/.test(text) && !/-buildvcs=false/.test(text))
    return "`go build` stamps the binary with the repository's revision, which the program may report";
  const commands = [...runs];
  if (/\b(npm|yarn|pnpm|bun)\b/.test(text)) {
    const scripts = packageScripts(ctx);
    for (const [name, script] of scripts) {
      if (READS_GIT.test(script)) return `the package.json script \`${name}\` calls \`git\``;
      commands.push(script);
    }
  }
  for (const file of namedFiles(commands, ctx)) {
    if (READS_GIT.test(ctx.read(file) ?? "")) return `\`${file}\`, which the build runs, reads the repository`;
  }
  for (const file of ctx.list(".").filter((n) => BUILD_CONFIGS.test(n))) {
    if (READS_GIT.test(ctx.read(file) ?? "")) return `\`${file}\`, which the build loads, reads the repository`;
  }
  return null;
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
