// Tk on the slim python image: the official Dockerfile builds `_tkinter`, then keeps only the shared libraries that
// the other extension modules load (its `find … -not -name '*tkinter*' -exec ldd` step), so on `python:*-slim`
// `import tkinter` fails with `libtk8.6.so: cannot open shared object file`, while the full image (buildpack-deps,
// with tk-dev) imports it. A GUI app run under Xvfb, turtle drawings, PIL.ImageTk and matplotlib's TkAgg back end
// all load it (red team 17 F13).
import type { SourceFile } from "../source-files.js";

const TK_USES: readonly (readonly [RegExp, string])[] = [
  [/^\s*(?:import\s+(?:tkinter|turtle|idlelib)\b|from\s+(?:tkinter|turtle|idlelib)\b)/m, "`tkinter`"],
  [/^\s*from\s+PIL\s+import\s+[^\n]*\bImageTk\b|\bPIL\.ImageTk\b/m, "`PIL.ImageTk`"],
  [/\b(?:matplotlib\.use|switch_backend)\(\s*["']TkAgg["']/i, "matplotlib's `TkAgg` back end"],
  // The C module itself, and the pip packages that import tkinter when they load (red team 20 F22).
  [/^\s*(?:import|from)\s+_tkinter\b/m, "`_tkinter`"],
  [
    /^\s*(?:import|from)\s+(customtkinter|CTkMessagebox|PySimpleGUI|FreeSimpleGUI|ttkbootstrap|pygubu|tkinterdnd2|ttkthemes|tkcalendar|sv_ttk)\b/m,
    "`$1` (built on `tkinter`)",
  ],
];

/** The first Python file that loads Tk, with what it loads; null when none does. */
export function tkUse(files: readonly SourceFile[]): { readonly file: string; readonly module: string } | null {
  for (const { path, text } of files) {
    if (!path.endsWith(".py")) continue;
    for (const [pattern, module] of TK_USES) {
      const m = pattern.exec(text);
      if (m) return { file: path, module: module.replace("$1", m[1] ?? "") };
    }
  }
  return null;
}

/**
 * The pip projects (PEP 503 names) that import tkinter when they load: a build that installs one, named only in a
 * requirements file (a console script, a plugin, a library that loads it), needs Tk as an import would (red team 20 F22).
 */
const TK_PROJECTS = [
  "customtkinter",
  "ctkmessagebox",
  "pysimplegui",
  "freesimplegui",
  "ttkbootstrap",
  "pygubu",
  "pygubu-designer",
  "tkinterdnd2",
  "ttkthemes",
  "tkcalendar",
  "sv-ttk",
];

/** The first project the build installs that loads Tk, or null. */
export function tkProject(names: ReadonlySet<string>): string | null {
  return TK_PROJECTS.find((p) => names.has(p)) ?? null;
}
