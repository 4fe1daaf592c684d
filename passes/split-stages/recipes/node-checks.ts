// Test runners and check-only linters a build RUN may call (`npm test`, `npm run lint`): they read the
// project and write only their own artefacts (coverage reports, new snapshot files, caches, `.eslintcache`),
// none of which the app reads at run time. A flag that rewrites sources (`eslint --fix`, `prettier --write`,
// `jest -u`) or sends output to a file makes the command a writer again: not a check.

interface CheckRule {
  /** Flags (before any `=`) that make the command write something else. */
  readonly writers: readonly string[];
  /** Flags of which one must be given (prettier checks only with `--check`); empty: none needed. */
  readonly needs?: readonly string[];
  /** First operands that turn it into something other than a single check run (`vitest watch`). */
  readonly verbs?: readonly string[];
  /** The flag that makes the command a test runner at all (`node --test`), and how notes name it then. */
  readonly runner?: { readonly flag: string; readonly label: string };
}

const WATCH = ["--watch", "--watchAll", "-w"];
const RULES: Readonly<Record<string, CheckRule>> = {
  jest: { writers: ["-u", "--updateSnapshot", "-o", "--outputFile", ...WATCH] },
  vitest: { writers: ["-u", "--update", "--outputFile", ...WATCH], verbs: ["watch", "dev", "init"] },
  mocha: { writers: ["--watch", "-w"] },
  ava: { writers: ["-u", "--update-snapshots", "--watch", "-w"] },
  tap: { writers: ["--save", "-s", "--output-file", "--output-dir", "-w", "--watch", "--snapshot", "-S"] },
  jasmine: { writers: [] },
  eslint: { writers: ["--fix", "--fix-dry-run", "--fix-type", "-o", "--output-file", "--init"] },
  prettier: { writers: ["--write", "-w"], needs: ["--check", "-c", "--list-different", "-l"] },
  stylelint: { writers: ["--fix", "-o", "--output-file"] },
  tslint: { writers: ["--fix", "-o", "--out", "--init"] },
  // Node's own test runner: only with `--test`; any other `node` command is not a check.
  node: {
    writers: ["--test-update-snapshots", "--test-reporter-destination", "--watch", "--watch-path", "-e", "--eval", "-p", "--print"],
    runner: { flag: "--test", label: "node --test" },
  },
};

/** Coverage wrappers: they run the command after their own flags (`nyc mocha`, `c8 --reporter=text jest`). */
const WRAPPERS = new Set(["nyc", "c8"]);

/**
 * A known check (see above): its name, and whether its flags make it write files; null for other commands.
 */
export function checkCommand(tool: string, args: readonly string[]): { readonly tool: string; readonly writes: boolean } | null {
  if (WRAPPERS.has(tool)) {
    const i = args.findIndex((w) => !w.startsWith("-"));
    // `--flag value` pairs cannot be told from the wrapped command: only `--flag=value` forms are read.
    if (i < 0 || args.slice(0, i).some((w) => !/^--[\w-]+(=.*)?$/.test(w) || /^--(report-dir|temp-dir)/.test(w))) return null;
    return checkCommand(args[i], args.slice(i + 1));
  }
  const rule = RULES[tool];
  if (!rule) return null;
  const flags = args.filter((w) => w.startsWith("-")).map((w) => w.replace(/=.*$/, ""));
  const first = args.find((w) => !w.startsWith("-"));
  if (rule.runner && !flags.includes(rule.runner.flag)) return null;
  const name = rule.runner?.label ?? tool;
  if (flags.some((f) => rule.writers.includes(f)) || (first && rule.verbs?.includes(first))) return { tool: name, writes: true };
  if (rule.needs && !flags.some((f) => rule.needs?.includes(f))) return null;
  return { tool: name, writes: false };
}
