// Batch reports: Markdown for people, JSON for scripts, SARIF 2.1.0 for code-scanning UIs.
import type { Pass } from "../core/pass.js";
import { VERSION } from "../io/version.js";
import { renderReviewPage } from "./review-html.js";
import type { FileResult, FileStatus } from "./process-file.js";

export type ReportFormat = "md" | "json" | "sarif" | "html";

export function reportFormatOf(file: string): ReportFormat | null {
  if (/\.(md|markdown)$/i.test(file)) return "md";
  if (/\.sarif(\.json)?$/i.test(file)) return "sarif";
  if (/\.json$/i.test(file)) return "json";
  if (/\.html?$/i.test(file)) return "html";
  return null;
}

export function summarize(results: readonly FileResult[]): Record<FileStatus | "files", number> {
  const counts = { files: results.length, changed: 0, unchanged: 0, refused: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** Layer-making instructions (RUN, COPY, ADD) of the final stage: a static estimate of the gain. */
function layers(text: string | null): number | null {
  if (text === null) return null;
  const lines = text.split(/\r?\n/);
  let lastFrom = 0;
  lines.forEach((l, i) => {
    if (/^\s*FROM\s/i.test(l)) lastFrom = i;
  });
  return lines.slice(lastFrom).filter((l) => /^\s*(RUN|COPY|ADD)\s/i.test(l)).length;
}

export function renderReport(format: ReportFormat, results: readonly FileResult[], passes: readonly Pass[]): string {
  if (format === "json") return `${JSON.stringify(jsonReport(results), null, 2)}\n`;
  if (format === "sarif") return `${JSON.stringify(sarifReport(results, passes), null, 2)}\n`;
  if (format === "html") return renderReviewPage(results);
  return markdownReport(results);
}

function jsonReport(results: readonly FileResult[]) {
  const note = (n: { pass: string; line: number; message: string }) => ({ pass: n.pass, line: n.line, message: n.message });
  return {
    tool: { name: "msb-opt", version: VERSION },
    summary: summarize(results),
    files: results.map((r) => ({
      path: r.display,
      status: r.status,
      changes: r.changes.map(note),
      refusals: r.refusals.map(note),
      error: r.error ? (r.error.line === null ? r.error.message : `${r.display}:${r.error.line}: ${r.error.message}`) : null,
    })),
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdownReport(results: readonly FileResult[]): string {
  const s = summarize(results);
  const out = [
    "# msb-opt batch report",
    "",
    `msb-opt ${VERSION}: ${s.files} Dockerfiles, ${s.changed} changed, ${s.unchanged} unchanged, ${s.refused} refused, ${s.error} errors.`,
    "",
    "| file | status | passes applied | final-stage layers (before → after) |",
    "| --- | --- | --- | --- |",
  ];
  for (const r of results) {
    const applied = [...new Set(r.changes.map((c) => c.pass))].join(", ") || "—";
    const gain = r.status === "changed" ? `${layers(r.original)} → ${layers(r.output)}` : "—";
    out.push(`| \`${cell(r.display)}\` | ${r.status} | ${applied} | ${gain} |`);
  }
  for (const r of results) {
    if (r.status === "unchanged") continue;
    out.push("", `## \`${r.display}\`: ${r.status}`, "");
    if (r.error) out.push(`Error${r.error.line === null ? "" : ` at line ${r.error.line}`}: ${r.error.message}`, "");
    const notes = [...r.changes, ...r.refusals].sort((a, b) => a.line - b.line);
    if (notes.length > 0) {
      out.push("| line | pass | note |", "| --- | --- | --- |");
      for (const n of notes) out.push(`| ${n.line} | ${n.pass} | ${n.kind === "refusal" ? "declined: " : ""}${cell(n.message)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

function sarifReport(results: readonly FileResult[], passes: readonly Pass[]) {
  const rules = [
    ...passes.map((p) => ({ id: p.id, name: p.title, shortDescription: { text: p.title }, fullDescription: { text: p.rationale } })),
    { id: "parse", name: "Dockerfile input", shortDescription: { text: "Input msb-opt cannot read or rewrite safely" } },
  ];
  const location = (uri: string, line: number | null) => ({
    physicalLocation: { artifactLocation: { uri }, ...(line ? { region: { startLine: line } } : {}) },
  });
  const sarifResults = results.flatMap((r) => [
    ...r.changes.map((n) => ({ ruleId: n.pass, level: "warning", message: { text: n.message }, locations: [location(r.display, n.line)] })),
    ...r.refusals.map((n) => ({ ruleId: n.pass, level: "note", message: { text: n.message }, locations: [location(r.display, n.line)] })),
    ...(r.error
      ? [{ ruleId: "parse", level: "error", message: { text: r.error.message }, locations: [location(r.display, r.error.line)] }]
      : []),
  ]);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "msb-opt", version: VERSION, rules } }, results: sarifResults }],
  };
}
