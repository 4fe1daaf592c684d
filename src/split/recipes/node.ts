// Node: the same release on its `-slim` variant, with devDependencies pruned in the builder.
// NODE_ENV=production is deliberately not added: it would change the image's Env (part of its contract)
// and what the app does (Express caches views and hides stack traces, some apps branch on it).
import { instruction } from "../../ir.js";
import { contextSource } from "../entry.js";
import { isOfficial, splitCodename, type Recipe, type RecipeNote } from "./types.js";

/** Dev tools whose command differs from their package name. */
const BIN_PACKAGES: Readonly<Record<string, string>> = { tsc: "typescript", "ts-node": "ts-node", tsx: "tsx", nodemon: "nodemon", vite: "vite" };

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
    let pkg: { devDependencies?: Record<string, string> } | null = null;
    try {
      pkg = pkgSource === null ? null : JSON.parse(context.read(pkgSource) ?? "null");
    } catch {
      pkg = null;
    }
    const devDeps = Object.keys(pkg?.devDependencies ?? {});
    if (devDeps.length > 0 && a.buildCommands.has("npm")) {
      const dir = pkgSource === null ? "." : pkgSource.replace(/\/?package\.json$/, "") || ".";
      const otherLock = ["yarn.lock", "pnpm-lock.yaml"].find((f) => context.exists(dir === "." ? f : `${dir}/${f}`));
      const devUsed = a.entry.find((e) => {
        const name = e.name.replace(/^.*\//, "");
        return devDeps.includes(name) || devDeps.includes(BIN_PACKAGES[name] ?? "") || name === "npx";
      });
      if (otherLock || devUsed) {
        notes.push({ line: last.line, id: "keptDevDeps", data: { reason: otherLock ? `the project uses \`${otherLock}\`` : `the entry runs \`${devUsed?.name}\`` } });
      } else {
        builderInserts.push({ before: a.lastBuild + 1, instructions: [instruction("RUN", "npm prune --omit=dev", { line: last.line })] });
        notes.push({ line: last.line, id: "pruned", data: {} });
      }
    }
    return { ok: true, plan: { image: `${base.name}:${slim}`, shellless: false, builderInserts, runtimePrelude: [], notes, nonRootUser: { name: "node", chown: "node:node" } } };
  },
};
