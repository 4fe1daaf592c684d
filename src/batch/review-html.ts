// The HTML review page of a batch: one self-contained file (no network, no external assets) with a
// summary, a filterable and searchable list of files, and each file's diff with every hunk labelled by
// the notes that explain it. Diffs are rendered only when a file is opened, so thousands of files stay fast.
import { VERSION } from "../io/version.js";
import type { FileResult } from "./process-file.js";
import { summarize } from "./summary.js";

/** What the page's script reads: compact keys keep a 5,000-file page small. */
interface PageFile {
  p: string; // path
  s: FileResult["status"];
  d: string; // unified diff
  n: [number, string, string, string][]; // [line, pass, "change" | "refusal", message]
  e: string | null; // error
}

export function renderReviewPage(results: readonly FileResult[]): string {
  const files: PageFile[] = results.map((r) => ({
    p: r.display,
    s: r.status,
    d: r.diff,
    n: [...r.changes, ...r.refusals].sort((a, b) => a.line - b.line).map((n) => [n.line, n.pass, n.kind, n.message]),
    e: r.error ? `${r.error.line === null ? "" : `line ${r.error.line}: `}${r.error.message}` : null,
  }));
  // JSON inside <script>: escape `<` so that no text can close the element.
  const data = JSON.stringify({ version: VERSION, summary: summarize(results), files }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>msb-opt review: ${results.length} Dockerfiles</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>msb-opt review</h1>
  <p class="sub" id="sub"></p>
  <div class="cards" id="cards"></div>
  <div class="tools">
    <input id="q" type="search" placeholder="Search paths, passes and notes…" aria-label="Search">
    <div class="filters" id="filters" role="group" aria-label="Filter by status"></div>
  </div>
</header>
<main>
  <p class="count" id="count"></p>
  <ul id="list"></ul>
</main>
<script id="data" type="application/json">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --add:#dafbe1; --del:#ffebe9; --hunk:#ddf4ff;
  --changed:#0969da; --unchanged:#59636e; --refused:#9a6700; --error:#cf222e; --internal:#8250df; --skipped:#6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--bg); position: sticky; top: 0; z-index: 1; }
h1 { margin: 0; font-size: 20px; }
.sub { margin: 2px 0 12px; color: var(--muted); }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.tools { display: flex; gap: 12px; margin-top: 14px; align-items: center; flex-wrap: wrap; }
#q { flex: 1; min-width: 240px; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.filters button { font: inherit; padding: 5px 12px; border: 1px solid var(--line); background: #fff; border-radius: 20px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
main { padding: 8px 32px 40px; }
.count { color: var(--muted); }
ul { list-style: none; margin: 0; padding: 0; }
li.file { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; overflow: hidden; }
li.file > button { all: unset; display: flex; gap: 12px; align-items: center; width: 100%; padding: 9px 14px; cursor: pointer; box-sizing: border-box; }
li.file > button:hover { background: var(--bg); }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; flex: 1; overflow-wrap: anywhere; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; color: #fff; }
.badge.changed { background: var(--changed); } .badge.unchanged { background: var(--unchanged); }
.badge.refused { background: var(--refused); } .badge.error { background: var(--error); }
.badge.internal { background: var(--internal); } .badge.skipped { background: var(--skipped); }
.summary { color: var(--muted); font-size: 12px; }
.detail { border-top: 1px solid var(--line); padding: 10px 14px; }
.note { margin: 4px 0; padding: 6px 10px; border-left: 3px solid var(--changed); background: #f6faff; }
.note.refusal { border-color: var(--refused); background: #fff8e5; }
.note.error { border-color: var(--error); background: var(--del); }
.note.internal { border-color: var(--internal); background: #fbefff; }
.note code, .note .pass { font-family: ui-monospace, monospace; font-size: 12px; }
.note .pass { font-weight: 600; margin-right: 6px; }
.hunk { margin: 12px 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
.hunk .notes { padding: 4px 8px; }
pre { margin: 0; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-x: auto; }
pre div { padding: 0 10px; white-space: pre; }
pre .add { background: var(--add); } pre .del { background: var(--del); } pre .at { background: var(--hunk); color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
`;

// Plain browser script (no framework); it builds every node with textContent, never innerHTML.
const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  const s = data.summary;
  document.getElementById("sub").textContent = "msb-opt " + data.version + " · " + s.files + " Dockerfiles";
  const cards = document.getElementById("cards");
  for (const [key, label] of [["changed", "changed"], ["unchanged", "unchanged"], ["refused", "refused"], ["error", "errors"], ["internal", "internal errors"], ["skipped", "skipped"]]) {
    if ((key === "internal" || key === "skipped") && !s[key]) continue;
    const c = el("div", "card"); c.append(el("b", null, String(s[key]))); c.append(el("span", null, label)); c.dataset.status = key; cards.append(c);
  }
  const state = { status: "all", q: "" };
  const filters = document.getElementById("filters");
  for (const f of ["all", "changed", "refused", "error", "internal", "skipped", "unchanged"]) {
    if ((f === "internal" || f === "skipped") && !s[f]) continue;
    const b = el("button", null, f); b.type = "button"; b.dataset.filter = f; b.setAttribute("aria-pressed", String(f === "all"));
    b.onclick = () => { state.status = f; for (const x of filters.children) x.setAttribute("aria-pressed", String(x === b)); render(); };
    filters.append(b);
  }
  const q = document.getElementById("q");
  let timer; q.oninput = () => { clearTimeout(timer); timer = setTimeout(() => { state.q = q.value.trim().toLowerCase(); render(); }, 120); };
  const list = document.getElementById("list");
  const count = document.getElementById("count");
  const haystack = data.files.map((f) => (f.p + " " + f.n.map((n) => n[1] + " " + n[3]).join(" ") + " " + (f.e || "")).toLowerCase());

  function hunks(diff) {
    const out = []; let cur = null;
    for (const line of diff.split("\\n")) {
      if (line.startsWith("@@")) { const m = /^@@ -(\\d+)(?:,(\\d+))? /.exec(line); cur = { start: +m[1], len: m[2] == null ? 1 : +m[2], lines: [line] }; out.push(cur); }
      else if (cur && line !== "" && !line.startsWith("--- ") && !line.startsWith("+++ ")) cur.lines.push(line);
    }
    return out;
  }
  function noteEl(n) {
    const d = el("div", "note " + n[2]); d.append(el("span", "pass", n[1] + (n[2] === "refusal" ? " (declined)" : "")));
    d.append(document.createTextNode("line " + n[0] + ": " + n[3])); return d;
  }
  function detail(f) {
    const box = el("div", "detail");
    if (f.e) {
      const label = f.s === "internal" ? "Internal error (a bug in msb-opt), " : f.s === "skipped" ? "Skipped, " : "Error, ";
      box.append(el("div", "note " + (f.s === "internal" ? "internal" : "error"), label + f.e));
    }
    const hs = hunks(f.d); const placed = new Set();
    for (const h of hs) {
      const wrap = el("div", "hunk"); const notes = el("div", "notes");
      f.n.forEach((n, i) => { if (n[0] >= h.start && n[0] < h.start + Math.max(h.len, 1)) { notes.append(noteEl(n)); placed.add(i); } });
      if (notes.children.length) wrap.append(notes);
      const pre = el("pre");
      for (const l of h.lines) pre.append(el("div", l[0] === "+" ? "add" : l[0] === "-" ? "del" : l.startsWith("@@") ? "at" : "", l));
      wrap.append(pre); box.append(wrap);
    }
    const rest = f.n.filter((_, i) => !placed.has(i));
    for (const n of rest) box.append(noteEl(n));
    if (!hs.length && !rest.length && !f.e) box.append(el("p", "empty", "msb-opt found nothing to change in this file."));
    return box;
  }
  function row(f) {
    const li = el("li", "file"); li.dataset.status = f.s;
    const b = el("button"); b.setAttribute("aria-expanded", "false");
    b.append(el("span", "badge " + f.s, f.s)); b.append(el("span", "path", f.p));
    const changes = f.n.filter((n) => n[2] === "change").length, refusals = f.n.length - changes;
    b.append(el("span", "summary", changes + (changes === 1 ? " change" : " changes") + (refusals ? ", " + refusals + " declined" : "")));
    b.onclick = () => {
      const open = b.getAttribute("aria-expanded") === "true";
      b.setAttribute("aria-expanded", String(!open));
      if (open) li.querySelector(".detail").remove(); else li.append(detail(f));
    };
    li.append(b); return li;
  }
  const PAGE = 200; let shown = [];
  function render() {
    shown = data.files.map((f, i) => i).filter((i) => (state.status === "all" || data.files[i].s === state.status) && (!state.q || haystack[i].includes(state.q)));
    list.replaceChildren(); more(0);
  }
  function more(from) {
    const frag = document.createDocumentFragment();
    for (const i of shown.slice(from, from + PAGE)) frag.append(row(data.files[i]));
    list.append(frag);
    const n = Math.min(from + PAGE, shown.length);
    count.textContent = shown.length + " of " + data.files.length + " files" + (n < shown.length ? " (showing " + n + ")" : "");
    if (n < shown.length) { const b = el("button", null, "Show " + Math.min(PAGE, shown.length - n) + " more"); b.id = "more"; b.onclick = () => { b.remove(); more(n); }; list.append(b); }
  }
  render();
})();
`;
