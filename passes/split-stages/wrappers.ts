// Commands that run another command given as their arguments: `exec node server.js`, `env NODE_ENV=production
// node app.js`, `tini -- node app.js`, `gosu node npm start`, `timeout 60 unzip …`, `xargs -n1 unzip`,
// `find … -exec unzip {} ;`. What the image runs is the command inside. One given as a shell line (`su app -c
// "…"`, `flock /tmp/l -c "…"`) is the shell running that line: `sh -c "…"`.

/** Options of each wrapper that take a value as the next word. */
const WRAPPERS: Readonly<Record<string, ReadonlySet<string>>> = {
  exec: new Set(["-a"]),
  command: new Set(),
  nohup: new Set(),
  setsid: new Set(),
  nice: new Set(["-n", "--adjustment"]),
  ionice: new Set(["-c", "-n", "--class", "--classdata"]),
  env: new Set(["-u", "--unset", "-C", "--chdir", "-S", "--split-string"]),
  tini: new Set(["-s", "-p", "-e"]),
  "tini-static": new Set(["-s", "-p", "-e"]),
  "dumb-init": new Set(["-r", "--rewrite"]),
  stdbuf: new Set(["-i", "-o", "-e", "--input", "--output", "--error"]),
  xargs: new Set([
    "-a",
    "-d",
    "-E",
    "-e",
    "-I",
    "-L",
    "-n",
    "-P",
    "-s",
    "--arg-file",
    "--delimiter",
    "--max-args",
    "--max-procs",
    "--max-lines",
    "--max-chars",
    "--process-slot-var",
  ]),
  // The first operand is a duration (timeout), the new root (chroot), the lock file (flock): see OPERANDS.
  timeout: new Set(["-s", "-k", "--signal", "--kill-after"]),
  chroot: new Set(["--userspec", "--groups"]),
  flock: new Set(["-w", "-E", "--timeout", "--wait", "--conflict-exit-code"]),
};
/** Wrappers whose first operand is not the command: `timeout 60 cmd`, `chroot /root cmd`, `flock /tmp/l cmd`. */
const OPERANDS: Readonly<Record<string, number>> = { timeout: 1, chroot: 1, flock: 1 };
/** Wrappers whose first operand is a user, not the command (`gosu node npm start`). */
const AS_USER = new Set(["gosu", "su-exec"]);
/** Commands that run a shell line given with `-c` (`su app -c "…"`, `runuser -u app -c "…"`). */
const SHELL_LINE = new Set(["su", "runuser"]);
/** find's actions that run a command, up to `;` or `+`. */
const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

/** The command a wrapper runs (its words), or null when `argv` is not a wrapper or names none. */
export function wrappedCommand(argv: readonly string[]): string[] | null {
  const name = (argv[0] ?? "").replace(/^.*\//, "");
  if (AS_USER.has(name)) return argv.length > 2 ? argv.slice(2) : null;
  if (SHELL_LINE.has(name)) {
    const line = shellLine(argv);
    if (line !== undefined) return line === null ? null : ["sh", "-c", line];
  }
  if (name === "find") {
    const start = argv.findIndex((w) => FIND_EXEC.has(w));
    if (start < 0 || start + 1 >= argv.length) return null;
    const end = argv.findIndex((w, i) => i > start && (w === ";" || w === "\\;" || w === "+"));
    return argv.slice(start + 1, end < 0 ? argv.length : end);
  }
  const valued = WRAPPERS[name];
  if (!valued) return null;
  // `command -v x` asks where x is; it runs nothing.
  if (name === "command" && argv.slice(1).some((w) => w === "-v" || w === "-V")) return null;
  let operands = OPERANDS[name] ?? 0;
  let i = 1;
  while (i < argv.length) {
    const word = argv[i];
    if (word === "--") {
      i++;
      break;
    }
    if (name === "env" && /^[A-Za-z_]\w*=/.test(word)) i++;
    else if (valued.has(word)) i += 2;
    else if (word.startsWith("-") && word.length > 1) i++;
    else break;
  }
  for (; operands > 0 && i < argv.length; operands--) i++;
  // `flock FILE -c LINE` runs the line through the shell.
  if (name === "flock" && (argv[i] === "-c" || argv[i] === "--command"))
    return argv[i + 1] === undefined ? null : ["sh", "-c", argv[i + 1]];
  return i < argv.length ? argv.slice(i) : null;
}

/**
 * The shell line of `su [-] [user] -c LINE`, `runuser … -c LINE` (or `--command LINE`, `--command=LINE`); null
 * when the `-c` has no line; undefined when there is no `-c` (a login shell).
 */
function shellLine(argv: readonly string[]): string | null | undefined {
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") break;
    if (word.startsWith("--command=")) return word.slice("--command=".length);
    if (word === "-c" || word === "--command" || (/^-[a-z]*c$/.test(word) && !word.startsWith("--"))) return argv[i + 1] ?? null;
  }
  return undefined;
}

/** `argv` and every command it wraps, outermost first. */
export function commandChain(argv: readonly string[]): string[][] {
  const chain = [[...argv]];
  for (let next = wrappedCommand(argv); next !== null && chain.length < 8; next = wrappedCommand(next)) chain.push(next);
  return chain;
}

/** Shells that run a command line given with `-c`, under any folder (`/usr/bin/bash`, `dash`, busybox's `ash`). */
export const LINE_SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"]);
/** Shell options that take the next word as their value (`-o pipefail`, `--rcfile FILE`). */
const SHELL_VALUE_OPTIONS = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);

/**
 * The index in `argv` of the command line a shell runs with `-c`, wherever the `-c` is among its options: `sh -c
 * LINE`, `bash -lc LINE`, `sh -ec LINE`, `bash -e -c LINE`, `bash --login -c LINE`, `bash -euo pipefail -c LINE`,
 * `bash -c -- LINE`; null when `argv` is no shell given `-c` and a line.
 */
export function shellLineIndex(argv: readonly string[]): number | null {
  if (!LINE_SHELLS.has((argv[0] ?? "").replace(/^.*\//, ""))) return null;
  let line = false;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--" || word === "-") return line && i + 1 < argv.length ? i + 1 : null;
    if (SHELL_VALUE_OPTIONS.has(word)) i++;
    else if (word.startsWith("--")) continue;
    else if (/^[-+][A-Za-z]+$/.test(word)) {
      if (word.startsWith("-") && word.includes("c")) line = true;
      // `-eo pipefail`, `-O extglob`: an `o`/`O` in a cluster takes the next word.
      if (/^[-+]\w*[oO]/.test(word)) i++;
    } else return line ? i : null;
  }
  return null;
}
