// Every sentence reorder-copy shows, by id. Helpers return a `Refusal` ({ id, data }); the pass adds
// `install` and `moved` (which step stayed after which COPY) and prints the template.

/** Why an install keeps its place: each one fills `{install}` and `{moved}` besides its own data. */
export const REFUSALS = {
  // The RUN itself.
  cdInRun: "Left `{install}` after {moved}: `cd` changes the folder the install runs in; use WORKDIR instead.",
  variableArgument:
    "Left `{install}` after {moved}: `{command}` takes an argument that expands a variable, so msb-opt cannot tell what it reads.",
  installsElsewhere: "Left `{install}` after {moved}: `{command}` installs in another folder.",
  globalProject: "Left `{install}` after {moved}: `{command} -g` installs the project itself, which needs its sources.",
  namedPackage:
    "Left `{install}` after {moved}: `{command}` with package names changes {manifest}; add the packages to {manifest} and install from it.",
  ownSources: "Left `{install}` after {moved}: `{command}` installs the project's own sources.",
  localFindLinks: "Left `{install}` after {moved}: `{command}` finds packages in the local folder `{path}`.",
  uvInstallsProject:
    "Left `{install}` after {moved}: `uv sync` installs the project itself, which needs its sources; use `uv sync --no-install-project` before copying them.",
  poetryInstallsRoot:
    "Left `{install}` after {moved}: `{command}` installs the project itself, which needs its sources; use `{command} --no-root` before copying them.",
  otherGemfile: "Left `{install}` after {moved}: `bundle install --gemfile` reads another Gemfile.",
  composerScripts:
    "Left `{install}` after {moved}: `composer install` runs scripts and builds the autoloader from the sources; use `--no-scripts --no-autoloader` and run `composer dump-autoload` after copying them.",
  otherPom: "Left `{install}` after {moved}: `{command} -f` builds another POM.",
  sharedRun:
    "Left `{install}` after {moved}: the same RUN also runs `{command}`, which may need the sources; put the install in a RUN of its own.",
  // Where the files land.
  workdirShift: "Left `{install}` after {moved}: a WORKDIR between {copy} and the install changes where its relative destination points.",
  severalWholeCopies: "Left `{install}` after {moved}: the stage copies the whole context to several places.",
  unknownDest:
    "Left `{install}` after {moved}: msb-opt cannot tell where `{dest}` is relative to the folder the install runs in; use a literal path.",
  unknownInstallDir:
    "Left `{install}` after {moved}: msb-opt cannot tell whether the install runs in `{dest}`; add a `WORKDIR` before the COPY.",
  installElsewhere: "Left `{install}` after {moved}: the install runs in `{cwd}`, not in `{dest}` where the sources are copied.",
  copyAfterSources: "Left `{install}` after {moved}: {copy} comes after the sources and would have to move above them; put it before them.",
  unmovableFlag: "Left `{install}` after {moved}: {copy} has `--{flag}`, which msb-opt does not move.",
  copyVariable: "Left `{install}` after {moved}: {copy} uses a variable; use a literal path.",
  uncheckablePath: "Left `{install}` after {moved}: {copy} copies a path msb-opt cannot check.",
  outputInContext:
    "Left `{install}` after {moved}: the build context has `{path}`, which {copy} would copy over what the install wrote; add it to .dockerignore.",
  copyBringsRead: "Left `{install}` after {moved}: {copy} also brings `{path}`, which the install reads.",
  copyWildcard: "Left `{install}` after {moved}: {copy} uses a wildcard, which may also match manifests; name the files.",
  folderIntoWorkdir:
    "Left `{install}` after {moved}: {copy} copies a folder's contents into the working folder, where the install reads its manifests; copy that folder's manifests first.",
  overwritesRead:
    "Left `{install}` after {moved}: {copy} writes `{path}`, which the install reads, so the install would see another file; copy the manifests and that file before the install by hand.",
  writesConfig:
    "Left `{install}` after {moved}: {copy} writes `{path}`, a configuration file the install may read; copy it before the install by hand.",
  addArchive:
    "Left `{install}` after {moved}: {copy} unpacks the archive `{path}`, whose files (an `.npmrc`, a lock file…) the install may read and msb-opt does not look into; use COPY if it should not be unpacked, or move it before the install by hand.",
  lockfileFromContext:
    "`{command}` may write `{path}` again ({why}); with {copy} now after it, the image holds the build context's `{path}`, not the install's (node_modules are the same either way); install with {advice}, which leaves the lockfile as it is, if the image's copy must be the install's.",
  blankInPath: "Left `{install}` after {moved}: a manifest's path has blanks.",
  // What the install reads.
  missingFile: "Left `{install}` after {moved}: the build context has no `{path}` (or .dockerignore excludes it).",
  configVariable:
    "Left `{install}` after {moved}: `{name}` points the install at `{value}`, which msb-opt cannot resolve; write the path literally.",
  configArg: "Left `{install}` after {moved}: the build argument `{name}` may point the install at any file; give it a literal default.",
  configOutsideContext:
    "Left `{install}` after {moved}: `{name}` points the install at `{value}`, which msb-opt cannot map to the build context.",
  invalidJson: "Left `{install}` after {moved}: `{path}` is not valid JSON.",
  workspacesField: "Left `{install}` after {moved}: `package.json` has a `workspaces` field msb-opt does not understand.",
  lifecycleScript:
    "Left `{install}` after {moved}: `{path}` runs a `{hook}` script (`{script}`) during the install, which may read the sources; add `--ignore-scripts` or move it to a later RUN.",
  localDependencyMissing: "Left `{install}` after {moved}: `{dependency}` depends on `{spec}`, which is not in the build context.",
  localPackageBin:
    "Left `{install}` after {moved}: `{path}` has commands (`bin`), which the install links to that package's own files and makes executable, so they must be in place when it runs; copy that package's folder before the install yourself, with those files executable in the build context.",
  dependencyReadsComputed:
    "Left `{install}` after {moved}: the install script of `{dependency}` reads a file that `{path}` names with an expression msb-opt cannot follow; write the path literally.",
  patchMissing: "Left `{install}` after {moved}: `{path}` names the patch `{patch}`, which is not in the build context.",
  configFileMissing: "Left `{install}` after {moved}: `{file}` names `{path}`, which is not in the build context.",
  pipConfigLocal:
    "Left `{install}` after {moved}: `{file}` sets `{key}` to `{value}`, a local place msb-opt cannot copy before the install; copy it before the install yourself.",
  pathOutside: "Left `{install}` after {moved}: `{path}` is not a path msb-opt can map to the build context.",
  includeOutside: "Left `{install}` after {moved}: `{file}` includes `{path}`, outside the build context.",
  requirementVariable: "Left `{install}` after {moved}: `{file}` uses a variable in `{line}`.",
  requirementLocal: "Left `{install}` after {moved}: `{file}` installs the local path `{path}`.",
  requirementFindLinks: "Left `{install}` after {moved}: `{file}` finds packages in the local folder `{path}`.",
  pythonLocalDependency: "Left `{install}` after {moved}: `{file}` names a local path or workspace dependency, which needs its sources.",
  goWorkspace: "Left `{install}` after {moved}: the module is part of a `go.work` workspace, whose modules need their sources.",
  goReplaceOutside:
    "Left `{install}` after {moved}: `go.mod` replaces a module with `{path}`, a folder msb-opt cannot find in the build context.",
  goVendored:
    "Left `{build}` after {moved}: the module vendors its dependencies in `vendor/`, so there is nothing for `go mod download` to fetch.",
  gemfileSources: "Left `{install}` after {moved}: the Gemfile uses `gemspec`, a local `path:` or `eval_gemfile`, which need the sources.",
  gemfileReadsMissing: "Left `{install}` after {moved}: the Gemfile reads `{path}`, which is not in the build context.",
  composerPathRepository: "Left `{install}` after {moved}: `composer.json` has a `path` repository, which needs its sources.",
  mavenModules:
    "Left `{install}` after {moved}: `pom.xml` is a multi-module build, whose modules `go-offline` cannot resolve without their sources.",
  mavenRelativeParent: "Left `{install}` after {moved}: `pom.xml` names a parent POM by a relative path.",
  prefetchOptions:
    "Left `{install}` after {moved}: `{command}` passes `{option}`, which may change what is resolved, so msb-opt does not add a prefetch step; add one yourself.",
  dotnetOutside: "Left `{install}` after {moved}: `dotnet restore` names a path outside the build context.",
  dotnetNoProject: "Left `{install}` after {moved}: the build context has no project or solution file where `dotnet restore` runs.",
  msbuildImport: "Left `{install}` after {moved}: `{file}` imports a local MSBuild file.",
  referenceProperty: "Left `{install}` after {moved}: `{file}` references `{path}` through a property.",
  referenceOutside: "Left `{install}` after {moved}: `{file}` references `{path}`, outside the build context.",
} as const;

export type RefusalId = keyof typeof REFUSALS;

export interface Refusal {
  readonly id: RefusalId;
  readonly data: Readonly<Record<string, string>>;
}

export const refusal = (id: RefusalId, data: Readonly<Record<string, string>> = {}): Refusal => ({ id, data });

export const MESSAGES = {
  reordered: "Copied {manifests} before `{install}` and moved {moved} after it, so that a source edit no longer re-runs the install.",
  splitInstall:
    "Cut `RUN {install} && {command}` in two and copied {manifests} before the install, {moved} after it, so that a source edit re-runs `{command}` but no longer the install.",
  splitInstallMovedOnly:
    "Cut `RUN {install} && {command}` in two and moved {moved} after the install, which needs only the manifests copied before it, so that a source edit re-runs `{command}` but no longer the install.",
  movedPastRun:
    "Moved {moved} below `{command}` too, which installs only from the registry and reads none of the sources, so that a source edit no longer re-runs it.",
  movedPastCommand:
    "Moved {moved} below `{command}` too, which installs nothing and reads none of the sources, so that a source edit no longer re-runs it.",
  movedOnly:
    "Moved {moved} after `{install}`, which needs only the manifests copied before it, so that a source edit no longer re-runs the install.",
  prefetchAdded:
    "Added a prefetch step `{install}` after copying {manifests}, and moved {moved} after it, so that a source edit no longer downloads the dependencies of `{build}` again.",
  prefetchAddedAfterManifests:
    "Added a prefetch step `{install}` after the manifests the stage already copies, and moved {moved} after it, so that a source edit no longer downloads the dependencies of `{build}` again.",
  noContext:
    "Left `{install}` after {moved}: without the build context msb-opt cannot see which manifests exist or whether the install reads other files; run msb-opt with the Dockerfile's folder (or `--context`).",
  noDependencyStep:
    "Left `{build}` after {moved}: it downloads its dependencies as part of the build, so every source edit downloads them again; add {advice} (msb-opt has no prefetch step it can prove for this tool).",
  noDockerignore:
    "The build context has no `.dockerignore`, so `{copy}` sends everything (node_modules, .git, build output) to the builder and any change there re-runs the steps after it; add a `.dockerignore`.",
  ...REFUSALS,
} as const;

export type MessageId = keyof typeof MESSAGES;
