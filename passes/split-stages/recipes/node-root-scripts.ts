// The project's own install scripts (`prepare`, `postinstall`…), which npm runs after every install of the
// project. Those that only set up git hooks (`husky install`) write nothing into node_modules and do nothing
// without a `.git`, but their tool is a devDependency: a production install would fail on them. The deps stage
// drops them from its own copy of package.json; any other install script keeps the layered plan out.
import type { BuildContext } from "../../../src/core/context.js";
import type { NodeProject } from "../closure/node-project.js";

export const INSTALL_HOOKS = ["preinstall", "install", "postinstall", "prepare"];

/** One command of a git-hook installer, or a command without effect. */
const GIT_HOOKS_ONLY =
  /^((npx|npm exec|yarn|pnpm( exec)?)\s+)?(is-ci|husky|husky install(\s+[\w./-]+)?|lefthook install|simple-git-hooks|true|exit 0|echo(\s+[^;&|<>`$]*)?)$/;

export type RootScripts =
  | { readonly kind: "none" }
  | { readonly kind: "gitHooks"; readonly scripts: readonly string[]; readonly commands: string }
  /** `"postinstall": "prisma generate"` (and git hooks beside it): the layered runtime takes the client from the build. */
  | { readonly kind: "prismaGenerate"; readonly scripts: readonly string[]; readonly commands: string }
  | { readonly kind: "other" };

/** `prisma generate` from the default schema, as Prisma's docs suggest for `postinstall`. */
const PRISMA_GENERATE = /^((npx|npm exec|yarn|pnpm( exec)?)\s+)?prisma\s+generate$/;

/** husky 9's documented production-safe hook (`node .husky/install.mjs`): a small file that only runs husky. */
const HUSKY_SCRIPT = /^node\s+(\.husky\/install\.(mjs|cjs|js))$/;

export function rootInstallScripts(project: NodeProject, context?: BuildContext): RootScripts {
  const scripts = project.pkg.scripts ?? {};
  const present = INSTALL_HOOKS.filter((h) => scripts[h] !== undefined);
  if (present.length === 0) return { kind: "none" };
  // `npm pkg delete` edits the manifest the deps stage installs from (npm is in every node image); Yarn Berry
  // runs no `prepare` and keeps its own install state, so its scripts stay out.
  if (project.manager === "yarn-berry") return { kind: "other" };
  const hookOnly = (command: string) => GIT_HOOKS_ONLY.test(command) || huskyScript(command, project, context);
  let prisma = false;
  for (const name of present) {
    const body = scripts[name];
    if (typeof body !== "string") return { kind: "other" };
    for (const c of body.split(/&&|\|\||;/).map((x) => x.trim())) {
      if (PRISMA_GENERATE.test(c)) prisma = true;
      else if (!hookOnly(c)) return { kind: "other" };
    }
  }
  return { kind: prisma ? "prismaGenerate" : "gitHooks", scripts: present, commands: present.map((n) => `\`${scripts[n]}\``).join(", ") };
}

/** `node .husky/install.mjs` whose file, read in the context, imports husky and does nothing else of note. */
function huskyScript(command: string, project: NodeProject, context: BuildContext | undefined): boolean {
  const file = HUSKY_SCRIPT.exec(command)?.[1];
  if (!file || !context) return false;
  const text = context.read(project.dir === "." ? file : `${project.dir}/${file}`);
  if (text === null || text.length > 1000) return false;
  const code = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "");
  return /\b(import|require)\s*\(?\s*['"]husky['"]/.test(code) && !/\b(fs|child_process|writeFile|exec|spawn|fetch)\b/.test(code);
}
