// What pip, uv, Poetry and Pipenv read: requirement files with their `-r`/`-c` includes, pyproject.toml and
// the lockfiles, and the configuration files that PIP_CONFIG_FILE, UV_CONFIG_FILE… point at.
import { posix } from "node:path";
import { isLocalRequirement, type InstallStep } from "../install-commands.js";
import { refusal, type Refusal } from "../messages.js";
import { join, refused, type Collector, type Needs, type Refused } from "./collector.js";

export function pythonManifests(step: InstallStep, c: Collector): Needs {
  switch (step.ecosystem) {
    case "uv": {
      const bad = c.configured(["UV_CONFIG_FILE", "UV_CONSTRAINT", "UV_OVERRIDE", "UV_FIND_LINKS"]);
      if (bad) return bad;
      if (step.files.length > 0) return pipManifests(step, c);
      return python(
        c,
        "pyproject.toml",
        ["uv.lock", "uv.toml", ".python-version"],
        /^\s*\[tool\.uv\.workspace\]|\bpath\s*=|workspace\s*=\s*true/m,
      );
    }
    case "poetry": {
      const bad = c.configured(["POETRY_CONFIG_DIR"]);
      if (bad) return bad;
      // Some Poetry versions check that the readme exists even with --no-root; it is cheap to bring.
      const readme = /^\s*readme\s*=\s*["']([^"']+)["']/m.exec(c.ctx.read(c.path("pyproject.toml") ?? "") ?? "")?.[1];
      return python(c, "pyproject.toml", ["poetry.lock", "poetry.toml", ...(readme ? [readme] : [])], /\bpath\s*=|develop\s*=\s*true/);
    }
    case "pipenv": {
      const named = c.site.env.get("PIPENV_PIPFILE");
      const bad = c.configured(["PIPENV_PIPFILE"]);
      if (bad) return bad;
      const where = named ? c.locate(named) : null;
      if (where && "image" in where) return refused("configOutsideContext", { name: "PIPENV_PIPFILE", value: named ?? "" });
      const pipfile = where ? posix.relative(c.dir || ".", where.context) : "Pipfile";
      return python(c, pipfile, [`${pipfile}.lock`], /\bpath\s*=|editable\s*=\s*true/);
    }
    default:
      return pipManifests(step, c);
  }
}

function python(c: Collector, manifest: string, extras: string[], local: RegExp): Needs {
  const main = c.require(manifest);
  if (!main.ok) return main;
  if (local.test(main.text)) return refused("pythonLocalDependency", { file: manifest });
  c.optional(...extras);
  return c.done([".venv"]);
}

/** pip (and `uv pip`): the requirement files named on the command line or by PIP_REQUIREMENT/PIP_CONSTRAINT, and their includes. */
function pipManifests(step: InstallStep, c: Collector): Needs {
  const bad = c.configured(["PIP_CONFIG_FILE", "PIP_FIND_LINKS"]);
  if (bad) return bad;
  const configured = pipConfigSettings(c);
  if (!configured.ok) return configured;
  const listed = ["PIP_REQUIREMENT", "PIP_CONSTRAINT"].flatMap((name) => c.site.env.get(name)?.split(/\s+/).filter(Boolean) ?? []);
  const queue: string[] = [];
  for (const file of [...step.files, ...listed, ...configured.files]) {
    const where = c.locate(file);
    if (where === null) return refused("pathOutside", { path: file });
    if ("image" in where) return refused("pathOutside", { path: file });
    queue.push(where.context);
  }
  const followed = c.follow(queue, (file, text) => {
    const parsed = requirementReferences(text);
    if (!parsed.ok) return { ...parsed.refusal, data: { ...parsed.refusal.data, file } };
    const refs: string[] = [];
    for (const ref of parsed.files) {
      const rel = join(posix.dirname(file), ref);
      if (rel === null || ref.startsWith("/")) return refusal("includeOutside", { file, path: ref });
      refs.push(rel);
    }
    return refs;
  });
  return followed.ok ? c.done([]) : followed;
}

/**
 * What the pip configuration files (the one PIP_CONFIG_FILE names in the context, those a COPY puts at
 * `/etc/pip.conf` or another place pip reads) say about local files: their
 * `find-links` folders are copied with it (pip finds packages there, often with `no-index`), its
 * `requirement`/`constraint` files are followed like the command line's; a `file:` index is refused.
 */
function pipConfigSettings(c: Collector): { ok: true; files: string[] } | Refused {
  const named = [...c.site.env].find(([key]) => key.toUpperCase() === "PIP_CONFIG_FILE")?.[1];
  const where = named ? c.locate(named) : null;
  const configs = [
    ...(where && "context" in where ? [where.context] : []),
    ...(c.site.configCopies ?? []).filter((f) => /(^|\/)pip\.(conf|ini)$/i.test(f.dest)).map((f) => f.source),
  ];
  const files: string[] = [];
  for (const config of configs) {
    const text = c.ctx.read(config);
    if (text === null) continue;
    const bad = pipConfigFile(c, config, text, files);
    if (bad) return bad;
  }
  return { ok: true, files };
}

function pipConfigFile(c: Collector, config: string, text: string, files: string[]): Refused | null {
  const where = { context: config };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*([\w-]+)\s*[=:]\s*(.*)$/.exec(lines[i].replace(/(^|\s)[#;].*$/, ""));
    if (!m) continue;
    // A value may go on over indented lines.
    let value = m[2];
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1])) value += ` ${lines[++i].trim()}`;
    const key = m[1].toLowerCase().replace(/_/g, "-");
    const values = value.split(/\s+/).filter(Boolean);
    if (key === "index-url" || key === "extra-index-url" || key === "find-links" || key === "requirement" || key === "constraint") {
      for (const v of values) {
        if (/^[a-z][\w+.-]*:\/\//i.test(v) && !/^file:/i.test(v)) continue;
        if (key.endsWith("index-url") || /^file:/i.test(v) || v.includes("$") || v.startsWith("~"))
          return refused("pipConfigLocal", { file: where.context, key, value: v });
        // Relative paths in the configuration are taken from the folder pip runs in.
        const at = c.locate(v);
        if (at === null || "image" in at) return refused("pipConfigLocal", { file: where.context, key, value: v });
        if (!c.ctx.exists(at.context)) return refused("configFileMissing", { file: where.context, path: v });
        if (key === "find-links") c.add(at.context);
        else files.push(posix.relative(c.dir || ".", at.context));
      }
    }
  }
  return null;
}

/** The `-r`/`-c` files a requirements file includes, or why it needs the sources (`file` is filled by the caller). */
export function requirementReferences(text: string): { ok: true; files: string[] } | { ok: false; refusal: Refusal } {
  const files: string[] = [];
  const lines = text.replace(/\\\r?\n/g, "").split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const m = /^(-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links)(?:\s*=\s*|\s+|(?<=^-[rcef]))(\S+)/.exec(line);
    if (m) {
      const [, opt, value] = m;
      if (value.includes("$")) return { ok: false, refusal: refusal("requirementVariable", { line }) };
      if (opt === "-r" || opt === "--requirement" || opt === "-c" || opt === "--constraint") files.push(value);
      else if ((opt === "-e" || opt === "--editable") && isLocalRequirement(value))
        return { ok: false, refusal: refusal("requirementLocal", { path: value }) };
      else if ((opt === "-f" || opt === "--find-links") && !/^[a-z]+:\/\//i.test(value))
        return { ok: false, refusal: refusal("requirementFindLinks", { path: value }) };
      continue;
    }
    if (line.startsWith("-")) continue;
    if (isLocalRequirement(line.split(/\s*;/)[0])) return { ok: false, refusal: refusal("requirementLocal", { path: line }) };
  }
  return { ok: true, files };
}
