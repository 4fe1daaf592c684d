// Several Dockerfiles built from one context share its `.dockerignore` (not those with their own
// `<Dockerfile>.dockerignore`, which BuildKit reads instead: each of those is grouped on its own). Each file's run proposed its own,
// checked against its own COPY sources only; written one after the other, the last would win and could hide
// another's source. The merged proposal keeps only the entries that every Dockerfile of the context proposed,
// so that it keeps every source any of them copies; any other shared file is kept only when all agree on it.
import { join } from "node:path";
import { dockerignoreFor } from "../core/context.js";
import { unifiedDiff } from "../core/diff.js";
import type { Note, ProposedFile } from "../core/pass.js";
import { displayPath } from "./discover.js";
import type { FileResult } from "./process-file.js";

const DOCKERIGNORE = ".dockerignore";

/**
 * The results with each context's proposals merged: one proposal per context file, carried by the first Dockerfile.
 * Their diffs are made again only `withDiffs` (the batch made none without).
 */
export function mergeSharedProposals(results: readonly FileResult[], cwd: string, withDiffs = true): FileResult[] {
  const byContext = new Map<string, number[]>();
  // Grouped by the ignore file they share: the context's `.dockerignore`, or a Dockerfile's own.
  const key = (r: FileResult) => `${r.context}\0${dockerignoreFor(r.path, r.context)}`;
  results.forEach((r, i) => byContext.set(key(r), [...(byContext.get(key(r)) ?? []), i]));
  const out = [...results];
  for (const members of byContext.values()) {
    if (members.length < 2) continue;
    const paths = new Set(members.flatMap((i) => results[i].files.map((f) => f.path)));
    for (const path of paths) mergeOne(out, members, path);
  }
  // Diff sections of context files are named from the context (it need not be the Dockerfile's folder).
  return out.map((r, i) => (r.files.length > 0 || r !== results[i] ? redo(r, cwd, withDiffs) : r));
}

function mergeOne(out: FileResult[], members: readonly number[], path: string): void {
  const proposals = members.map((i) => out[i].files.find((f) => f.path === path) ?? null);
  const carrier = members[proposals.findIndex((p) => p !== null)];
  const display = (i: number) => `\`${out[i].display}\``;
  const missing = members.filter((_, k) => proposals[k] === null);
  const first = proposals.find((p) => p !== null) as ProposedFile;
  let merged: string | null = null;
  let reason = "";
  if (missing.length > 0) {
    reason = `${display(missing[0])} is built from the same context and proposed none, so msb-opt could not check that it needs nothing the file would exclude`;
  } else if (proposals.some((p) => p!.before !== first.before)) {
    reason = "the file changed while the batch ran";
  } else if (path === DOCKERIGNORE || path.endsWith(DOCKERIGNORE)) {
    merged = intersect(proposals as ProposedFile[]);
    if (merged === null)
      reason =
        "the Dockerfiles built from this context have no new entry in common, and each entry one of them left out may hide a source it copies";
  } else if (proposals.every((p) => p!.after === first.after)) {
    merged = first.after;
  } else {
    reason = "the Dockerfiles built from this context propose different contents";
  }
  const others = members.filter((i) => i !== carrier).map(display);
  for (const [k, i] of members.entries()) {
    const r = out[i];
    if (proposals[k] === null) continue;
    const notes = r.changes.filter((n) => !(n.pass === "dockerignore" && n.kind === "change"));
    const files = r.files.filter((f) => f.path !== path);
    const line = r.changes.find((n) => n.pass === "dockerignore")?.line ?? 1;
    let extra: Note;
    if (merged === null) {
      extra = note(
        line,
        "refusal",
        `Did not propose \`${path}\`: it is shared with ${others.length} other Dockerfile(s) of this context and ${reason}.`,
      );
    } else if (i === carrier) {
      const added = addedLines({ path, before: first.before, after: merged });
      extra = note(
        line,
        "change",
        `Proposed the \`${path}\` shared with ${others.join(", ")} (same build context): it adds ${added.map((l) => `\`${l}\``).join(", ")}, the entries every one of them proposed, so no COPY or ADD source of any of them is excluded.`,
      );
      files.push({ ...first, after: merged });
    } else {
      extra = note(
        line,
        "refusal",
        `The \`${path}\` of this build context is proposed once, with ${display(carrier)}, merged for all its Dockerfiles.`,
      );
    }
    const kept = new Set(merged === null ? [] : addedLines({ path, before: first.before, after: merged }));
    const dropped = merged === null ? [] : addedLines(proposals[k] as ProposedFile).filter((l) => !kept.has(l));
    if (dropped.length > 0) {
      const entries = dropped.map((l) => `\`${l}\``).join(", ");
      const why = "not every Dockerfile built from this context proposed it, and one that did not may copy what it excludes";
      extra = { ...extra, message: `${extra.message} Left ${entries} out of it: ${why}.` };
    }
    out[i] = {
      ...r,
      files,
      changes: extra.kind === "change" ? [...notes, extra] : notes,
      refusals: extra.kind === "refusal" ? [...r.refusals, extra] : r.refusals,
    };
  }
}

const note = (line: number, kind: Note["kind"], message: string): Note => ({ pass: "dockerignore", line, kind, message });

/** Entries (not comments) a proposal adds to the file as it was. */
function addedLines(f: ProposedFile): string[] {
  const had = new Set((f.before ?? "").split(/\r?\n/).map((l) => l.trim()));
  return f.after
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !had.has(l));
}

/** The first proposal without the entries that some other proposal does not add; null when none is left. */
function intersect(proposals: readonly ProposedFile[]): string | null {
  const sets = proposals.map((p) => new Set(addedLines(p)));
  const keep = (l: string) => sets.every((s) => s.has(l));
  const first = proposals[0];
  if (!addedLines(first).some(keep)) return null;
  const had = new Set((first.before ?? "").split(/\r?\n/).map((l) => l.trim()));
  return first.after
    .split(/(?<=\n)/)
    .filter((raw) => {
      const l = raw.trim();
      return l === "" || l.startsWith("#") || had.has(l) || keep(l);
    })
    .join("");
}

/** Status and diff again, after the proposals changed. */
function redo(r: FileResult, cwd: string, withDiffs: boolean): FileResult {
  if (r.original === null || r.output === null) return r;
  const diff = !withDiffs
    ? ""
    : unifiedDiff(r.original, r.output, r.display) +
      r.files.map((f) => unifiedDiff(f.before ?? "", f.after, displayPath(join(r.context, f.path), cwd), f.before === null)).join("");
  const status = r.output !== r.original || r.files.length > 0 ? "changed" : r.refusals.length > 0 ? "refused" : "unchanged";
  return { ...r, diff, status: r.status === "changed" || r.status === "refused" || r.status === "unchanged" ? status : r.status };
}
