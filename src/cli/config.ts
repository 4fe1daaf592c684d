// `.msb-opt.json`: settings for the Dockerfiles of a repository, found by searching upward from each
// Dockerfile to the repository root (or named with --config). CLI flags override the file; `overrides`
// entries apply, in order, to the Dockerfiles their globs match (relative to the config file's folder).
// Which keys exist and what values they take comes from the settings table (src/core/settings.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { PASSES } from "../../passes/index.js";
import { UsageError } from "../core/errors.js";
import { globMatcher } from "../core/glob.js";
import { SETTINGS } from "../core/pipeline.js";
import { checkValue, combineSelection, edgesOf, type GlobalSettings, type SelectionLayer } from "../core/settings.js";

export const CONFIG_FILE = ".msb-opt.json";

/** Settings from a config file or the CLI: the names and values of the settings table (src/core/settings.ts). */
export type Settings = GlobalSettings & { readonly [name: string]: unknown };

export interface LoadedConfig {
  readonly file: string;
  readonly base: Settings;
  /** `dockerHosts`: the engines `verify` and `batch --verify` build on (a run-wide key, never in overrides). */
  readonly dockerHosts: readonly string[] | null;
  readonly overrides: readonly {
    readonly files: readonly string[];
    readonly matches: (rel: string) => boolean;
    readonly settings: Settings;
  }[];
}

/** The settings a config file may hold: every table entry its `config` edge exposes. */
export const CONFIG_SETTINGS = SETTINGS.filter((e) => edgesOf(e.spec).includes("config"));
const PASS_IDS = PASSES.map((p) => p.id);

/**
 * The nearest `.msb-opt.json` from `dir` up to the repository root (a folder with .git), or null. `memo` keeps
 * the answer for every folder on the way: a batch asks for each Dockerfile, mostly from the same folders up.
 */
export function findConfig(dir: string, memo: Map<string, string | null> = new Map()): string | null {
  const walked: string[] = [];
  let found: string | null = null;
  for (let current = resolve(dir); ; ) {
    const known = memo.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(current);
    const candidate = join(current, CONFIG_FILE);
    if (existsSync(candidate)) {
      found = candidate;
      break;
    }
    const parent = dirname(current);
    if (parent === current || existsSync(join(current, ".git"))) break;
    current = parent;
  }
  for (const d of walked) memo.set(d, found);
  return found;
}

const loaded = new Map<string, LoadedConfig>();

/** Read and check a config file (memoised: a batch asks once per Dockerfile). */
export function loadConfig(file: string): LoadedConfig {
  const key = resolve(file);
  const hit = loaded.get(key);
  if (hit) return hit;
  const config = readConfig(key);
  loaded.set(key, config);
  return config;
}

function readConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`${file}: no such file`);
    if (code === "EISDIR") throw new UsageError(`${file}: is a folder; give the path of a ${CONFIG_FILE} file`);
    throw new UsageError(`${file}: cannot read: ${(err as Error).message}`);
  }
  return parseConfig(text, file);
}

/** Check a config file's text; `file` names it in the messages (and its folder is where `overrides` globs start). */
export function parseConfig(raw: string, file: string): LoadedConfig {
  let json: unknown;
  // Without the byte order mark that Windows editors put first (JSON.parse takes it for a stray character).
  const text = raw.replace(/^\uFEFF/, "");
  try {
    json = JSON.parse(text);
  } catch (err) {
    // JSON.parse names an offset ("… in JSON at position 14"): say the line and column, as for the other errors.
    const message = (err as Error).message;
    const at = /\bat position (\d+)/.exec(message);
    if (!at) throw new UsageError(`${file}: not valid JSON: ${message}`);
    const before = text.slice(0, Number(at[1])).split("\n");
    const where = `${before.length}:${before[before.length - 1].length + 1}`;
    throw new UsageError(`${file}:${where}: not valid JSON: ${message.replace(/\s*\bat position \d+/, "").replace(/ in JSON$/, "")}`);
  }
  // JSON.parse keeps the last of two equal keys and drops the first without a word: the user meant one of them.
  const twice = repeatedKey(text);
  if (twice) {
    const before = text.slice(0, twice.offset).split("\n");
    const where = `${before.length}:${before[before.length - 1].length + 1}`;
    throw new UsageError(`${file}:${where}: \`${twice.key}\` is given twice in one object; JSON keeps only the last, so write it once`);
  }
  const fail = (key: string | null, message: string, override?: number): never => {
    const line = key === null ? null : lineOfKey(text, key, override);
    throw new UsageError(`${file}${line === null ? "" : `:${line}`}: ${message}`);
  };
  if (!isObject(json)) return fail(null, "must hold a JSON object");
  const { overrides = [], $schema: _schema, dockerHosts, ...rest } = json;
  const base = checkSettings(rest, "", (key, m) => fail(key, m));
  if (!Array.isArray(overrides)) return fail("overrides", "`overrides` must be a list");
  const hostProblem = dockerHosts === undefined ? null : checkDockerHosts(dockerHosts);
  if (hostProblem) return fail("dockerHosts", `\`dockerHosts\` ${hostProblem}`);
  return {
    file,
    base,
    dockerHosts: dockerHosts === undefined ? null : (dockerHosts as string[]),
    overrides: overrides.map((o, i) => {
      const at = `overrides[${i}]`;
      if (!isObject(o)) return fail("overrides", `\`${at}\` must be an object`);
      const { files, ...settings } = o;
      if ("dockerHosts" in settings)
        return fail(
          "dockerHosts",
          `\`${at}.dockerHosts\`: the engines are chosen for the whole run; set \`dockerHosts\` at the top level`,
          i,
        );
      const globs = typeof files === "string" ? [files] : files;
      if (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === "string")) {
        return fail("overrides", `\`${at}.files\` must be a glob or a list of globs`);
      }
      const matchers = globs.map(globMatcher);
      return {
        files: globs,
        matches: (rel: string) => matchers.some((m) => m(rel)),
        settings: checkSettings(settings, `${at}.`, (key, m) => fail(key, m, i)),
      };
    }),
  };
}

/** The first key written twice in one object of valid JSON text, with the offset of its second mention. */
export function repeatedKey(text: string): { key: string; offset: number } | null {
  const objects: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") objects.push(new Set());
    else if (c === "[") objects.push(null);
    else if (c === "}" || c === "]") objects.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      let next = end + 1;
      while (/\s/.test(text[next] ?? "")) next++;
      const keys = objects[objects.length - 1];
      if (text[next] === ":" && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return { key, offset: i };
        keys.add(key);
      }
      i = end;
    }
  }
  return null;
}

/** A Docker endpoint: a daemon URL (unix, tcp, ssh, npipe, fd) or a `docker context` name. */
export const DOCKER_HOST = /^((unix|tcp|ssh|npipe|fd):\/\/\S+|[A-Za-z0-9][A-Za-z0-9_.+-]*)$/;

function checkDockerHosts(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return "must be a non-empty list of Docker endpoints";
  const bad = value.find((h) => typeof h !== "string" || !DOCKER_HOST.test(h));
  return bad === undefined
    ? null
    : `names ${JSON.stringify(bad)}, which is neither a daemon URL (unix://, tcp://, ssh://) nor a docker context name`;
}

/**
 * The engines to build on, the user's own choice first: `--docker-host` flags, else the config file's
 * `dockerHosts`, else none (the environment's DOCKER_HOST or current docker context).
 */
export function dockerHostsFor(flags: readonly string[], config: LoadedConfig | null): readonly string[] {
  for (const h of flags)
    if (!DOCKER_HOST.test(h)) throw new UsageError(`--docker-host takes a daemon URL or a docker context name, not "${h}"`);
  return flags.length > 0 ? flags : (config?.dockerHosts ?? []);
}

function checkSettings(value: Record<string, unknown>, prefix: string, fail: (key: string, message: string) => never): Settings {
  for (const [key, v] of Object.entries(value)) {
    const entry = CONFIG_SETTINGS.find((e) => e.name === key);
    if (!entry) fail(key, `unknown key \`${prefix}${key}\` (known: ${CONFIG_SETTINGS.map((e) => e.name).join(", ")}, overrides)`);
    const problem = checkValue(entry!.spec, v, PASS_IDS);
    if (problem) fail(key, `\`${prefix}${key}\` ${problem}`);
  }
  if (Array.isArray(value.passes) && Array.isArray(value.skip)) {
    const both = value.passes.filter((id) => (value.skip as unknown[]).includes(id));
    if (both.length > 0) fail("skip", `\`${prefix}passes\` and \`${prefix}skip\` both name ${both.join(", ")}`);
  }
  return value as Settings;
}

/** The line of `"key":` in the file (in `overrides[override]` when given), for error messages. */
function lineOfKey(text: string, key: string, override?: number): number | null {
  const at = (from: number) => text.indexOf(`"${key}"`, from);
  let pos = at(0);
  if (override !== undefined) {
    // The override's own key: count the objects of the `overrides` list up to it.
    let from = text.indexOf('"overrides"');
    for (let i = 0; i <= override && from >= 0; i++) from = text.indexOf("{", from + 1);
    pos = from < 0 ? -1 : at(from);
  }
  return pos < 0 ? null : text.slice(0, pos).split("\n").length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A config file's settings for the Dockerfile at `rel` (from the file's folder, with `/`), lowest precedence first. */
export function configLayers(config: LoadedConfig, rel: string): { source: string; settings: Settings }[] {
  const layers = [{ source: `\`${config.file}\``, settings: config.base }];
  config.overrides.forEach((o, i) => {
    if (o.matches(rel)) layers.push({ source: `\`overrides[${i}]\` of \`${config.file}\``, settings: o.settings });
  });
  return layers;
}

/**
 * The settings in effect for one Dockerfile, lowest precedence first: the file's base, every matching
 * override in order, then the flags given on the command line. A later source's scalar replaces the earlier
 * one; pass selections merge (see `combineSelection`): `skip` adds to what an earlier source skips, and
 * `passes` replaces the earlier list and turns those passes back on.
 */
export function settingsFor(config: LoadedConfig | null, dockerfile: string, cli: Settings = {}): Settings {
  const layers: { source: string; settings: Settings }[] = [];
  if (config) layers.push(...configLayers(config, relative(dirname(config.file), resolve(dockerfile)).split(sep).join("/")));
  const flags = Object.fromEntries(Object.entries(cli).filter(([, v]) => v !== undefined));
  layers.push({ source: "the command line", settings: flags });
  let settings: Record<string, unknown> = {};
  for (const layer of layers) settings = { ...settings, ...layer.settings };
  delete settings.passes;
  delete settings.skip;
  const selection: SelectionLayer[] = layers.map((l) => ({ source: l.source, passes: l.settings.passes, skip: l.settings.skip }));
  return { ...settings, ...combineSelection(selection) };
}

/** Settings for a Dockerfile from its config file (explicit, or found upward), with CLI flags on top. */
export function resolveSettings(
  dockerfile: string | null,
  cli: Settings,
  explicitConfig: string | null,
  cwd: string,
  memo?: Map<string, string | null>,
): { settings: Settings; file: string | null } {
  const file = explicitConfig ?? findConfig(dockerfile ? dirname(resolve(dockerfile)) : cwd, memo);
  const config = file ? loadConfig(file) : null;
  return { settings: settingsFor(config, dockerfile ?? join(cwd, "Dockerfile"), cli), file };
}
