// Which files an install step reads, by ecosystem: one module per ecosystem, the shared Collector beside them.
import type { BuildContext } from "../../../src/core/context.js";
import type { InstallStep } from "../install-commands.js";
import { Collector, type InstallSite, type Needs } from "./collector.js";
import { dotnetManifests } from "./dotnet.js";
import { goManifests } from "./go.js";
import { mavenManifests } from "./jvm.js";
import { nodeManifests } from "./node.js";
import { phpManifests } from "./php.js";
import { pythonManifests } from "./python.js";
import { rubyManifests } from "./ruby.js";

export type { InstallSite, Needs } from "./collector.js";

/** File names that are dependency manifests in some ecosystem; used when there is no context to read. */
export const MANIFEST_NAMES =
  /^(pom\.xml|mvnw|\.mvn|.*\.(cs|fs|vb)proj|.*\.sln|Directory\.(Build|Packages)\.(props|targets)|nuget\.config|global\.json|packages\.lock\.json|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|\.pnpmfile\.cjs|\.yarn|patches|.*requirements.*\.txt|.*constraints.*\.txt|pyproject\.toml|poetry\.(lock|toml)|Pipfile(\.lock)?|uv\.(lock|toml)|\.python-version|go\.(mod|sum)|Gemfile(\.lock)?|\.bundle|composer\.(json|lock)|auth\.json)$/i;

const SAMPLE_NAMES = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "requirements.txt",
  "requirements-dev.txt",
  "constraints.txt",
  "pyproject.toml",
  "poetry.lock",
  "Pipfile",
  "Pipfile.lock",
  "uv.lock",
  "go.mod",
  "go.sum",
  "Gemfile",
  "Gemfile.lock",
  "composer.json",
  "composer.lock",
];

/** Is this file name (or glob such as `package*.json`) a dependency manifest? */
export function isManifestName(name: string): boolean {
  if (!/[*?[]/.test(name)) return MANIFEST_NAMES.test(name);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return SAMPLE_NAMES.some((n) => re.test(n));
}

/** What `step` reads when it runs at `site` (its context folder, where the context landed, its environment). */
export function manifestsFor(step: InstallStep, ctx: BuildContext, site: InstallSite): Needs {
  const c = new Collector(ctx, site);
  switch (step.ecosystem) {
    case "npm":
    case "yarn":
    case "pnpm":
      return nodeManifests(step, c);
    case "pip":
    case "uv":
    case "poetry":
    case "pipenv":
      return pythonManifests(step, c);
    case "go":
      return goManifests(c);
    case "bundler":
      return rubyManifests(c);
    case "composer":
      return phpManifests(c);
    case "maven":
      return mavenManifests(step, c);
    case "dotnet":
      return dotnetManifests(step, c);
  }
}
