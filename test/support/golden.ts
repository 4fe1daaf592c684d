// Helpers shared by the tests (not part of the shipped bundle).
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fsContext, type BuildContext } from "../../src/core/context.js";
import { formatNote, type Note, type ProposedFile } from "../../src/core/pass.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TESTDATA = join(ROOT, "testdata");

/** Fixture apps for the Docker suites (testdata/ holds golden cases only). */
export const APPS = join(ROOT, "test", "apps");

/** Files the golden runner owns; they are not part of a case's build context. */
const CASE_FILES = /^(expected\..*|options\.json|notes\.md)$/;

/** The case folder as build context, without the golden runner's own files. */
export function caseContext(dir: string): BuildContext {
  const inner = fsContext(dir);
  const hidden = (path: string) => !path.includes("/") && CASE_FILES.test(basename(path));
  return {
    available: true,
    read: (path) => (hidden(path) ? null : inner.read(path)),
    exists: (path) => !hidden(path) && inner.exists(path),
    list: (d) => inner.list(d).filter((n) => !(d === "." || d === "" ? CASE_FILES.test(n) : false)),
  };
}

/** Notes as the CLI prints them, one per line, by line. */
export function formatNotes(file: string, notes: readonly Note[]): string {
  return [...notes]
    .sort((a, b) => a.line - b.line)
    .map((n) => `${formatNote(n, file)}\n`)
    .join("");
}

/** The context as it is once the proposed files are written (for the idempotence check). */
export function withProposedFiles(ctx: BuildContext, files: readonly ProposedFile[]): BuildContext {
  const written = new Map(files.map((f) => [f.path, f.after]));
  return {
    available: ctx.available,
    read: (path) => written.get(path) ?? ctx.read(path),
    exists: (path) => written.has(path) || ctx.exists(path),
    list: (dir) => {
      const added = dir === "." || dir === "" ? [...written.keys()].filter((p) => !p.includes("/")) : [];
      return [...new Set([...ctx.list(dir), ...added])].sort();
    },
  };
}
