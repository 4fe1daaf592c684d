// The jars a jar made here needs beside it: the `jar` tool's manifest file (`jar cfm app.jar manifest.txt …`,
// `--manifest`) may give a `Class-Path:` of jars relative to the jar's folder, which the runtime then needs too.
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import { contextSource } from "../entry.js";
import { resolvePath } from "../paths.js";

/** How a RUN's `jar` command made the jar `name`: its manifest file (null: none), or null when no such command. */
export function jarCreation(run: string, name: string): { manifest: string | null } | null {
  for (const segment of run.split(/&&|\|\||;|\n/)) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex((w) => w.replace(/^.*\//, "") === "jar");
    if (at < 0) continue;
    const made = shortForm(words.slice(at + 1)) ?? longForm(words.slice(at + 1));
    if (made && made.file.replace(/^.*\//, "") === name) return { manifest: made.manifest };
  }
  return null;
}

/**
 * Does the RUN update the jar named `name` afterwards (`jar ufm app.jar manifest.txt`, `jar --update --file app.jar
 * …`)? An update may add a manifest `Class-Path` or files the first `jar c…` did not have.
 */
export function jarUpdated(run: string, name: string): boolean {
  for (const segment of run.split(/&&|\|\||;|\n/)) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex((w) => w.replace(/^.*\//, "") === "jar");
    if (at < 0) continue;
    const args = words.slice(at + 1);
    const short = /^-?u[a-zA-Z0-9]*$/.test(args[0] ?? "");
    const long = args.includes("--update") || args.includes("-u");
    if ((short || long) && args.some((w) => w.replace(/^--file=/, "").replace(/^.*\//, "") === name)) return true;
  }
  return false;
}

/** `jar cvfm app.jar manifest.txt …`: the letters f, m and e take their arguments in the order they come. */
function shortForm(args: readonly string[]): { file: string; manifest: string | null } | null {
  const letters = /^-?(c[a-zA-Z0-9]*)$/.exec(args[0] ?? "")?.[1];
  if (!letters) return null;
  let next = 1;
  let file: string | null = null;
  let manifest: string | null = null;
  for (const letter of letters) {
    if (letter === "f") file = args[next++] ?? null;
    else if (letter === "m") manifest = args[next++] ?? null;
    else if (letter === "e") next++;
  }
  return file ? { file, manifest: letters.includes("M") ? null : manifest } : null;
}

/** `jar --create --file app.jar --manifest manifest.txt …` (also `--file=app.jar`, `-f`, `-m`). */
function longForm(args: readonly string[]): { file: string; manifest: string | null } | null {
  if (!args.includes("--create") && !args.includes("-c")) return null;
  const value = (long: string, short: string) => {
    for (let i = 0; i < args.length; i++) {
      if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
      if (args[i] === long || args[i] === short) return args[i + 1] ?? null;
    }
    return null;
  };
  const file = value("--file", "-f");
  const noManifest = args.includes("--no-manifest") || args.includes("-M");
  return file ? { file, manifest: noManifest ? null : value("--manifest", "-m") } : null;
}

/**
 * The absolute paths the `Class-Path:` of a manifest file names, for the jar at `jar`: [] without one, null
 * when the manifest is not in the build context or names something that is not a relative path.
 */
export function manifestClassPath(
  manifest: string,
  jar: string,
  workdir: string,
  sources: ReadonlyMap<string, string>,
  context: BuildContext,
): string[] | null {
  const abs = resolvePath(workdir, manifest) as string;
  const source = contextSource(abs, sources);
  const text = source === null ? null : context.read(source);
  if (text === null) return null;
  // Manifest lines of more than 72 bytes go on in lines that start with one space.
  const unfolded = text.replace(/\r?\n /g, "");
  const value = /^Class-Path:[ \t]*(.*)$/im.exec(unfolded)?.[1].trim() ?? "";
  const entries = value.split(/\s+/).filter((e) => e !== "");
  if (entries.some((e) => /^[a-z][\w+.-]*:|^\/|\$/i.test(e))) return null;
  return entries.map((e) => resolvePath(posix.dirname(jar), e) as string);
}
