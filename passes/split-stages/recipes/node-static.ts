// A static front-end served by a Node static server (`serve -s build`, `http-server dist`, `vite preview`),
// moved onto nginx when the user opts in (`staticRuntime: "nginx"`): the runtime holds the built folder and
// an nginx config written in the stage itself, listening on the original port, with the SPA fallback only
// when the original server had one. It changes the server, so it is never the default.
import { declaredVariables } from "../../../src/core/instructions.js";
import type { BuildContext } from "../../../src/core/context.js";
import { instruction, type Instruction } from "../../../src/core/ir.js";
import type { Analysis } from "../analysis.js";
import { nodeProject } from "../closure/node-project.js";
import { isUnder, resolvePath } from "../paths.js";
import type { PlanResult, RecipeNote } from "./types.js";

export const NGINX_IMAGE = "nginx:stable";
const SITE = "/usr/share/nginx/html";

export interface StaticServer {
  readonly server: string;
  /** The served folder, absolute. */
  readonly dir: string;
  readonly spa: boolean;
  readonly port: number;
  readonly line: number;
}

/** Flags each server takes with a value, and the port flags among them. */
const SERVERS: Readonly<
  Record<string, { readonly valued: readonly string[]; readonly bare: readonly string[]; readonly port: number; readonly spa: boolean }>
> = {
  serve: {
    valued: ["-l", "--listen", "-p", "--port"],
    // `--cors` adds headers the nginx config does not write: such a command is not read.
    bare: ["-s", "--single", "-n", "--no-clipboard"],
    port: 3000,
    spa: false,
  },
  "http-server": { valued: ["-p", "--port", "-a"], bare: ["-s", "--silent", "-d"], port: 8080, spa: false },
  "vite preview": { valued: ["--port", "--host"], bare: ["--host", "--strictPort"], port: 4173, spa: true },
};

/** The static server the image's CMD runs, when it is one this module reads completely; else null. */
export function staticServer(a: Analysis, context: BuildContext): StaticServer | null {
  const body = a.stage.body;
  if (body.some((i) => i.keyword === "ENTRYPOINT")) return null;
  const cmd = [...body].reverse().find((i) => i.keyword === "CMD");
  if (!cmd || a.workdir === null) return null;
  const written = cmd.exec ? [...cmd.exec] : cmd.args.trim().split(/\s+/);
  const words = written.some((w) => /[$;&|<>`'"\\]/.test(w)) ? null : scriptWords(a, context, written);
  if (words === null || words.some((w) => /[$;&|<>`'"\\]/.test(w))) return null;
  if (words[0] === "npx") words.shift();
  const name = words[0] === "vite" && words[1] === "preview" ? "vite preview" : words[0];
  const spec = SERVERS[name];
  if (!spec) return null;
  // serve and http-server listen on `$PORT` when no flag names a port.
  const envPort = name === "vite preview" ? undefined : literalPort(a);
  if (envPort === null) return null;
  let port = envPort ?? spec.port;
  let spa = spec.spa;
  const positional: string[] = [];
  for (let i = name === "vite preview" ? 2 : 1; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith("-")) positional.push(w);
    else if (spec.valued.includes(w) && !(w === "--host" && (words[i + 1] ?? "-").startsWith("-"))) {
      const value = words[++i] ?? "";
      if (w === "-l" || w === "--listen" || w === "-p" || w === "--port") {
        const m = /^(?:tcp:\/\/[\w.]*:)?(\d+)$/.exec(value);
        if (!m) return null;
        port = Number(m[1]);
      }
    } else if (spec.bare.includes(w)) {
      if (name === "serve" && (w === "-s" || w === "--single")) spa = true;
    } else return null;
  }
  // vite preview serves vite's outDir, which a config file may move.
  if (name === "vite preview") {
    if (positional.length > 0 || context.list(".").some((f) => /^vite\.config\./.test(f))) return null;
    positional.push("dist");
  }
  // Without a folder, serve serves the working folder and http-server picks `./public` if it exists: not a site.
  if (positional.length !== 1) return null;
  const dir = resolvePath(a.workdir, positional[0]);
  if (dir === null || dir === a.workdir) return null;
  return { server: name, dir, spa, port, line: cmd.line };
}

/** The port the stage's ENV PORT sets: a number, undefined without one, null when it is not a literal number. */
function literalPort(a: Analysis): number | null | undefined {
  let port: number | null | undefined;
  for (const instr of a.stage.body)
    for (const v of instr.keyword === "ENV" ? (declaredVariables(instr) ?? []) : [])
      if (v.name === "PORT") port = /^\d+$/.test(v.value ?? "") ? Number(v.value) : null;
  return port;
}

/** serve's own settings file, which the served folder may hold (copied there by the build): nginx would not read it. */
function hasServeConfig(context: BuildContext): boolean {
  return ["", ...context.list(".").map((d) => `${d}/`)].some((dir) => context.exists(`${dir}serve.json`));
}

/**
 * The words the entry runs: `npm start`, `npm run <name>`, `yarn <name>`, `pnpm <name>` with nothing after them
 * become the script's own words (a script with a pre or post script is not followed); others stay as written.
 */
function scriptWords(a: Analysis, context: BuildContext, words: readonly string[]): string[] | null {
  const [tool, verb, name, ...rest] = words;
  if (tool !== "npm" && tool !== "yarn" && tool !== "pnpm") return [...words];
  const script =
    verb === "run" ? name : verb === "start" && name === undefined ? "start" : tool !== "npm" && name === undefined ? verb : null;
  if (!script || rest.length > 0 || (verb === "run" && words.length !== 3)) return null;
  const scripts = nodeProject(a, context)?.pkg.scripts ?? {};
  const body = scripts[script];
  if (typeof body !== "string" || scripts[`pre${script}`] !== undefined || scripts[`post${script}`] !== undefined) return null;
  return body.trim().split(/\s+/);
}

/** The nginx runtime for a static front-end, a refusal, or null when the image is not one (the caller says so). */
export function nginxStaticPlan(a: Analysis, context: BuildContext): PlanResult | null {
  const site = staticServer(a, context);
  if (site === null || (site.server === "serve" && hasServeConfig(context))) return null;
  const body = a.stage.body;
  const blocker = body.find((i) => i.keyword === "USER" || i.keyword === "HEALTHCHECK" || i.keyword === "VOLUME");
  if (blocker) return { ok: false, id: "staticRuntimeBlocked", data: { keyword: blocker.keyword } };
  if (a.apt.length > 0) return { ok: false, id: "staticRuntimeBlocked", data: { keyword: "RUN apt-get install" } };
  if (!a.copyPaths.some((p) => isUnder(site.dir, p))) return { ok: false, id: "staticRuntimeBlocked", data: { keyword: "COPY" } };
  const fallback = site.spa ? "/index.html" : "=404";
  const conf = [
    "server {",
    `    listen ${site.port};`,
    // Redirects (`/docs` → `/docs/`) name no host or port: the container's own port is not the one published.
    "    absolute_redirect off;",
    `    root ${SITE};`,
    // Both servers answer an unknown path with the site's own 404.html when it has one.
    ...(site.spa ? [] : ["    error_page 404 /404.html;"]),
    `    location / { try_files $uri $uri.html $uri/ ${fallback}; }`,
    "}",
  ];
  const write = instruction("RUN", `printf '%s\\n' ${conf.map((l) => `'${l}'`).join(" ")} > /etc/nginx/conf.d/default.conf`, {
    line: site.line,
  });
  const line = body[a.lastBuild].line;
  const notes: RecipeNote[] = [
    {
      line: site.line,
      id: "staticNginx",
      data: {
        server: site.server,
        dir: site.dir,
        port: String(site.port),
        fallback: site.spa
          ? "sends unknown paths to `/index.html` as the original did"
          : "answers 404 for unknown paths as the original did",
      },
    },
  ];
  const entry: Instruction = instruction("CMD", '["nginx", "-g", "daemon off;"]', {
    line: site.line,
    exec: ["nginx", "-g", "daemon off;"],
  });
  return {
    ok: true,
    plan: {
      image: NGINX_IMAGE,
      shellless: false,
      builderInserts: [],
      runtimePrelude: [write],
      notes,
      replacesEntry: entry,
      runtimeCopies: (builder) => [instruction("COPY", `${site.dir} ${SITE}`, { flags: [{ name: "from", value: builder }], line })],
      copiedWhat: `the site folder \`${site.dir}\` from the build, served by nginx on port ${site.port}`,
      copyPaths: [site.dir],
    },
  };
}
