// Files of a project that only its tests or its development tools read: a program they name is not one the
// app runs (so neither a split nor verify keeps or asks for it on their word).

/** Test files and folders, by the conventions of the usual runners (Jest, Vitest, Mocha, pytest). */
const TEST_FILE =
  /(^|\/)(tests?|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test\.[cm]?[jt]s$|(^|\/)(test_[^/]+|[^/]+_test)\.py$/;

/** Configuration of linters, formatters and test runners (`"clientKind": "git"` in biome.json). */
const DEV_TOOL_CONFIG =
  /(^|\/)(biome\.jsonc?|\.eslintrc(\.\w+)?|eslint\.config\.[cm]?[jt]s|\.prettierrc(\.\w+)?|prettier\.config\.[cm]?js|jest\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|commitlint\.config\.[cm]?[jt]s|\.lintstagedrc(\.\w+)?)$/;

/** CI pipelines (a Jenkinsfile's `git` and `sh` steps): the CI server runs them, never the image. */
const CI_CONFIG =
  /(^|\/)([Jj]enkinsfile([.-][\w.-]+)?|\.gitlab-ci\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|appveyor\.ya?ml|\.drone\.ya?ml|\.github\/workflows\/[^/]+\.ya?ml|\.circleci\/config\.ya?ml)$/;

/** Is `path` (relative to the project, or absolute under its folder) a test file, a dev tool's configuration or a CI pipeline? */
export function isTestOrToolFile(path: string): boolean {
  return TEST_FILE.test(path) || DEV_TOOL_CONFIG.test(path) || CI_CONFIG.test(path);
}
