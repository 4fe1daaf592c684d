// nginx already serving files: the runtime is the same nginx image without the build toolchain, and it
// receives only what nginx reads (its config, and the folders that config and the default site name).
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { Analysis } from "../analysis.js";
import { joinContinuations } from "../../../src/core/run-script.js";
import { parseShell, simpleCommands } from "../../../src/core/shell.js";
import { setupRun } from "../apt-run.js";
import { declaredVariables } from "../../../src/core/instructions.js";
import { withContextReplay } from "../context-replay.js";
import { copyDestination } from "../contract.js";
import { contextSource } from "../entry.js";
import { isUnder, resolvePath } from "../paths.js";
import { isOfficial, keepsEverything, noInserts, type PlanResult, type Recipe, type RecipeNote } from "./types.js";

// The default site, the config (with templates/) and the official image's entrypoint hooks.
const DEFAULT_PATHS = ["/usr/share/nginx/html", "/etc/nginx", "/docker-entrypoint.d"];
/**
 * Where nginx writes by its compiled-in defaults, whatever the config says: the temp folders (`/var/cache/nginx` in
 * the official image, `/var/lib/nginx` in Debian's), the logs and the pid file. A non-root set-up gives them to
 * the user nginx runs as (`chown -R nginx …`, `touch /var/run/nginx.pid`): the runtime keeps them as the build left them.
 */
const STATE_PATHS = [
  "/var/cache/nginx",
  "/var/lib/nginx",
  "/var/log/nginx",
  "/var/run/nginx.pid",
  "/run/nginx.pid",
  "/var/run/nginx",
  "/run/nginx",
];
/** Commands a RUN may write nginx's config with and the pass still read what it writes (the words of the RUN). */
const CONFIG_WRITERS = new Set(["printf", "echo", "sed", "rm", "ln", "mkdir", "chmod", "chown", "touch", "cp", "mv", "true"]);
/** Commands an entry script may run and read no file of the build but those its words name. */
const SCRIPT_SAFE = new Set([
  "nginx",
  "exec",
  "set",
  "echo",
  "printf",
  "export",
  "test",
  "[",
  "true",
  ":",
  "sleep",
  "envsubst",
  "sed",
  "cat",
  "mkdir",
  "chmod",
  "chown",
  "touch",
  "rm",
  "ln",
  "cp",
  "mv",
  "exit",
  "trap",
  "wait",
  "if",
  "unset",
  "shift",
  "cd",
]);

/** Absolute paths a text names (a config's `root /srv/www;`, a script's `cp -r /build/out/. …`, sed's `s|a|/app/dist|`). */
function absoluteWords(text: string): string[] {
  return [...text.matchAll(/(?:^|[^\w.$\-/])(\/[\w.@+\-/]+)/g)].map((m) => m[1].replace(/\/+$/, "") || "/");
}

/** Commands that give a path an owner or a mode, or make it. */
const SETUP_CHANGES = new Set(["chown", "chmod", "chgrp", "touch"]);

interface StateChange {
  readonly line: number;
  readonly path: string;
  /** The commands as the runtime repeats them, on this path alone. */
  readonly commands: string[];
  readonly touched: boolean;
}

/**
 * The owners, modes and files the build gave nginx's own state paths (`chown -R nginx:nginx /var/cache/nginx`,
 * `touch /var/run/nginx.pid`): a COPY into a folder the runtime image has keeps that folder's owner and mode, so
 * the runtime repeats them; null when a command is not written literally.
 */
function stateChanges(a: Analysis): StateChange[] | { line: number; command: string; path: string } {
  const byPath = new Map<string, StateChange>();
  for (const instr of a.stage.body) {
    if (instr.keyword !== "RUN") continue;
    const script = parseShell(joinContinuations(instr.exec ? instr.exec.join(" ") : instr.args));
    if (!script.ok) continue;
    for (const c of simpleCommands(script)) {
      const name = c.name === null ? "" : posix.basename(c.name);
      if (!SETUP_CHANGES.has(name)) continue;
      const words = c.args.map((w) => w.value ?? w.text);
      const flags = words.filter((w) => w.startsWith("-"));
      const operands = words.filter((w) => !w.startsWith("-"));
      const value = name === "touch" ? null : (operands.shift() ?? null);
      for (const path of operands) {
        const p = path.replace(/\/+$/, "");
        if (!STATE_PATHS.some((s) => isUnder(p, s))) continue;
        if (![name, ...flags, value ?? "", p].every((w) => /^[\w./:@+=,-]*$/.test(w)))
          return { line: instr.line, command: [name, ...words].join(" "), path: p };
        const change = byPath.get(p) ?? { line: instr.line, path: p, commands: [], touched: false };
        const touched = change.touched || name === "touch";
        byPath.set(p, {
          ...change,
          touched,
          commands: name === "touch" ? change.commands : [...change.commands, [name, ...flags, value, p].join(" ")],
        });
      }
    }
  }
  return [...byPath.values()].filter((c) => c.commands.length > 0);
}

/** Commands of a script that read the files their operands name. */
const FILE_READERS = new Set(["cp", "mv", "cat", "ln", "cd"]);

/** Does the script read a file by a relative path (`cp -r dist/. /usr/share/nginx/html`, `envsubst < site.tpl`)? */
function relativeReads(text: string): boolean {
  if (/<\s*["']?[^\s/&"'(]/.test(text.replace(/<</g, ""))) return true;
  const script = parseShell(joinContinuations(text));
  if (!script.ok) return true;
  return simpleCommands(script).some(
    (c) =>
      c.name !== null &&
      FILE_READERS.has(posix.basename(c.name)) &&
      c.args.some((w) => {
        const v = w.value ?? w.text;
        return !v.startsWith("/") && !v.startsWith("-") && v !== "";
      }),
  );
}

/** The shell text of CMD, ENTRYPOINT and HEALTHCHECK: the shell form's, or the string an exec form hands `sh -c`. */
function entryScripts(a: Analysis): string[] {
  const texts: string[] = [];
  for (const instr of a.stage.body) {
    if (instr.keyword !== "CMD" && instr.keyword !== "ENTRYPOINT" && instr.keyword !== "HEALTHCHECK") continue;
    if (!instr.exec) texts.push(instr.args);
    else {
      const c = instr.exec.indexOf("-c");
      if (c > 0 && /(^|\/)(ba|da)?sh$/.test(instr.exec[c - 1])) texts.push(...instr.exec.slice(c + 1, c + 2));
    }
  }
  return texts;
}

/** The config files and prefixes the entry's nginx command line names (`-c FILE`, `-p DIR`), as absolute paths. */
function commandLineConfigs(a: Analysis): string[] {
  const out: string[] = [];
  for (const instr of a.stage.body) {
    if (instr.keyword !== "CMD" && instr.keyword !== "ENTRYPOINT") continue;
    const words = instr.exec ?? instr.args.split(/\s+/);
    for (let i = 0; i < words.length - 1; i++) {
      if (posix.basename(words[i]) !== "nginx") continue;
      for (let j = i + 1; j < words.length - 1; j++) {
        if (words[j] === "-c" || words[j] === "-p") {
          // A relative one is relative to nginx's prefix, not the working folder: "" (unread).
          const word = words[j + 1].replace(/^["']|["']$/g, "");
          out.push(word.startsWith("/") && !word.includes("$") ? word : "");
        }
      }
    }
  }
  return out;
}

/** The values the stage's ENV instructions leave (what the official image's templates are filled with). */
function envValues(a: Analysis): Map<string, string> {
  const values = new Map<string, string>();
  for (const instr of a.stage.body) {
    if (instr.keyword !== "ENV") continue;
    for (const v of declaredVariables(instr) ?? []) if (v.value !== null && v.value !== undefined) values.set(v.name, v.value);
  }
  return values;
}

/**
 * Absolute paths named in the nginx config: the files the build copied from the context (templates/ filled with
 * the ENV values, as the official image's entrypoint does) and the words of the RUNs that write under
 * /etc/nginx. Null when a config cannot be read: a template naming a variable the Dockerfile does not set, or a
 * RUN that writes the config with a program or from a variable.
 */
function configPaths(a: Analysis, context: BuildContext): { paths: string[] } | { unread: string } {
  const found: string[] = [];
  const env = envValues(a);
  let unread: string | null = null;
  // The official image's entrypoint renders templates from NGINX_ENVSUBST_TEMPLATE_DIR (default /etc/nginx/templates).
  const templates = env.get("NGINX_ENVSUBST_TEMPLATE_DIR") ?? "/etc/nginx/templates";
  const scanned = new Set<string>();
  const included: string[] = [];
  const scan = (dest: string, text: string | null) => {
    if (scanned.has(dest)) return;
    scanned.add(dest);
    let body = text ?? "";
    // `include /srv/conf/*.conf;`: the files it names are config too, wherever they are.
    for (const m of body.matchAll(/(?:^|[\s;{])include\s+([^;\s]+)\s*;/g)) included.push(m[1]);
    if (isUnder(dest, "/etc/nginx/templates") || isUnder(dest, templates)) {
      // envsubst fills the variables the environment defines; nginx's own (`$uri`) are lower case.
      body = body.replace(/\$\{(\w+)\}|\$([A-Z_][A-Z0-9_]*)\b/g, (whole, braced: string | undefined, bare: string | undefined) => {
        const name = braced ?? bare ?? "";
        const value = env.get(name);
        if (value === undefined && (braced !== undefined || /^[A-Z_][A-Z0-9_]*$/.test(name))) unread ??= dest;
        return value ?? whole;
      });
    }
    for (const m of body.matchAll(/[\s"'](\/[^\s;"'$]+)/g)) found.push(m[1].replace(/\/+$/, "") || "/");
  };
  // `nginx -c /srv/www/nginx.conf` (and `-p` prefix): that config, read as the others; one the context does not
  // hold (the build writes it) is unread.
  for (const file of commandLineConfigs(a)) {
    if (file === "") {
      unread ??= "nginx -c";
      continue;
    }
    found.push(file);
    const src = contextSource(file, a.sources);
    const text = src === null ? null : context.read(src);
    if (text === null && (src === null || context.list(src).length === 0)) unread ??= file;
    else if (text !== null) scan(file, text);
  }
  const scanCopies = (under: (dest: string) => boolean) => {
    for (const [dest, src] of a.sources) {
      if (!under(dest)) continue;
      const text = context.read(src);
      if (text !== null) scan(dest, text);
      else for (const name of context.list(src)) scan(posix.join(dest, name), context.read(posix.join(src, name)));
    }
  };
  scanCopies((dest) => isUnder(dest, "/etc/nginx") || isUnder(dest, templates));
  // Included files outside /etc/nginx, as deep as they include more (each file once).
  for (let round = 0; round < 4 && included.length > 0; round++) {
    const folders = included.splice(0).map((inc) => (/[*?[]/.test(inc) ? posix.dirname(inc) : inc));
    scanCopies((dest) => folders.some((f) => f.startsWith("/") && (isUnder(dest, f) || isUnder(f, dest))));
  }
  for (const w of a.runWrites) {
    if (w.removed || !isUnder(w.path, "/etc/nginx")) continue;
    const instr = a.stage.body[w.index];
    const text = joinContinuations(instr.exec ? instr.exec.join(" ") : instr.args);
    const script = parseShell(text);
    const writers = script.ok ? simpleCommands(script).map((c) => (c.name === null ? null : posix.basename(c.name))) : [null];
    if (text.includes("$") || writers.some((n) => n !== null && !CONFIG_WRITERS.has(n)) || writers.includes(null)) unread ??= w.path;
    found.push(...absoluteWords(text));
  }
  return unread === null ? { paths: found } : { unread };
}

/** Commands that only set a file's mode or owner, or look at it: they do not consume what they name. */
const MODE_ONLY = new Set(["chmod", "chown", "chgrp", "ls", "test", "[", "stat", "touch"]);

/**
 * Copied paths that hold a file the Dockerfile copies from the build context and that no build step consumes
 * (`COPY reload.sh /home/reload.sh` + `chmod +x`, a script the pod's manifest runs): the image's own material, which
 * the runtime keeps, since nothing says it is the build's. A RUN consumes a path when a command other than a mode
 * or owner change names it, or runs in a folder inside or around it.
 */
function contextMaterial(a: Analysis): string[] {
  const fromContext = (p: string) => [...a.sources.keys()].some((dest) => isUnder(dest, p));
  const consumed = (p: string) =>
    a.stage.body.some((instr, index) => {
      if (instr.keyword !== "RUN") return false;
      const cwd = a.cwdAt[index];
      if (cwd !== null && cwd !== undefined && cwd !== "/" && (isUnder(cwd, p) || isUnder(p, cwd))) return true;
      const script = parseShell(joinContinuations(instr.exec ? instr.exec.join(" ") : instr.args));
      if (!script.ok) return instr.args.includes(p);
      return simpleCommands(script).some(
        (c) =>
          c.name !== null &&
          !MODE_ONLY.has(posix.basename(c.name)) &&
          [c.name, ...c.args.map((w) => w.value ?? w.text)].some((w) => w.includes(p) || (w.startsWith("/") && isUnder(p, w) && w !== "/")),
      );
    });
  return a.copyPaths.filter((p) => fromContext(p) && !consumed(p));
}

export const nginxRecipe: Recipe = {
  id: "nginx",
  matches: (base) => isOfficial(base, "nginx"),
  tools: ["nginx"],
  packagePolicy: "unlessNamed",
  sameBase: true,
  plan(base, a, context, runtimePackages): PlanResult {
    // Which Alpine packages only build is not known: the runtime would add them all again.
    const apk = a.setup.find((u) => u.alpinePackages.length > 0);
    if (apk) return { ok: false, id: "nginxAlpinePackages", data: { image: base.raw } };
    const config = configPaths(a, context);
    const read = [...DEFAULT_PATHS, ...STATE_PATHS, ...("paths" in config ? config.paths : [])];
    // What the entry runs of the build's files (`CMD ["./wrapper.sh"]`, from `/`, the image's working folder):
    // kept; one whose own reach the analysis did not follow may read any copied file, so all are kept.
    const entryFiles = a.entry.flatMap((e) => {
      const file = e.artifact ?? (e.name.includes("/") ? resolvePath(a.workdir ?? "/", e.name) : null);
      return file !== null && a.copyPaths.some((p) => isUnder(file, p)) ? [{ file, followed: e.artifact !== null }] : [];
    });
    // A script the entry runs reads what its words name; one that runs another program (`python3 gen.py`) may
    // read any copied file.
    let runsOther = a.entry.some((e) => e.from === "script" && !SCRIPT_SAFE.has(posix.basename(e.name)));
    for (const f of entryFiles.filter((e) => e.followed)) {
      const src = contextSource(f.file, a.sources);
      const text = src === null ? null : context.read(src);
      if (text === null) continue;
      read.push(...absoluteWords(text));
      if (relativeReads(text)) runsOther = true;
    }
    // The entry's own shell text (`sh -c "envsubst < /build/tpl.js > …/config.js && exec nginx …"`) reads what it names.
    for (const text of entryScripts(a)) {
      read.push(...absoluteWords(text));
      if (relativeReads(text)) runsOther = true;
    }
    const runsUnfollowed = entryFiles.some((f) => !f.followed) || runsOther || "unread" in config;
    const own = contextMaterial(a);
    const copyPaths = a.copyPaths.filter(
      (p) =>
        runsUnfollowed || read.some((r) => isUnder(p, r) || isUnder(r, p)) || entryFiles.some((f) => isUnder(f.file, p)) || own.includes(p),
    );
    if (copyPaths.length === 0) return { ok: false, id: "nothingServed", data: { image: base.raw } };
    // Same image, every package kept, every output copied: the split would rebuild the same image.
    if (keepsEverything(a, runtimePackages) && copyPaths.length === a.copyPaths.length) {
      return { ok: false, id: "nothingToGain", data: { image: base.raw } };
    }
    const changes = stateChanges(a);
    if (!Array.isArray(changes))
      return {
        ok: false,
        id: "folderModeLost",
        data: {
          commands: `\`${changes.command}\``,
          path: changes.path,
          reason: "the command is not written literally, so the runtime cannot repeat it",
        },
      };
    const made = (c: StateChange) => (c.touched || c.path.endsWith(".pid") ? `touch ${c.path}` : `mkdir -p ${c.path}`);
    // Files of the image's own config the build removed (`rm /etc/nginx/conf.d/default.conf`): removed again first.
    const removals = a.baseRemovals;
    const runtimePrelude = [
      ...(removals.length > 0
        ? [
            setupRun(
              removals.map((r) => r.command),
              removals[0].line,
            ),
          ]
        : []),
      ...(changes.length > 0
        ? [
            setupRun(
              changes.flatMap((c) => [made(c), ...c.commands]),
              changes[0].line,
            ),
          ]
        : []),
    ];
    const notes = changes.map(
      (c): RecipeNote => ({
        line: c.line,
        id: "folderModeRepeated",
        data: { path: c.path, commands: c.commands.map((x) => `\`${x}\``).join(", ") },
      }),
    );
    if (removals.length > 0)
      notes.push({
        line: removals[0].line,
        id: "baseFilesRemoved",
        data: { lines: [...new Set(removals.map((r) => r.line))].join(", "), commands: removals.map((r) => `\`${r.command}\``).join(", ") },
      });
    // The files the context alone fills come from it again in the runtime, after what the build made: an edit of a
    // page re-runs that COPY only, and the build stage ends at its last RUN.
    const plan = { image: base.raw, shellless: false, ...noInserts, runtimePrelude, notes, copyPaths };
    return { ok: true, plan: withContextReplay(a, plan, copyDestination, { context, absoluteWithoutWorkdir: true }) };
  },
};
