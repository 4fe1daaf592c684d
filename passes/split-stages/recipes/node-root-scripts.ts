// The project's own install scripts (`prepare`, `postinstall`…), which npm runs after every install of the
// project. Those that only set up git hooks (`husky install`) write nothing into node_modules and do nothing
// without a `.git`, but their tool is a devDependency: a production install would fail on them. The deps stage
// drops them from its own copy of package.json; any other install script keeps the layered plan out.
import type { NodeProject } from "../closure/node-project.js";

export const INSTALL_HOOKS = ["preinstall", "install", "postinstall", "prepare"];

/** One command of a git-hook installer, or a command without effect. */
const GIT_HOOKS_ONLY =
  /^((npx|npm exec|yarn|pnpm( exec)?)\s+)?(is-ci|husky|husky install(\s+[\w./-]+)?|lefthook install|simple-git-hooks|true|exit 0|echo(\s+[^;&|<>`$]*)?)$/;

export type RootScripts =
  | { readonly kind: "none" }
  | { readonly kind: "gitHooks"; readonly scripts: readonly string[]; readonly commands: string }
  | { readonly kind: "other" };

export function rootInstallScripts(project: NodeProject): RootScripts {
  const scripts = project.pkg.scripts ?? {};
  const present = INSTALL_HOOKS.filter((h) => scripts[h] !== undefined);
  if (present.length === 0) return { kind: "none" };
  // Only npm: `npm pkg delete` edits the manifest the deps stage installs from.
  if (project.manager !== "npm") return { kind: "other" };
  for (const name of present) {
    const body = scripts[name];
    if (typeof body !== "string" || !body.split(/&&|\|\||;/).every((c) => GIT_HOOKS_ONLY.test(c.trim()))) return { kind: "other" };
  }
  return { kind: "gitHooks", scripts: present, commands: present.map((n) => `\`${scripts[n]}\``).join(", ") };
}
