// `msb-opt batch --verify`: each rewrite is built and run next to its original (src/verify/verify.ts), and only
// the ones that verify stay changed; the others become refusals that say why, and are not written.
import type { Docker } from "../verify/docker.js";
import { verify } from "../verify/verify.js";
import type { FileResult } from "./process-file.js";

export interface BatchVerifyOptions {
  readonly docker: Docker;
  readonly settingsOf: (r: FileResult) => Record<string, unknown>;
  /** Env variables and label prefixes that the base images may set differently. */
  readonly ignoreEnv?: readonly string[];
  readonly ignoreLabelPrefixes?: readonly string[];
  readonly progress: (message: string) => void;
}

export async function verifyResults(results: readonly FileResult[], options: BatchVerifyOptions): Promise<FileResult[]> {
  const { docker, settingsOf, progress } = options;
  const out: FileResult[] = [];
  const changed = results.filter((r) => r.status === "changed").length;
  let done = 0;
  for (const r of results) {
    if (r.status !== "changed" || r.original === null) {
      out.push(r);
      continue;
    }
    progress(`verifying ${++done}/${changed}: ${r.display}`);
    // Cached builds and no rebuild timing: a batch wants the verdict, `msb-opt verify` gives the figures.
    const verdict = await verify({
      docker,
      dockerfile: r.path,
      context: r.context,
      settings: settingsOf(r),
      ignoreEnv: options.ignoreEnv,
      ignoreLabelPrefixes: options.ignoreLabelPrefixes,
      cold: false,
      rebuild: false,
      bisect: false,
    });
    if (verdict.equivalent) {
      out.push(r);
      continue;
    }
    const why = verdict.reasons[0] ?? "it is not equivalent";
    const note = {
      pass: "verify",
      line: 1,
      kind: "refusal" as const,
      message: `Left the file unchanged: the rewrite did not verify (${why.replace(/\.$/, "")}); run \`msb-opt verify\` on it to see which passes to skip.`,
    };
    out.push({ ...r, status: "refused", output: r.original, diff: "", files: [], changes: [], refusals: [...r.refusals, note] });
  }
  return out;
}
