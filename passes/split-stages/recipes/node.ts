// Node: the same release on its `-slim` variant, with devDependencies pruned in the builder.
// NODE_ENV=production is deliberately not added: it would change the image's Env (part of its contract)
// and what the app does (Express caches views and hides stack traces, some apps branch on it).
import { instruction } from "../../../src/core/ir.js";
import { contextSource } from "../entry.js";
import { isOfficial, splitCodename, type Recipe, type RecipeNote } from "./types.js";

/** Dev tools whose command differs from their package name. */
const BIN_PACKAGES: Readonly<Record<string, string>> = {
  tsc: "typescript",
  "ts-node": "ts-node",
  tsx: "tsx",
  nodemon: "nodemon",
  vite: "vite",
};

/**
 * How each package manager drops devDependencies from an installed node_modules, tried in order: the one
 * that installed them (and whose lockfile is there) prunes. pnpm is left as is (devDependencies kept).
 */
const PACKAGE_MANAGERS: ReadonlyArray<{ tool: string; lock: string | null; prune: string | null }> = [
  { tool: "pnpm", lock: "pnpm-lock.yaml", prune: null },
  // Yarn classic only; the offline cache of the first install serves it.
  { tool: "yarn", lock: "yarn.lock", prune: "yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline" },
  { tool: "npm", lock: null, prune: "npm prune --omit=dev" },
];

export const nodeRecipe: Recipe = {
  id: "node",
  matches: (base) => isOfficial(base, "node"),
  tools: ["node", "npm", "npx", "yarn", "yarnpkg", "corepack", "docker-entrypoint.sh"],
  plan(base, a, context) {
    const tag = base.tag ?? "latest";
    if (/slim|alpine/.test(tag)) return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    const { version, codename } = splitCodename(tag);
    const slim = tag === "latest" ? "slim" : codename ? `${version ? `${version}-` : ""}${codename}-slim` : `${version}-slim`;
    const notes: RecipeNote[] = [];
    const builderInserts = [];
    const last = a.stage.body[a.lastBuild];
    const pkgSource = a.workdir === null ? null : contextSource(`${a.workdir}/package.json`, a.sources);
    let pkg: { devDependencies?: Record<string, string>; packageManager?: string } | null = null;
    try {
      pkg = pkgSource === null ? null : JSON.parse(context.read(pkgSource) ?? "null");
    } catch {
      pkg = null;
    }
    const devDeps = Object.keys(pkg?.devDependencies ?? {});
    const dir = pkgSource === null ? "." : pkgSource.replace(/\/?package\.json$/, "") || ".";
    const has = (f: string) => context.exists(dir === "." ? f : `${dir}/${f}`);
    const manager = PACKAGE_MANAGERS.find((m) => a.buildCommands.has(m.tool) && (m.lock === null || has(m.lock)));
    if (devDeps.length > 0 && manager) {
      const devUsed = a.entry.find((e) => {
        const name = e.name.replace(/^.*\//, "");
        return devDeps.includes(name) || devDeps.includes(BIN_PACKAGES[name] ?? "") || name === "npx";
      });
      const berry = manager.tool === "yarn" && (has(".yarnrc.yml") || !/^yarn@1\./.test(pkg?.packageManager ?? "yarn@1."));
      const reason = devUsed
        ? `the entry runs \`${devUsed.name}\``
        : manager.prune === null || berry
          ? `there is no safe prune for the project's \`${manager.tool}\` setup`
          : null;
      if (reason || manager.prune === null) {
        notes.push({ line: last.line, id: "keptDevDeps", data: { reason: reason ?? "" } });
      } else {
        builderInserts.push({ before: a.lastBuild + 1, instructions: [instruction("RUN", manager.prune, { line: last.line })] });
        notes.push({ line: last.line, id: "pruned", data: { command: manager.prune } });
      }
    }
    return {
      ok: true,
      plan: {
        image: `${base.name}:${slim}`,
        shellless: false,
        builderInserts,
        runtimePrelude: [],
        notes,
        nonRootUser: { name: "node", chown: "node:node" },
      },
    };
  },
};
