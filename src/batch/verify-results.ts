// `msb-opt batch --verify`: each rewrite is built and run next to its original (src/verify/verify.ts), and only
// the ones that verify stay changed; the others become refusals that say why, and are not written. The apps are
// spread over the endpoints of a fleet (src/verify/fleet.ts); a journal lets an interrupted run continue.
import type { Docker } from "../verify/docker.js";
import { type Endpoint, eta, Journal, journalKey, spread } from "../verify/fleet.js";
import { verify } from "../verify/verify.js";
import type { FileResult } from "./process-file.js";

export interface BatchVerifyOptions {
  /** One client, or the endpoints of a fleet (each app runs wholly on one of them). */
  readonly docker: Docker | readonly Endpoint[];
  readonly settingsOf: (r: FileResult) => Record<string, unknown>;
  /** Env variables and label prefixes that the base images may set differently. */
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  /** Append-only journal of finished apps (JSON lines): a second run skips what it lists. */
  readonly journal?: string;
  readonly progress: (message: string) => void;
  readonly now?: () => number;
  /** Run a verify's clean-up (its images) on SIGINT/SIGTERM. */
  readonly onInterrupt?: (cleanup: () => Promise<void>) => () => void;
  /** Where base images' file systems are kept between runs (src/verify/base-fs.ts); none: in memory only. */
  readonly cacheDir?: string;
}

export async function verifyResults(results: readonly FileResult[], options: BatchVerifyOptions): Promise<FileResult[]> {
  const { settingsOf, progress } = options;
  const fleet: readonly Endpoint[] = Array.isArray(options.docker)
    ? (options.docker as readonly Endpoint[])
    : [{ name: "default", docker: options.docker as Docker }];
  const journal = new Journal(options.journal ?? null);
  const now = options.now ?? Date.now;
  const todo = results.filter((r) => r.status === "changed" && r.original !== null);
  const start = now();
  let done = 0;
  const verdicts = await spread(todo, fleet, async (r, endpoint) => {
    const settings = settingsOf(r);
    const key = journalKey(r.path, r.original ?? "", r.output ?? "", settings);
    const known = journal.get(key);
    if (known) {
      progress(`${eta(++done, todo.length, (now() - start) / 1000)}: ${r.display} (from the journal)`);
      return known;
    }
    progress(`${eta(done, todo.length, (now() - start) / 1000)}: verifying ${r.display} on ${endpoint.name}`);
    const began = now();
    // Cached builds and no rebuild timing: a batch wants the verdict, `msb-opt verify` gives the figures.
    const verdict = await verify({
      docker: endpoint.docker,
      dockerfile: r.path,
      context: r.context,
      settings,
      ignoreEnv: options.ignoreEnv,
      ignoreLabelPrefixes: options.ignoreLabelPrefixes,
      cold: false,
      rebuild: false,
      bisect: false,
      onInterrupt: options.onInterrupt,
      cacheDir: options.cacheDir,
    });
    const entry = {
      key,
      path: r.path,
      endpoint: endpoint.name,
      equivalent: verdict.equivalent,
      verdict: verdict.verdict,
      why: verdict.reasons.find((x) => x.kind === "difference")?.text ?? null,
      seconds: (now() - began) / 1000,
    };
    journal.add(entry);
    progress(`${eta(++done, todo.length, (now() - start) / 1000)}: ${r.display} ${verdict.verdict} on ${endpoint.name}`);
    return entry;
  });
  const byPath = new Map(todo.map((r, i) => [r.path, verdicts[i]]));
  return results.map((r) => {
    const v = byPath.get(r.path);
    if (!v || v.equivalent) return r;
    const why = v.why ?? "it is not equivalent";
    const note = {
      pass: "verify",
      line: 1,
      kind: "refusal" as const,
      message: `Left the file unchanged: the rewrite did not verify (${why.replace(/\.$/, "")}); run \`msb-opt verify\` on it to see which passes to skip.`,
    };
    return { ...r, status: "refused", output: r.original!, diff: "", files: [], changes: [], refusals: [...r.refusals, note] };
  });
}
