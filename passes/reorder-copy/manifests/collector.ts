// The files an install step reads, found in the build context: never a path that is not there (COPY of a
// missing file fails the build). The context given here already hides what `.dockerignore` excludes.
import { posix } from "node:path";
import { contextPath, type BuildContext } from "../../../src/core/context.js";
import { refusal, type Refusal, type RefusalId } from "../messages.js";

export type Needs =
  | {
      readonly ok: true;
      /** Context-relative files and folders the install reads, in the order to copy them. */
      readonly paths: readonly string[];
      /** Context paths the install writes (node_modules, .venv…): a later `COPY .` must not bring them. */
      readonly outputs: readonly string[];
      /** Absolute image paths outside the copied context that the install reads (a config file an ENV names). */
      readonly reads: readonly string[];
      /**
       * Context files the install reads and may write again (`npm install` rewrites package-lock.json): a
       * `COPY .` moved after it would put the context's copy back over the install's.
       */
      readonly rewrites?: readonly { readonly path: string; readonly advice: string; readonly why: string }[];
    }
  | { readonly ok: false; readonly refusal: Refusal };

export type Refused = { readonly ok: false; readonly refusal: Refusal };
export const refused = (id: RefusalId, data: Readonly<Record<string, string>> = {}): Refused => ({ ok: false, refusal: refusal(id, data) });

/** Where the install runs and what it was told through the environment. */
export interface InstallSite {
  /** Context folder the install runs in ("" for the root). */
  readonly dir: string;
  /** Absolute image path the context root was copied to, when known. */
  readonly contextRoot: string | null;
  /** Variables set before the install (ENV, ARG, `NAME=value cmd`); null: an ARG without a default. */
  readonly env: ReadonlyMap<string, string | null>;
  /** Context files a COPY before the install puts where an installer reads its configuration (`/etc/pip.conf`). */
  readonly configCopies?: readonly { readonly source: string; readonly dest: string }[];
}

export const join = (dir: string, path: string) => contextPath(posix.join(dir || ".", path));

/** Gathers existing paths relative to the install folder. */
export class Collector {
  readonly paths: string[] = [];
  readonly reads: string[] = [];
  readonly dir: string;
  constructor(
    readonly ctx: BuildContext,
    readonly site: InstallSite,
  ) {
    this.dir = site.dir;
  }
  path(name: string): string | null {
    return join(this.dir, name);
  }
  has(name: string): boolean {
    const p = this.path(name);
    return p !== null && this.ctx.exists(p);
  }
  add(path: string): void {
    if (!this.paths.includes(path)) this.paths.push(path);
  }
  require(name: string): { ok: true; text: string } | Refused {
    const p = this.path(name);
    const text = p === null ? null : this.ctx.read(p);
    if (p === null || text === null) return refused("missingFile", { path: p ?? name });
    this.add(p);
    return { ok: true, text };
  }
  /**
   * Collect `start` and, breadth first, every file they include: `includes` reads one file's text and
   * returns the context paths it names, or why they cannot be followed.
   */
  follow(start: readonly string[], includes: (file: string, text: string) => readonly string[] | Refusal): { ok: true } | Refused {
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (this.paths.includes(file)) continue;
      const text = this.ctx.read(file);
      if (text === null) return refused("missingFile", { path: file });
      this.add(file);
      const next = includes(file, text);
      if ("id" in next) return { ok: false, refusal: next };
      queue.push(...next);
    }
    return { ok: true };
  }
  optional(...names: string[]): void {
    for (const name of names) {
      const p = this.path(name);
      if (p !== null && this.ctx.exists(p)) this.add(p);
    }
  }
  /**
   * A path the install is told to read (by a flag or a variable), relative to the folder it runs in or
   * absolute: a context path when it lies in the copied context, else an image path outside it.
   */
  locate(path: string): { context: string } | { image: string } | null {
    if (!path.startsWith("/")) {
      const rel = join(this.dir, path);
      return rel === null ? null : { context: rel };
    }
    const root = this.site.contextRoot?.replace(/\/+$/, "");
    const abs = posix.normalize(path);
    if (root !== undefined && (abs === root || abs.startsWith(`${root}/`))) {
      const rel = contextPath(abs.slice(root.length + 1) || ".");
      return rel === null ? null : { context: rel };
    }
    return { image: abs };
  }
  /**
   * The files the environment variables `names` point the install at: copied before it when they are in
   * the context, remembered as image paths when they are not; refused when they cannot be resolved.
   * `argMayBeUnset`: an ARG without a default is taken as unset (GOPROXY, GOFLAGS: usually URLs and flags).
   */
  configured(names: readonly string[], file: (value: string) => string | null = (v) => v, argMayBeUnset = false): Refused | null {
    for (const name of names) {
      const found = [...this.site.env].find(([key]) => key.toLowerCase() === name.toLowerCase());
      if (!found) continue;
      const [key, raw] = found;
      if (raw === null && argMayBeUnset) continue;
      if (raw === null) return refused("configArg", { name: key });
      for (const value of file(raw)?.split(/\s+/).filter(Boolean) ?? []) {
        if (value.includes("$") || value.startsWith("~")) return refused("configVariable", { name: key, value });
        const where = this.locate(value);
        if (where === null) return refused("configOutsideContext", { name: key, value });
        if ("image" in where) {
          if (!this.reads.includes(where.image)) this.reads.push(where.image);
          continue;
        }
        if (!this.ctx.exists(where.context)) return refused("configFileMissing", { file: key, path: value });
        this.add(where.context);
      }
    }
    return null;
  }
  done(outputs: string[]): Needs {
    const out = outputs.map((o) => this.path(o)).filter((p): p is string => p !== null && this.ctx.exists(p));
    return { ok: true, paths: this.paths, outputs: out, reads: this.reads };
  }
}
