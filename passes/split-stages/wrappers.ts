// Commands that run another command given as their arguments: `exec node server.js`, `env NODE_ENV=production
// node app.js`, `tini -- node app.js`, `gosu node npm start`. What the image runs is the command inside.

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
};
/** Wrappers whose first operand is a user, not the command (`gosu node npm start`). */
const AS_USER = new Set(["gosu", "su-exec"]);

/** The command a wrapper runs (its words), or null when `argv` is not a wrapper or names none. */
export function wrappedCommand(argv: readonly string[]): string[] | null {
  const name = (argv[0] ?? "").replace(/^.*\//, "");
  if (AS_USER.has(name)) return argv.length > 2 ? argv.slice(2) : null;
  const valued = WRAPPERS[name];
  if (!valued) return null;
  // `command -v x` asks where x is; it runs nothing.
  if (name === "command" && argv.slice(1).some((w) => w === "-v" || w === "-V")) return null;
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
  return i < argv.length ? argv.slice(i) : null;
}

/** `argv` and every command it wraps, outermost first. */
export function commandChain(argv: readonly string[]): string[][] {
  const chain = [[...argv]];
  for (let next = wrappedCommand(argv); next !== null && chain.length < 8; next = wrappedCommand(next)) chain.push(next);
  return chain;
}
