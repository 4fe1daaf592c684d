// Batch reports: Markdown for people, JSON for scripts, SARIF 2.1.0 for code-scanning UIs.
import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Pass } from "../core/pass.js";
import { printable } from "../io/terminal-text.js";
import { VERSION } from "../io/version.js";
import { renderReviewPage } from "./review-html.js";
import type { FileResult } from "./process-file.js";
import { summarize } from "./summary.js";

export type ReportFormat = "md" | "json" | "sarif" | "html";

export function reportFormatOf(file: string): ReportFormat | null {
  if (/\.(md|markdown)$/i.test(file)) return "md";
  if (/\.sarif(\.json)?$/i.test(file)) return "sarif";
  if (/\.json$/i.test(file)) return "json";
  if (/\.html?$/i.test(file)) return "html";
  return null;
}

export interface ReportOptions {
  /** The repository root (absolute): SARIF locations are relative to it, as `%SRCROOT%`. */
  readonly root: string;
  /** Include the stack of internal errors (--debug). */
  readonly debug?: boolean;
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

export function renderReport(
  format: ReportFormat,
  results: readonly FileResult[],
  passes: readonly Pass[],
  options: ReportOptions,
): string {
  if (format === "json") return `${JSON.stringify(jsonReport(results, options.debug ?? false), null, 2)}\n`;
  if (format === "sarif") return `${JSON.stringify(sarifReport(results, passes, options.root), null, 2)}\n`;
  if (format === "html") return renderReviewPage(results);
  return markdownReport(results);
}

function jsonReport(results: readonly FileResult[], debug: boolean) {
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
      ...(debug && r.error?.stack ? { stack: r.error.stack } : {}),
    })),
  };
}

// A report may be read with `cat`: no escape sequences from the files reach it.
const cell = (text: string) => printable(text).replace(/\|/g, "\\|");

function markdownReport(results: readonly FileResult[]): string {
  const s = summarize(results);
  const out = [
    "# msb-opt batch report",
    "",
    `msb-opt ${VERSION}: ${s.files} Dockerfiles, ${s.changed} changed, ${s.unchanged} unchanged, ${s.refused} refused, ${s.error} errors${s.skipped ? `, ${s.skipped} skipped` : ""}${s.internal ? `, ${s.internal} internal errors (bugs in msb-opt)` : ""}.`,
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
    out.push("", `## \`${cell(r.display)}\`: ${r.status}`, "");
    const label = r.status === "internal" ? "Internal error" : r.status === "skipped" ? "Skipped" : "Error";
    if (r.error) out.push(`${label}${r.error.line === null ? "" : ` at line ${r.error.line}`}: ${cell(r.error.message)}`, "");
    const notes = [...r.changes, ...r.refusals].sort((a, b) => a.line - b.line);
    if (notes.length > 0) {
      out.push("| line | pass | note |", "| --- | --- | --- |");
      for (const n of notes) out.push(`| ${n.line} | ${n.pass} | ${n.kind === "refusal" ? "declined: " : ""}${cell(n.message)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

function sarifReport(results: readonly FileResult[], passes: readonly Pass[], root: string) {
  const rules = [
    ...passes.map((p) => ({ id: p.id, name: p.title, shortDescription: { text: p.title }, fullDescription: { text: p.rationale } })),
    { id: "parse", name: "Dockerfile input", shortDescription: { text: "Input msb-opt cannot read or rewrite safely" } },
    { id: "skipped", name: "Skipped path", shortDescription: { text: "A path msb-opt found but did not process" } },
    { id: "internal", name: "msb-opt internal error", shortDescription: { text: "A bug in msb-opt met while processing the file" } },
  ];
  const ruleOf = (r: FileResult) => (r.status === "internal" ? "internal" : r.status === "skipped" ? "skipped" : "parse");
  // Relative to the repository root (%SRCROOT%), so code-scanning UIs place the results; a path outside it stays absolute.
  const artifact = (path: string) => {
    const rel = relative(root, path);
    if (rel === "" || rel.startsWith("..") || rel.startsWith(sep)) return { uri: pathToFileURL(path).href };
    return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  };
  const location = (path: string, line: number | null) => ({
    physicalLocation: { artifactLocation: artifact(path), ...(line ? { region: { startLine: line } } : {}) },
  });
  const sarifResults = results.flatMap((r) => [
    ...r.changes.map((n) => ({ ruleId: n.pass, level: "warning", message: { text: n.message }, locations: [location(r.path, n.line)] })),
    ...r.refusals.map((n) => ({ ruleId: n.pass, level: "note", message: { text: n.message }, locations: [location(r.path, n.line)] })),
    ...(r.error
      ? [
          {
            ruleId: ruleOf(r),
            level: r.status === "skipped" ? "note" : "error",
            message: { text: r.error.message },
            locations: [location(r.path, r.error.line)],
          },
        ]
      : []),
  ]);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "msb-opt", version: VERSION, informationUri: "https://github.com/msb-opt/msb-opt", rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(root).href.replace(/\/$/, "")}/` } },
        results: sarifResults,
      },
    ],
  };
}
