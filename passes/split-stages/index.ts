// Split a single-stage build into a builder that keeps the recipe and a slim runtime with the same contract.
import { posix } from "node:path";
import type { BuildContext } from "../../src/core/context.js";
import { withDockerignore } from "../../src/core/dockerignore.js";
import { CACHE_MOUNTS_OPTION } from "../../src/core/settings.js";
import { stageIndex, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass } from "../../src/core/pass.js";
import { officialImage, parseImageRef } from "../../src/core/image-ref.js";
import { CONSTRUCTS, declaredSyntax } from "../../src/core/syntax.js";
import { analyze, isBuildTool, type Analysis, type AptInstall } from "./analysis.js";
import { findsLibrary, isUnversioned, libraryLoads, packageBrings } from "./closure/library-loads.js";
import { goComputedProgram } from "./closure/go-computed-programs.js";
import { pythonComputedProgram } from "./closure/python-computed-programs.js";
import { pipUnreadSource } from "./closure/python-native.js";
import { copiedFromContext, mentionedCommands, searchedSources } from "./mentions.js";
import { unreadSources } from "./source-files.js";
import { nodeEntryReach } from "./closure/entry-reach.js";
import { computedProgram } from "./closure/node-computed-programs.js";
import { INLINE, scriptWritingOutside } from "./own-scripts.js";
import { isSystemDir, isUnder } from "./paths.js";
import { resolveBaseArgs, runtimeWithArgs } from "./base-args.js";
import { keepComments } from "./comments.js";
import { keepArgPaths } from "./arg-paths.js";
import { assemble, setupOrder, stageNames } from "./contract.js";
import { hardeningUser } from "./harden.js";
import { chownedFolder, copyDestinations, emptyFolder, lostFolderModes } from "./owners.js";
import { editOrder } from "./copy-order.js";
import { contextSource } from "./entry.js";
import { ownAptPackages, setupRun } from "./apt-run.js";
import { inlinePythonCode } from "./inline-code.js";
import { isDebianPythonHeaders, providedCommands, providingPackage, splitPackages } from "./packages.js";
import { packageName } from "./closure/debian-libs.js";
import { archivedRelease, debianRelease, ZONE_FILES_RELEASES } from "./closure/debian-release.js";
import { knownAddon, osNeeds } from "./closure/native.js";
import { nodeProject } from "./closure/node-project.js";
import { workspacePackages } from "./closure/workspace-graph.js";
import { debianTableReleases, isBuildOnlyPackage, libsOfDev } from "./closure/debian-libs.js";
import { RECIPES } from "./recipes/index.js";
import { foreseenBase, movingNodeTag } from "./foresee.js";
import { isOfficial, type RecipeNote } from "./recipes/types.js";
import { FULL_IMAGE_TOOLS, FULL_IMAGE_WORDS, lackedTools, missingProgram } from "./runtime-check.js";
import { ALPINE_BUILD_COMMANDS, alpineCommands, leaveBuildOnly } from "./system-setup.js";
import { perlNeed } from "./perl.js";
import { pythonBuildOnly } from "./python-build-only.js";

/** The commands of Python that node-gyp runs, and the Debian packages that bring them to a Node image. */
const PYTHON_COMMANDS = ["python", "python3", "python2"];
const NODE_GYP_PYTHON: ReadonlySet<string> = new Set(["python3", "python", "python2", "python-is-python3", "python3-minimal"]);

export default definePass({
  id: "split-stages",
  title: "Split a single-stage build into a builder and a slim runtime",
  rationale:
    "A single-stage image ships its compilers, dev dependencies, caches and sources. The builder stage keeps the original recipe; the runtime stage starts from the slim image of the same family and version, receives only the paths the build wrote, and replays every instruction that sets the image's config, so the image does the same job. Anything the analysis cannot account for leaves the file unchanged with the reason. Option `harden` (off by default) also runs the runtime as a non-root user.",
  options: {
    cacheMounts: CACHE_MOUNTS_OPTION,
    harden: { type: "boolean", default: false, help: "run the runtime stage as a non-root user where nothing visibly needs root" },
    staticRuntime: {
      type: "string",
      default: "node",
      choices: ["node", "nginx"],
      help: "serve a static front-end that a Node static server (serve, http-server, vite preview) serves with nginx instead",
    },
    buildOnlyDevDeps: {
      type: "string",
      pattern: "^\\s*[^,\\s]+(\\s*,\\s*[^,\\s]+)*\\s*$",
      meaning: "devDependency names, comma-separated",
      help: "names of devDependencies (comma-separated) the runtime never loads, which a Node split then prunes although they are libraries",
      flag: "--build-only-dev-deps <names>",
    },
  },
  messages: {
    split: "Split the build into stage `{builder}`, which keeps the recipe, and {runtime} on `{image}`, which copies {paths} from it.",
    splitLayered: "Split the build: {runtime} on `{image}` takes {what}{builder}.",
    depsStage:
      "Installed production dependencies in stage `{stage}` with `{command}`, from the manifests only, so a source edit does not re-run the install.",
    depsStageAll:
      "Installed the dependencies, devDependencies included, in stage `{stage}` with `{command}`, from the manifests only, so a source edit does not re-run the install.",
    noLockfile:
      "There is no lockfile, so `{command}` resolves versions afresh and the result can differ from the original's install; commit a lockfile.",
    osNeeds: "Installed {packages} in the runtime: the production dependency `{package}` {why}.",
    systemCaStore:
      "Installed `ca-certificates` in the runtime: {setting} makes node read the system's certificate store, which the slim image removes after its own install.",
    pipAbsentBoth:
      "Left {packages} out of the runtime: the pip package `{package}` {why}, but the original image does not have it either (the full image lacks it and no step installs it); install it with apt-get if the app needs it.",
    programAbsentBoth:
      "Left {programs} out of the runtime: the production dependency `{package}` runs it, but the original image does not have it either (the full image lacks it and no step installs it); install its package with apt-get if the app needs it.",
    systemBrowser:
      "Left puppeteer's own Chrome download out of the runtime: `PUPPETEER_EXECUTABLE_PATH` names `{path}`, which the runtime's `{package}` package installs.",
    globalRuntime: "Installed the global {packages} in the runtime stage (same spec as the original) because the image runs it.",
    globalBuildOnly:
      "Left the global `{package}` in the build stage: the image does not run it (no entry, `npx` or npm script names it, no source file names it or its commands, and no `NODE_PATH` reaches the global folder).",
    entryPackage: "Installed `{package}` in the runtime because the image runs `{command}`, which the slim image lacks.",
    usersCreated:
      "Created the users and groups of the build (on line {lines}) again in the runtime, before anything is copied: they live in the image's `/etc/passwd` and `/etc/group`, which the runtime takes from its own base.",
    setupArgs:
      "Declared {args} again before the runtime creates the users and groups (line {lines}), whose commands name them: the runtime creates them first, and a build argument reaches them there as it did the build.",
    pythonStdlibCompile:
      "Did not carry over the byte-compiling of `{path}` (the standard library) to the runtime: it copies the packages pip installed, not the library's `__pycache__`, so those modules compile when first imported (start-up time only; the image works the same).",
    baseFilesRemoved:
      "Removed again in the runtime what the build removed from nginx's config on line {lines} ({commands}): the runtime is the same nginx image, with those files, and the copy of the build's `/etc/nginx` adds files without removing any.",
    folderMode:
      "Did not split: `{command}` gives `{path}` a mode or owner after files are in it, and the runtime's copies would make that folder anew, owned by root with mode 755 (a copy keeps the modes of the files, not of the folder), so the app could lose write access to it; make the folder with its mode and owner before copying files into it (msb-opt then does the same in the runtime), or split by hand.",
    filesMode:
      "Did not split: `{command}` leaves `{path}` itself as a copy makes it (root's, mode 755) but gives every file already in it mode 755, and the runtime may take those files anew from the build context or from a stage that installs the dependencies, where they keep their own modes (most files 644), so which files are executable could differ; split by hand, or drop the chmod if the app does not need those modes.",
    foldersMade:
      "Made the folders of the build (on line {lines}) again at the start of the runtime, with the same owner and mode, before anything is copied into them: a copy into a folder that exists keeps the folder's own owner and mode.",
    userNotReplayable:
      "Did not split: `{command}` creates a user or group in a way the runtime cannot repeat as written (it names a variable, or runs only on a condition); write it as plain commands joined by `&&`, or split by hand.",
    userIdsOwned:
      "Did not split: `{command}` lets the image choose the numeric id, counting up from the ids its system groups and users already take, and the runtime `{image}`, which creates the user again, may choose other numbers than the build image, while {evidence}; give the id (`--uid`/`--gid`), or split by hand.",
    userIdsChosen:
      "Let `{image}` choose the numeric ids of the users and groups the runtime creates again (line {line}: `{command}` gives none, so they may differ from the build image's): nothing the runtime copies from the build is owned by them, and the image names its user by name.",
    userIds:
      "Did not split: `{command}` lets the image choose the numeric id, counting up from the ids its system groups and users already take, and the runtime `{image}` has other ones than the build image; give the id (`--uid`/`--gid`), or split by hand.",
    setupShellless:
      "Did not split: this RUN creates users or groups or adds Alpine packages, which the shell-less runtime `{image}` cannot do; split by hand.",
    timezoneRepeated:
      "Set the time zone again in the runtime where the build did (line {lines}): `/etc/localtime` and `/etc/timezone` are files of the image's own `/etc`, which the runtime takes from its base; {zones}.",
    timezoneNoZones:
      "Did not split: the RUN sets the time zone from `/usr/share/zoneinfo`, which the runtime `{image}` may lack (the build did not install `tzdata` with apt-get); install `tzdata` with apt-get in the Dockerfile before it, or split by hand.",
    timezoneShellless:
      "Did not split: the RUN sets the time zone (`/etc/localtime`), which the shell-less runtime `{image}` cannot do again; split by hand.",
    corepackRepeated:
      "Ran corepack again at the start of the runtime (as on line {lines}): it puts the package managers' commands next to node, which the runtime's copies do not bring.",
    upgradeRepeated:
      "Upgraded the runtime's own packages at its start (as on line {lines}), as the build upgraded the base image's: the runtime image is another one, so copying would not do.",
    goAlpineStatic:
      "Left the Alpine packages {packages} in the build stage: the static Go program runs none of them, and the distroless runtime has its own CA certificates and time zones.",
    apkBuildOnly:
      "Left the Alpine build toolchain {packages} out of the runtime stage: it compiles native code at install, which the stage that installs the production dependencies does again, and nothing the image runs names its commands.",
    apkRepeated:
      "Added the Alpine packages of the build ({packages}, on line {lines}) at the start of the runtime too: apart from the compilers and headers of a build toolchain, which Alpine packages only a build needs is not known, so these stay; remove the build-only ones from the runtime yourself to save space.",
    apkNotReplayable:
      "Did not split: `{command}` adds Alpine packages in a way the runtime cannot repeat as written (it names a variable, or runs only on a condition); write it as plain commands joined by `&&`, or split by hand.",
    upgradeNotReplayable:
      "Did not split: `{command}` upgrades the base image's packages in a way the runtime cannot repeat as written (it names a variable, or runs only on a condition); write it as plain commands joined by `&&`, or split by hand.",
    apkOtherImage:
      "Did not split: this RUN adds Alpine packages, and the runtime `{image}` is another image, where the same packages cannot be shown to exist; split by hand.",
    folderModeRepeated:
      "Made `{path}` at the start of the runtime as the build did ({commands}): a COPY would make the folder anew, owned by root with mode 755, and a COPY into a folder that exists keeps its owner and mode.",
    folderModeLost:
      "Did not split: {commands} gives `{path}`, a folder the build made, an owner or mode that the runtime's copy would lose (a COPY makes the folder anew, owned by root with mode 755), and {reason}; split by hand.",
    ownerKept: "Copied `{path}` owned by `{owner}`, as the original image has it (a `chown`, a `COPY --chown`, or files that user wrote).",
    nativeUnknown:
      "Did not split: the production dependency `{package}` runs an install script (the lockfile says so), which may build native code or fetch files, and what it needs at run time (system libraries, files outside node_modules) is unknown; install them with apt-get in the Dockerfile and split by hand, or ask for a table entry.",
    alpinePackages:
      "Did not split: the runtime needs {packages}, which the pass knows only by their Debian names; use a Debian-based node image or split by hand.",
    dropped: "Left the build-only packages {packages} out of the runtime stage.",
    droppedGypPython:
      "Left {packages} out of the runtime stage: on a Node image Python serves node-gyp, which builds native addons during the install (the stages that install keep it); neither the entry nor a file of the build context names `python` or `python3`, and no production dependency in the lockfile is one msb-opt knows to run Python.",
    reinstalled: "Installed the run-time packages {packages} in the runtime stage.",
    keptForEntry: "Kept the build package `{package}` in the runtime: the image's entry runs its command `{command}`.",
    keptForMention:
      "Kept the build package `{package}` in the runtime: `{file}` names its command `{command}` in quotes, so the image may run it; if nothing at run time does, split by hand.",
    libraries: "Installed {libs} in the runtime for the headers {headers}: their run-time libraries in Debian {release}.",
    unknownHeaders:
      "Did not split: the run-time library of {packages} is not known for `{image}` (msb-opt's table covers Debian {release}); split by hand and install the library packages in the runtime.",
    unknownHeadersRelease:
      "Did not split: the run-time library of {packages} has a name per Debian release, and the release `{image}` is built on is not known (its tag names none and msb-opt's image catalog does not list the tag); use a tag that names the release (such as `…-bookworm`) or split by hand.",
    pruned: "Added `{command}` at the end of the build stage so that the runtime gets production dependencies only.",
    prunedStage:
      "Pruned the devDependencies with `{command}` in stage `{stage}`, which copies {what} from the build stage, and the runtime takes node_modules from there: a source edit that changes none of them does not run the prune again.",
    keptDevDeps: "Kept devDependencies in the runtime because {reason}; prune them yourself to save space.",
    pythonFontPackage:
      "Installed `fonts-dejavu-core` in the runtime: `{file}` loads the font file {fonts} from the system's font folders, which the full image has from that package (its ImageMagick libraries depend on fontconfig, which brings it) and the slim image lacks.",
    userIdsOrder:
      "Did not split: `{command}` lets the system choose the user's id after an apt-get install the runtime repeats, whose package may add users of its own first, and the runtime must add this user before that install (its copies or USER name it), so the ids could differ; give the user a fixed id (`-u`/`--uid`) or split by hand.",
    pythonTk:
      "Did not split: `{file}` loads {module}, which needs Tk's libraries: the full python image has them and `{image}` does not (its `_tkinter` cannot load), so the import would fail; keep the full image, or split by hand and install Tk (Debian's `tk`) in the runtime.",
    pythonTkProject:
      "Did not split: the build installs `{project}`, which loads `tkinter` and needs Tk's libraries: the full python image has them and `{image}` does not (its `_tkinter` cannot load), so the app would fail when it loads it; keep the full image, or split by hand and install Tk (Debian's `tk`) in the runtime.",
    pythonSystemFont:
      "Did not split: `{file}` loads the font `{font}` from the system's font folders, and `{image}` has no fonts, while which Debian package brings that font to the build image is not known; install the font's package with apt-get in the Dockerfile (or ship the font file with the app), or split by hand.",
    keptDevLibraries:
      "Kept devDependencies in the runtime because {reason}; to leave them out, name those the runtime never loads in option `build-only-dev-deps` (msb-opt then prunes them) and move those it loads to `dependencies`.",
    devPrunedByOption:
      "Pruned the devDependencies {names} with the rest because option `build-only-dev-deps` names them: they are libraries, which a production package may load by a name the code never imports, so the prune follows your word that the runtime never loads them.",
    staticGo: "Set `CGO_ENABLED=0` in the build stage so that `{command}` makes a static binary that needs no C library.",
    distroless:
      "Used a shell-less runtime because the entry runs the copied binary in exec form; the Go image's `PATH`, `GOPATH` and toolchain are not in it{user}.",
    multiStage:
      "Left the file alone: its final stage already starts from an earlier stage or only copies from one, so it is split already.",
    multiStageTakes:
      "Left the file alone: its final stage already takes files from stage `{stage}` (line {at}) and builds nothing itself, so it is split already.",
    unknownEcosystem:
      "Did not split: no runtime recipe knows the base image `{image}`; split the build yourself or use a node, golang, python, eclipse-temurin, openjdk, amazoncorretto, maven, gradle, rust, nginx, gcc, debian or ubuntu base.",
    digest:
      "Did not split: the base image is pinned by digest and the slim image's digest is unknown; pin the runtime yourself after splitting by hand.",
    variableBase:
      "Did not split: the base image `{image}` uses a build argument without a default, or one whose slim variant cannot follow it; write the tag literally to let the pass split it.",
    alreadySlim: "Did not split: `{image}` is already a slim image and nothing build-only was found to move out.",
    alreadySlimRunsUv:
      "Did not split: `{image}` is already a slim image, the image runs `uv`, which stays with the project it runs, and no OS package is installed: nothing build-only is there to move out.",
    entryToolOriginalLacks:
      "Did not split: the image runs `{command}`, which the original `{original}` lacks as well as the runtime `{image}` (Debian's `{package}` brings it, and the build does not install it), so the original cannot run it either; install `{package}` with apt-get in the Dockerfile (the pass then keeps it in the runtime), or split by hand.",
    goAlpineNotStatic:
      "Did not split: on `{image}` only a static Go program gets a runtime (distroless: no shell, no Alpine packages), and {reason}; split by hand.",
    archRuntime:
      "Did not split: `{image}` is the official image built for one architecture (`{arch}`), and the runtime `{runtime}` is not published under that name, so it would run the programs of another architecture; split by hand with `FROM --platform=…` on the runtime, or build on the multi-architecture image.",
    noRuntimeImage: "Did not split: there is no runtime image of the same family and version as `{image}`; split the build by hand.",
    nothingToGain:
      "Did not split: `{image}` has no slimmer variant, and nothing shows that a package the build installs, or a file it makes, is build-only (a compiler, headers), so a split would rebuild the same image.",
    nginxAlpinePackages:
      "Did not split: the build adds Alpine packages to `{image}`, and which of them only build is not known, so the runtime on the same image would add them all again; build the site in a stage of its own (e.g. `node`) and copy it into nginx.",
    nothingBuildOnly:
      "Did not split: nothing the build installs is build-only (a compiler, headers), so a split would only trade `{image}` for `{slim}`; start from that image yourself if its smaller tool set suits the program.",
    nothingServed:
      "Did not split: the build writes nothing where `{image}` reads (its config, `/usr/share/nginx/html` or a root the config names); copy the site there or split by hand.",
    opaqueFiles:
      "Did not split: files copied from another stage or image cannot be searched for the programs they run, so no package can be called build-only; split by hand.",
    sourceTool:
      "Did not split: `{file}` runs `{command}`, which the build image has but `{image}` lacks; install it with apt-get in the Dockerfile so the pass keeps it.",
    sourceLibrary:
      "Did not split: `{file}` loads the shared library `{library}` by name ({how}), which the build image has and `{image}` may lack; install its package with apt-get in the Dockerfile so the pass keeps it.",
    sourceLibraryUnversioned:
      "Did not split: `{file}` loads `{library}` by its unversioned name, a link that only the library's headers package (`-dev`) installs, which the runtime leaves out; load it by its versioned name (e.g. `libz.so.1`) to let the pass split.",
    sourceLibraryComputed:
      "Did not split: `{file}` loads a shared library whose name it computes ({how}), so whether `{image}` has it is unknown; load it by a literal name and install its package with apt-get in the Dockerfile.",
    toolWritesHome:
      "Did not split: `{tool}`{via} downloads into the home folder (`{path}`), and the runtime copies only what it can name; set `{variable}` to a folder inside the working folder, or split by hand.",
    scriptWritesOutside:
      "Did not split: `{command}` runs the project's own `{file}`, which may write outside the working folder ({evidence}), and the runtime copies only what it can name; write the outputs into the working folder, or split by hand.",
    toolchainTool:
      "Did not split: `{file}` runs `{command}`, a program of the build image's own toolchain, which `{image}` lacks; keep the single stage, or split by hand onto an image that has the toolchain.",
    sourcesUnread:
      "Did not split: {reason}, so the search for programs the image may run that `{image}` lacks (git, curl, …) could not read every source file, and finding none there is no evidence; split by hand, or leave files the image does not need out of the build context with `.dockerignore`.",
    sourceToolReachUnknown:
      "Did not split: `{file}` runs `{command}`, which the build image has but `{image}` lacks, and whether the image runs `{file}` cannot be told: {lost}; install it with apt-get in the Dockerfile so the pass keeps it.",
    buildOnlyTool:
      "Left `{command}` out of `{image}`: `{file}` runs it, but nothing the image runs (its ENTRYPOINT/CMD, the npm scripts they name, HEALTHCHECK, and the files they load or name) reaches `{file}`, so only the build runs it.",
    buildOnlyToolSetup:
      "Left `{command}` out of `{image}`: `{file}` runs it, which pip runs while it installs the project in the build stage; nothing the image runs names `{file}` or imports a module `setup`.",
    sourceToolShellless:
      "Did not split: `{file}` runs `{command}`, which the build image has and the shell-less runtime `{image}` lacks (it holds the program alone); split by hand onto an image that has it.",
    nothingCopied:
      "Did not split: the build leaves nothing for a runtime stage to copy (it only installs packages); to save space, start from `{image}` directly.",
    nothingBuilt: "Did not split: the stage builds nothing (no RUN, COPY or ADD); if a slim base image is enough, use it directly.",
    noContext:
      "Did not split: the build context is not available, so the files the image runs cannot be checked; run msb-opt on a file inside its build context.",
    escape: "Did not split: the file uses a non-default escape character (a Windows build), which split-stages does not handle.",
    onbuild: "Did not split: ONBUILD triggers run in later builds and cannot be placed in one stage; remove them to let the pass split.",
    unparsedRun: "Did not split: a RUN cannot be read ({reason}); its effect on the image is unknown.",
    dynamicPath:
      "Did not split: the path `{path}` is computed at build time, so what the runtime must copy is unknown; write it literally.",
    copyMatchesNothing:
      "Did not split: `{source}` matches no file in the build context msb-opt read, yet the context you build may hold some (a git-ignored `.env`), which the runtime would then lack; run msb-opt on the context you build with those files in it, or copy them by name.",
    aptConfigWrite:
      "Did not split: the build writes `{path}`, which tells apt-get where and what to install, and the runtime installs its packages before it copies anything; split by hand, writing that file before the runtime's apt-get install.",
    uncopyablePath:
      "Did not split: the build writes `{path}`, whose blank or glob character (`*`, `?`, `[`) no COPY can name exactly, so the runtime could not take it; rename it or split by hand.",
    argPath:
      "Did not split: the path `{path}` comes from the build argument `{arg}` (default `{value}`), which `--build-arg {arg}=…` can change, while the runtime copies the build's files by literal paths, which would then miss them; write `{resolved}` in place of `{path}` to let the pass split.",
    argPathNotKept:
      "Did not split: the path `{path}` comes from the build argument `{arg}` (default `{value}`), which `--build-arg {arg}=…` can change; the runtime would follow it by repeating the argument and copying by the variable, but {reason}; write `{value}` in place of `{path}`, or split by hand.",
    argBranch:
      "Read the `if` of this RUN with the build argument `{arg}` at its default `{value}`, as a build without `--build-arg` runs it: what the runtime takes follows that branch. A `--build-arg {arg}=…` that takes another branch may need files this split does not copy; change the default and run msb-opt again instead.",
    argPathKept:
      "Kept the build argument `{arg}` in the runtime's copies (`{path}`): the runtime repeats the argument, so a `--build-arg {arg}=…` moves its files as it moves the build's.",
    noWorkdir: "Did not split: `{path}` is written relative to the base image's working directory; add a `WORKDIR` before it.",
    baseFolderUser:
      "Did not split: the image runs as another user than root in `{path}`, the base image's working folder, whose owner and mode a new runtime would not have; add a `WORKDIR` of your own (e.g. `/app`) before the first COPY.",
    rootWorkdir:
      "Did not split: with no WORKDIR the stage writes into `/`, among the image's own folders, and a runtime can take only what COPY lines put there from the build context (no RUN may write there, no context folder may land in a system one like `usr` or `etc`); add a `WORKDIR` (e.g. `/app`) before the first COPY.",
    npmCiNoLockfile:
      "Did not split: the original runs `npm {verb}` on line {line} with no `package-lock.json` or `npm-shrinkwrap.json` in place (no COPY before it brings one), and npm then stops with an error (EUSAGE), so the original does not build; copy the lockfile before the install, or use `npm install`, and run msb-opt again.",
    systemDir:
      "Did not split: the build writes `{path}`, a system folder that also holds the toolchain; write the program to its own folder (e.g. `/app`).",
    programLinkRepeated:
      "Made the link `{link}` to `{program}` again in the runtime stage, after its install of the package that brings `{program}`.",
    programLinkKept:
      "Did not split: `{command}` links `{link}`, which the runtime would lack, and {why}; make the link in the runtime stage by hand after the split, or keep the build single-stage.",
    ldconfigRun:
      "Did not split: `{command}` in a RUN rebuilds the loader's cache (/etc/ld.so.cache) for libraries the build installs (in /usr/local/lib, or a folder an /etc/ld.so.conf.d file names); the runtime would need those libraries with the cache or the conf file, which msb-opt cannot yet tell; keep the single stage, or split by hand: copy the libraries (and the conf file) and run `ldconfig` in the runtime stage.",
    caCertificatesRun:
      "Did not split: `{command}` in a RUN adds the certificates the build put in /usr/local/share/ca-certificates to the system's CA bundle, and the runtime's own bundle would not have them, so TLS to the hosts they vouch for would fail; keep the single stage, or split by hand: copy the certificate into the runtime stage and run `update-ca-certificates` there.",
    jlinkRun:
      "Did not split: `{command}` in a RUN links a Java runtime of its own (a folder with its `bin/java` and the modules it chose), which the runtime would have to be, while msb-opt's Java recipe moves the program onto a Temurin JRE; keep the single stage, or split by hand: copy the linked folder onto a Debian slim image and run its `bin/java`.",
    unknownCommand:
      "Did not split: `{command}` in a RUN may change the image in a way the runtime would lose; move it after the split by hand or ask for a recipe.",
    globalInstallNotLayered:
      "Did not split: `{command}` installs into the toolchain's own folders, which only the layered runtime handles (it installs a global program the image runs again and leaves one the build alone uses behind), and that layout does not fit: {reason}.",
    globalInstallAsUser:
      "Did not split: `{command}` runs as a user other than root, so its global packages belong to that user (their prefix, their files), and the runtime, which installs global packages again as root, would give them to root; run the global install as root, or split by hand.",
    globalInstall:
      "Did not split: `{command}` installs into the toolchain's own folders, which the runtime does not copy; install into the app folder instead.",
    managerVirtualenv:
      "Did not split: `{command}` installs into a virtualenv of its own under the home folder, which the runtime does not copy; install into the system site-packages as root instead (`pipenv install --system`; for poetry, `ENV POETRY_VIRTUALENVS_CREATE=false`).",
    systemPipElsewhere:
      "Did not split: `pip install` writes to the system site-packages, which this runtime does not copy; install into a virtualenv (`python -m venv /opt/venv`) so it can be copied.",
    systemPip:
      "Did not split: `pip install` writes outside a virtualenv to a place msb-opt cannot tell (the home of a user this Dockerfile did not create, `--prefix`, `--root`, `--home` or a `PIP_*` location); install into a virtualenv (`python -m venv /opt/venv`) or with `--target DIR` so it can be copied.",
    envCommand:
      "Did not split: a RUN runs `{command}` through `env`, whose effects on the image (packages, users, files) msb-opt does not follow there; set the variables in front of the command instead (`DEBIAN_FRONTEND=noninteractive apt-get install …`) to let the pass split.",
    pipConfigLocation:
      "Did not split: pip's configuration ({evidence}, line {line}) sets, or may set, where `pip install` puts packages (`target`, `prefix`, `root`, `user`, `home`, `src`), so they may land outside the folders the runtime copies; give the location on the command line (`pip install --target DIR`, or a virtualenv) and keep it out of pip's configuration, or COPY a configuration file from the context that sets no location (msb-opt reads it).",
    pipUserHome:
      "Did not split: `pip install --user` writes under `$HOME/.local`, and HOME here comes from a build argument or the RUN's own assignment (`ARG HOME=…`, `HOME=… pip …`), whose value msb-opt does not follow; set it with a literal `ENV HOME=…` line, or install into a virtualenv (`python -m venv /opt/venv`) so the runtime can copy it.",
    outsideWrite:
      "Did not split: `{command}` names `{path}` outside the folders the runtime copies, which may be an output it needs; build into the working folder or split by hand.",
    makeInstall:
      "Did not split: `{command}` writes where the project's build files say (usually under /usr/local, shared with the toolchain), which msb-opt does not read; put the built files in place with `cp` (e.g. `cp app /usr/local/bin/`) to let the pass split.",
    aptPackageFile:
      "Did not split: `apt-get install` installs the package file `{path}`, and the runtime installs its packages before anything is copied into it, so the file would not be there; split by hand, copying the file into the runtime first.",
    aptUpgrade:
      "Did not split: `{command}` changes packages of the base image, which the runtime would not have; drop it or split by hand.",
    noEntry: "Did not split: the stage sets no ENTRYPOINT or CMD, so it inherits one the runtime base may not share; set one explicitly.",
    entryTool:
      "Did not split: the image runs `{command}`, which `{image}` does not provide; if an OS package brings it, install that package with apt-get so the pass keeps it, else keep the build single-stage.",
    entryToolPipUnread:
      "Did not split: the image runs `{command}`, which `{image}` does not provide, and the pip install on line {line} that may bring it reads `{source}`, which the build context does not have (the original build needs it too); add `{source}` to the build context, or split by hand.",
    entryToolChild:
      "Did not split: `{parent}` runs `{command}` to compress or decompress the archive, and `{image}` does not provide it; install `{package}` with apt-get in the Dockerfile so the pass keeps it, else keep the build single-stage.",
    entryInstallBuilds:
      "Did not split: the image runs `{parent}` when it starts, which builds the native addons of packages with node-gyp, and node-gyp runs `{command}`, which `{image}` does not provide; install or rebuild the packages in a RUN at build time, or keep the build single-stage.",
    entryToolChildGuessed:
      "Did not split: `{parent}` reads an archive without a compression option and with no literal name to take the suffix from, so GNU tar picks the program that decompresses it from the archive's first bytes (gzip, bzip2, xz, lzma, zstd, lzip or lzop), and `{image}` does not provide `{command}`; give tar the compression option (`-z`, `-J`, `-j`, `--zstd`) or name the archive literally with its suffix, so the pass knows which program it runs, or keep the build single-stage.",
    daemonCommandsUnknown:
      "Did not split: the image starts `{daemon}`, which runs the commands of files in the image, and this instruction {how}, so the programs and modules those commands need are unknown; COPY the file from the build context (a crontab to `/etc/cron.d/`, a supervisord config), or split by hand.",
    daemonCommandExpansion:
      "Did not split: the daemon the image starts runs `{command}`, whose `{word}` supervisord expands when it starts the program, so the files it runs and the modules they load are unknown; write the path literally, or split by hand.",
    daemonCommandCd:
      "Did not split: the daemon the image starts runs `{command}`, whose `{word}` (or supervisord `directory=`) moves where the pass cannot tell, or elsewhere than the working folder before it runs a relative program, a script or an npm project, which the pass reads against the working folder, so the files it runs and the modules they load are unknown; use absolute paths, or `cd` to the working folder.",
    entryToolNpm:
      "Did not split: the image runs `{command}`, the name of a package in package.json, but no program of that name is known to be on the image's PATH (no lockfile lists it, and npm puts programs in `node_modules/.bin`); run it through an npm script or `npx`, or commit a lockfile that lists it.",
    entryToolNpmScript:
      "Did not split: a package.json script the image runs calls `{command}`, the name of a package in package.json, but the npm lockfile records no program of that name for it; list the package that provides `{command}` in package.json (a program of a package installed only as another's dependency may be missing after a production install).",
    hardened: "Ran the runtime as the non-root user `{user}` (option `harden`), owner of the copied files; writes outside them now fail.",
    notHardened: "Kept the root user although `harden` is on: {reason}.",
    javaVendor:
      "Ran the program on `{jre}`, the JRE of the same Java major as `{image}` (another build of OpenJDK; `JAVA_HOME` is `/opt/java/openjdk` there).",
    javaHomePath:
      "Did not split: `{where}` names `{path}`, the JDK's own folder in `{image}`, which `{jre}` (another build of OpenJDK, the JRE of the same major) does not have: its Java is in `/opt/java/openjdk`; run `java` by the PATH or `$JAVA_HOME`, or build on an `eclipse-temurin` JDK.",
    javaShellBash:
      "Did not split: `{where}` runs bash syntax ({bashism}) with `/bin/sh`, which is bash in `{image}` (Amazon Linux or Oracle Linux) but dash in `{jre}` (Ubuntu), the JRE the runtime would use, where it fails or does otherwise; start the script with `#!/bin/bash` (or run it with `bash`), or write it in POSIX sh.",
    argBase:
      "Did not split: the base image is the build argument `{arg}`, so a `--build-arg {arg}=…` picks the image at build time and no runtime image can follow it; name the image in FROM (an argument for its tag alone, as in `node:$NODE_VERSION`, is fine) to let the pass split.",
    javaFiles:
      "Copied only `{paths}` of the build folder: what the java command line names (a jar made here, the jars its manifest file's `Class-Path` names, class folders), the files its options and the ENV values name (`-javaagent:`, `-D…=file`, `LOADER_PATH`), Spring Boot's `config/` and `application.*` beside it, the files the sources name, and what the build's commands left there (`mkdir -p logs`); the sources stay in the build stage.",
    goFlagCgo: "Kept cgo and a glibc runtime: the build flag `{flag}` needs cgo, and with cgo the program may load the C library.",
    goFlagLoader:
      "Used a glibc runtime, not a static one: the build flag `{flag}` makes a program that needs the dynamic loader (`ld-linux`), even without cgo.",
    cgoKept: "Kept cgo and a glibc runtime: the build needs it ({evidence}).",
    cgoLibrary:
      "Did not split: the Go build links the C library `{library}` ({evidence}) but installs no `-dev` package for it, so its run-time package is not known; install its `-dev` with apt-get.",
    pipLibraryRelease:
      "Did not split: the pip package `{package}` needs libraries that `{image}` has, and their run-time package names on its Debian release are not known; write the release in the tag (e.g. `-bookworm`).",
    pythonRuntimeCompile:
      "Did not split: `{file}` compiles C when it runs (`{call}`), with the build image's compiler and headers, which `{image}` lacks; build the extension in the Dockerfile (`cythonize`, the cffi build script in setup.py) so the runtime only loads it, or keep the full image.",
    pipSourceUnread:
      "Did not split: the pip install on line {line} installs from `{source}`, which the build context does not show (a variable, a file the build makes, an archive, or a setup.py that computes its list), so whether a package needs a library of the full image that the slim runtime lacks (libpq for psycopg2, the MariaDB client for mysqlclient) is not known; name the requirements in a file of the context (requirements.txt, pyproject.toml) to let the pass split.",
    compiledLibrary:
      "Did not split: the build compiles code that links the C library `{library}` ({evidence}), which the build image may have and the slim runtime lack, and neither an installed `-dev` package nor the image's preinstalled ones tell its run-time package; install its `-dev` with apt-get so its run-time package is known, or split by hand.",
    compiledLinksUnread:
      "Did not split: the build compiles code whose link flags are computed ({evidence}), so which C libraries of the build image the runtime needs is not known; write the `-l` flags literally, or split by hand.",
    extensionImageLibraries:
      "Installed {packages} in the runtime: {evidence} links {libraries}, from the headers {headers} that `{image}` has preinstalled and the slim runtime lacks; these are their run-time libraries in Debian {release}.",
    extensionLibrary:
      "Did not split: `{file}` builds an extension that links the C library `{library}`, which the build image has but the slim runtime may lack, and no `-dev` package for it is installed; install its `-dev` with apt-get so its run-time package is known.",
    entryScriptUnparsed:
      "Did not split: msb-opt's shell reader could not read the entry script `{script}` (it may use a construct the reader lacks, or have a syntax error: `sh -n` on it tells which), so the programs it runs and the files it reads, which the runtime must hold, are unknown; split by hand.",
    entryPerlModule:
      "Did not split: `{command}` loads the perl module `{module}`, which `{image}` lacks: its perl is Debian's `perl-base`, which holds only part of perl's core modules; install `perl` (or the module's own package) with apt-get in the Dockerfile so the pass keeps it.",
    entryPerlScript:
      "Did not split: `{command}` runs the perl script `{script}`, which the build context does not hold, so the perl modules it loads are unknown, and `{image}` has only those of Debian's `perl-base`; install `perl` with apt-get in the Dockerfile so the pass keeps it.",
    scriptCommandComputed:
      "Did not split: the image runs the script `{script}`, which runs a command the shell computes when it runs (`{word}`), so the programs it runs and the files they need are unknown; split by hand.",
    entryCommandComputed:
      "Did not split: the image runs `{command}`, whose command the shell computes when it runs (`{word}`), so the programs it runs and the files they need are unknown; write the command literally, or split by hand.",
    entryShellFileComputed:
      'Did not split: `{script}` reads or runs the shell file `{file}` (with `.`, `source` or a shell), whose path is computed when it runs, so the programs that file runs and the files it needs are unknown; write the path literally (absolute, relative to the working folder, or `"$(dirname "$0")/…"`), or split by hand.',
    entryShellFileAfterCd:
      "Did not split: `{script}` reads or runs the shell file `{file}` (with `.`, `source` or a shell) relative to the folder an earlier `cd` changed to, which the pass cannot tell (a computed folder, `cd` alone or `cd -`), so the programs that file runs and the files it needs are unknown; write the path as an absolute one or the `cd` folder literally, or split by hand.",
    entryScriptComputed:
      "Did not split: the entry script `{script}` builds a path from a variable (`{word}`), so which files it reads, and the runtime must copy, is unknown; name the files literally, or split by hand.",
    gccRuntime:
      "Installed {packages} in the runtime: the build's flags {flags} link gcc's own run-time libraries, which come with the compiler the runtime leaves out, not with a `-dev` package.",
    gccRuntimeRelease:
      "Did not split: the build's flags {flags} link gcc's own run-time libraries, and their package names for `{image}` are not known (msb-opt knows Debian bullseye, bookworm and trixie); split by hand and install them in the runtime.",
    gccImageRelease:
      "Did not split: which Debian release `{image}` is built on is not known (msb-opt's catalog of the gcc image's tags has no `{tag}`), so neither the runtime image nor the package names of the libraries the program links can be named; use a current tag such as `gcc:14` or `gcc:latest`, or split by hand.",
    gccLinksUnread:
      "Did not split: {evidence}, so which libraries the program links, and the runtime must hold, is unknown; name the libraries literally in the Dockerfile or the build context's files (`-lssl` on the compiler command, in a Makefile or in `target_link_libraries`), or split by hand.",
    gccLibraryUnknown:
      "Did not split: the program links the library `{library}` ({evidence}), and which Debian package brings it at run time on `{image}` is not known; install its `-dev` package with apt-get in the Dockerfile (its run-time package is then known), or split by hand.",
    gccRuntimePlatform:
      "Did not split: the program needs {libs} of the image's GCC, which it keeps in `/usr/local/lib64` on 64-bit platforms and in `/usr/local/lib` on 32-bit ones, and the platform `{platform}` is not written literally; write the platform (e.g. `--platform=linux/arm/v7`) or split by hand.",
    gccRuntimeOther:
      "Did not split: {flag} links one of gcc's own run-time libraries that msb-opt does not carry from the gcc image to the runtime (it carries libstdc++, libgcc_s, libgomp and libatomic); split by hand.",
    gccImageRuntime:
      "Copied {libs} from `{dir}` of the build stage, with the loader file `{conf}` that puts that folder before Debian's own, and ran `ldconfig`: {why}, and `{image}` built its GCC into `/usr/local`, newer than Debian {release}'s, so the program needs these libraries, not the runtime's.",
    gccCaCertificates:
      "Installed `ca-certificates` in the runtime: the program links `{library}` ({evidence}), which checks TLS connections against the system's CA certificates; `{image}` has them and the slim runtime does not.",
    gccDependedLibraries:
      "Installed {packages} in the runtime: the program links `{library}` from `{headers}`, which apt-get installed because `{via}` depends on it; these are its run-time libraries in Debian {release}.",
    gccImageLibraries:
      "Installed {packages} in the runtime: the program links {libraries}, from the headers {headers} that the gcc image has preinstalled; these are their run-time libraries in Debian {release}.",
    goToolchainLoad:
      "Did not split: `{file}` loads Go packages with `{api}`, which needs the Go toolchain at run time (the `go` command, GOROOT), and only the build image has it; keep the single stage, or split by hand onto an image that has the toolchain.",
    goGeneratedRead:
      "Did not split: the Go program opens `{path}`, which the build context lacks and `{command}` may make (what it writes cannot be told from its sources), so whether the runtime needs it is unknown; make it with `go run` of a package that writes it by a literal path, or split by hand.",
    goCache:
      "Gave the `go` steps of the build stage cache mounts for `{dirs}`, so a rebuild after a source edit recompiles only what changed (the caches stay out of the image).",
    goCacheRead:
      "Gave the `go` steps no cache mounts: this step reads `{dir}` without one, and a cache mount keeps what the `go` steps write there out of the image, so it would find the folder empty.",
    goWholeFolder:
      'Copied the program and its whole source folder, the Go sources too: `{call}` reads the working folder as a whole; serve or read a subfolder (`http.Dir("static")`) to copy only that.',
    goOwnedFolder:
      "Copied the program and its whole source folder, the Go sources too: a RUN gave the folder an owner, which a folder the runtime's WORKDIR makes would not have; give the program a folder of its own to write in to copy less.",
    goFiles: "Copied the program and, of its source folder, {reason}; the Go sources stay in the build stage.",
    sitePackages:
      "Copied `{paths}` to the runtime: `pip install` put the packages, their commands and their data files there (the slim image has the same Python {version} build).",
    pythonVersion:
      "Did not split: the Python version of `{image}` is not known, so where pip installed cannot be told; write the version in the tag (e.g. `python:3.12`).",
    shellNeeded: "Did not split: the image runs `{command}` through a shell; use exec form so the runtime can do without one.",
    sitePackagesEither:
      "Copied `{paths}` to the runtime, not the interpreter's whole library: `pip install` put the packages, their commands and their data files there, and the slim image has the same Python {version} build with its standard library. The package folder is `site-packages` on the official image and `dist-packages` where Python is Debian's; the one-letter class (`[s]`) makes the COPY take whichever exists.",
    filesStage:
      "Copied the whole working folder from the build, without `node_modules`, for the reason that follows; every source edit copies it again (a build whose output folder msb-opt can read, such as tsconfig `outDir`, lets the runtime copy just that).",
    filesAside:
      "Copied the whole working folder from the build, without `node_modules`, for the reason that follows; the build's last RUN also sets it aside in `{folder}`, so a source edit runs no step in a container beyond the original's, but copies the folder again (a build whose output folder msb-opt can read, such as tsconfig `outDir`, lets the runtime copy just that).",
    filesAsideCopies:
      "Copied the whole working folder from the build, without `node_modules`, for the reason that follows; the build's RUN on line {run} also sets it aside in `{folder}`, and the runtime repeats the COPYs after that RUN ({lines}) from the context, so a source edit re-runs only those, as in the original (a build whose output folder msb-opt can read, such as tsconfig `outDir`, lets the runtime copy just that).",
    filesStageWhy:
      "Stage `{stage}` sets the folder aside, a step that starts a container on every source edit, rather than the build's last RUN: {why}.",
    depsLeftOut:
      "Left the OS packages installed at line {lines} out of stage `{stage}`: no production dependency builds native code or comes from git, so the install does not need them.",
    staticNginx:
      "Served `{dir}` with nginx on port {port} instead of `{server}` (option `static-runtime nginx`); nginx {fallback}, but answers 403 for a folder without an index page (which `{server}` may list or answer 404 for) and serves `/name.html` as it is (which `serve` redirects to `/name`); the image's CMD, ENTRYPOINT, STOPSIGNAL, environment and exposed port 80 now come from the nginx image.",
    staticRuntimeBlocked:
      "Did not split: option `static-runtime nginx` asks to serve the site with nginx, but the stage's `{keyword}` has no nginx equivalent the pass can prove; drop the option or adapt the Dockerfile.",
    workspaceGlob:
      "Did not split: the npm workspaces pattern `{pattern}` cannot be resolved from the build context (only folder names and `folder/*` are read), so the manifests the install needs are unknown; list the workspace folders literally.",
    workspaceManifests:
      "Copied the package.json of the npm workspaces {dirs} into stage `{stage}` (from the root `workspaces` patterns), so the install links them as the original's did.",
    osNeedsDev: "Installed {packages} in the runtime: the devDependency `{package}`, which the runtime keeps, {why}.",
    osNeedsGlobal: "Installed {packages} in the runtime: the global `{package}`, which the runtime installs again, {why}.",
    yarnGlobalPnp:
      "Did not split: the project uses Yarn Plug'n'Play with Yarn's global cache (the default from Yarn 4 on), so the app loads its packages from `~/.yarn/berry/cache`, outside the folders a runtime copies; set `nodeLinker: node-modules` (or `enableGlobalCache: false`) in .yarnrc.yml.",
    modulesMoved:
      "Did not split: {reason}, where a runtime that copies the project's own `node_modules` would not find them; drop the setting to let the pass split.",
    workspaceScript:
      "Did not split: the image runs `{command}`, a script of an npm workspace that the pass does not read, so which devDependencies it needs is unknown; put the script's command in CMD to let the pass split.",
    workspaceBin:
      "Did not split: the npm workspace `{path}` has commands (`bin` in its package.json), which the install links to that workspace's own files and makes executable, and a stage apart that installs from the manifests alone would lack them; on a full base image (not slim) the pass splits keeping the install's output.",
    staticRuntimeNotStatic:
      "Kept the Node runtime although option `static-runtime nginx` is on: the image does not serve a built folder with `serve DIR`, `http-server DIR` or `vite preview` in exec-form CMD.",
    lockfileNotRead:
      "The original install did not read `{lockfile}` (no COPY before it brings it), so stage `deps` does not either: `{command}` resolves versions afresh, as the original's did, and the two can differ; copy the lockfile before the install.",
    lockfileRewritten:
      "Copied `{file}` from stage `{stage}` after the application files: the original's `{command}` wrote it over the build context's copy (an install that is not frozen rewrites an old or out-of-step lockfile), and the image kept the install's.",
    lockfileRemoved:
      "The original install's RUN removes `{lockfile}` before it installs, so stage `deps` does not copy it: `{command}` resolves versions afresh, as the original's did, and the two can differ; keep the lockfile to install the versions it names.",
    staticSiteOnly:
      "Left the sources and manifests out of the runtime: the image runs only `{server}`, which serves `{dir}`, a folder the build writes after the last COPY, and reads nothing else of the working folder (the context has no `serve.json`, `now.json` or `package.json` `static` settings).",
    buildCache:
      "Gave the build step a cache mount on `{dir}`, the cache `{tool}` keeps between builds, so a rebuild after a source edit reuses it; the cache stays out of the image.",
    depsCache:
      "Gave the install a cache mount on `{dir}`, the package manager's download cache, so a manifest change fetches only the packages that changed (`--no-cache-mounts` for a builder without BuildKit).",
    compiledSourcesLeft:
      "Left {paths} out of the runtime: {count} TypeScript source file(s) that the build compiles into its output, and nothing the image runs reads TypeScript (no loader, no type stripping, no source maps of the originals).",
    gitHookScripts:
      "Removed the install scripts {scripts} from stage `{stage}`'s copy of package.json before its production install: they only set up git hooks, which do nothing in an image, and their tool is a devDependency that a production install leaves out.",
    prismaGenerateScripts:
      "Removed the install scripts {scripts} from stage `{stage}`'s copy of package.json before its production install: the Prisma client they generate comes from the build stage, where the original install generated it, and the stage apart has neither the schema nor, when it is a devDependency, the Prisma CLI.",
    alreadySlimNotLayered:
      "Did not split: `{image}` is already a slim image, so the split would pay only by installing the production dependencies in a stage apart, and that does not fit: {reason}.",
    alreadySlimDevLibraries:
      "Did not split: `{image}` is already a slim image, and the runtime would keep the devDependencies because {reason}, so nothing would be left behind; name those the runtime never loads in option `build-only-dev-deps` (msb-opt then prunes them) and move those it loads to `dependencies`.",
    alreadySlimDevKept:
      "Did not split: `{image}` is already a slim image, and the runtime would keep the devDependencies because {reason}, so nothing would be left behind; once the app needs none of them at run time (or lists those it needs under `dependencies`), a split can drop the rest.",
    nativeOptionalUnknown:
      "Did not split: the optional dependency `{package}` may build native code (pnpm's lockfile marks every optional package as building without looking), so which system libraries it needs on the smaller runtime image is unknown; split by hand, or build on a slim node image, which the runtime then shares.",
    checksLeftOut:
      "Left the files of the checks {commands} (reports, new snapshots, caches) out of the runtime, which copies only the build's outputs: checks write nothing the app reads, and they still run in the build stage the runtime copies from.",
    filesHostModules:
      "The runtime cannot replay the context copies: the build context holds a `node_modules` that the install replaced; add it to `.dockerignore`.",
    filesRelativeCopy: "The runtime cannot replay the context copies: a COPY to a relative path was made under another working folder.",
    filesNoOutputs: "The build steps write no output msb-opt knows of.",
    filesChecksOnly:
      "The build stage only runs the checks {commands}, which must still gate the image, and a COPY sets an owner or a mode that a one-file gate copy would have to repeat, so the runtime copies the whole folder from it.",
    outputsNoWorkdir: "The build's outputs are unknown: there is no working folder.",
    outputsRunForm: "The build's outputs are unknown: the RUN on line {line} is not a plain shell command.",
    outputsBeforeInstall: "The build's outputs are unknown: the RUN on line {line} builds before the install.",
    outputsOutsideWorkdir: "The build's outputs are unknown: the RUN on line {line} builds outside the working folder.",
    outputsScriptsDeep: "The build's outputs are unknown: npm scripts call each other too deeply.",
    outputsUnparsed: "The build's outputs are unknown: `{text}` does not parse.",
    outputsRedirect: "The build's outputs are unknown: `{text}` writes a file through a redirection.",
    outputsComputedWord: "The build's outputs are unknown: `{command}` holds a computed word.",
    outputsElsewhere: "The build's outputs are unknown: `{command}` runs in another folder or package.",
    outputsNotScriptRun: "The build's outputs are unknown: `{command}` is not a script run.",
    outputsNoScriptName: "The build's outputs are unknown: `{tool}` is run with no script name.",
    outputsNpxFlag: "The build's outputs are unknown: `{command}` names its package with a flag.",
    outputsRunAllNone: "The build's outputs are unknown: `{tool}` names no script `{pattern}`.",
    outputsScriptMissing: "The build's outputs are unknown: the npm script `{script}` does not exist.",
    outputsScriptLoop: "The build's outputs are unknown: the npm script `{script}` runs itself.",
    outputsPnpmPrePost: "The build's outputs are unknown: whether pnpm runs `pre{script}`/`post{script}` depends on its settings.",
    outputsWritesOutside: "The build's outputs are unknown: a build step writes `{path}`, outside the working folder's own outputs.",
    outputsRemoves: "The build's outputs are unknown: a build step removes `{path}`, which is not one of its outputs.",
    outputsCheckWrites: "The build's outputs are unknown: `{command}` rewrites or writes files, which a check-only run would not.",
    outputsNotABuild: "The build's outputs are unknown: `{command}` is not a build.",
    outputsUnknownTool: "The build's outputs are unknown: `{tool}` is not a build tool whose outputs msb-opt knows.",
    outputsPrismaSchema: "The build's outputs are unknown: where `prisma generate` writes the client cannot be told ({detail}).",
    outputsComputedArg: "The build's outputs are unknown: `{tool}` is given a computed argument.",
    outputsToolOutside: "The build's outputs are unknown: `{tool}` writes `{path}`, outside the working folder's own outputs.",
    outputsToolOption: "The build's outputs are unknown: `{tool}` is given `{option}`, which msb-opt does not follow.",
    outputsConfigUnreadable: "The build's outputs are unknown: `{file}` cannot be read.",
    outputsConfigComputes: "The build's outputs are unknown: `{file}` computes `{key}` or gives it a value msb-opt does not read.",
    outputsConfigSets: "The build's outputs are unknown: `{file}` sets `{key}`, which msb-opt does not follow.",
    outputsConfigLoads:
      "The build's outputs are unknown: `{file}` loads `{module}`, which can choose where the build writes and which msb-opt does not read.",
    outputsEnvSets: "The build's outputs are unknown: the build's environment sets `{name}`, which moves where `{tool}` writes.",
    outputsBuildRunsWriter:
      "The build's outputs are unknown: `{tool}` runs the project's code, and `{file}` writes files, which may land outside `{out}`.",
    outputsComputedPath: "The build's outputs are unknown: `{tool}` writes `{path}`, a path with a `$` that msb-opt does not expand.",
    outputsTscSources: "The build's outputs are unknown: `tsc` is given source files and no `--outDir`.",
    outputsTsconfigNoOutDir: "The build's outputs are unknown: `{file}` sets no `outDir`, so tsc writes next to the sources.",
    outputsStdout: "The build's outputs are unknown: `{tool}` writes to its standard output.",
    outputsFlagMissing: "The build's outputs are unknown: `{tool}` is not given its output with {flags}.",
    outputsNoAngularJson: "The build's outputs are unknown: there is no `angular.json` to read the output path from.",
    outputsAngularOutside: "The build's outputs are unknown: `{file}` names an output path outside `dist`.",
    staticSiteLocal:
      "Left the sources out of the runtime: the image runs only `{server}` from the project's node_modules, which serves `{dir}`, a folder the build writes after the last COPY; the runtime keeps node_modules and the manifests (npm reads them to find the command) and nothing else of the working folder (the context has no `serve.json`, `now.json` or `package.json` `static` settings, no vite config or `.env` files).",
    pnpmWorkspace:
      "Did not split: this is a pnpm workspace (packages {dirs}), where pnpm gives each package its own `node_modules` linked into the root's store, and the image is already slim; split by hand, copying every package's `node_modules` from one production install.",
    pnpmWorkspaceWhole:
      "Copied the working folder with every `node_modules` of the pnpm workspace from the build, because pnpm links each package's `node_modules` into the root's store and a production install copied apart would break those links.",
    yarnWorkspaces:
      "Did not split: this is a Yarn classic workspace, and yarn.lock does not record which packages yarn installs into a workspace's own `node_modules` (a conflicting version goes there), so a production install copied apart cannot be shown complete, and the image is already slim; split by hand.",
    yarnWorkspacesWhole:
      "Copied the working folder with every `node_modules` of the Yarn classic workspace from the build, because yarn.lock does not record which packages yarn installs into a workspace's own `node_modules`, so a production install copied apart cannot be shown complete.",
    checksGate:
      "The build's steps after the install write nothing the runtime needs, they only check the project ({commands}): the runtime takes the application files from the build context and copies `{path}` back from the build stage, the same file the context gave both, so that the image is built only when those checks pass.",
    nativeOutside:
      "Did not split: the dependency `{package}` {why}, which a runtime taking node_modules from a production install apart would not have; split by hand, installing what it needs in the runtime.",
    outputsSystemFolder: "The build's outputs are unknown: a build step writes `{path}`, a system folder the runtime cannot take apart.",
    rustFiles:
      "Copied the program {binaries} and, of the project folder, {files}; the Rust sources, `target` and the toolchain stay in the build stage.",
    rustWholeFolder:
      'Copied the program {binaries} and the whole project folder, `target` included: its sources read the working folder as a whole (`"."`: `read_dir`, a file server of it), so which of its files the program needs is not known; serve or list a folder of its own to keep the runtime small.',
    rustNoDependencies:
      "Split without Cargo.lock: Cargo.toml names no dependencies, so cargo has nothing to resolve and no crate links a system library.",
    rustOlderRelease:
      "Ran the program on `debian:bookworm-slim`: `{image}` is older than every tag of the bundled catalog (of {date}), so it was built on Debian bookworm or an earlier release, and the program links only the C library, which runs unchanged on a newer release.",
    rustLinkedLibraries:
      "Installed {packages} in the runtime: `{file}` links `{library}`, from the headers {headers} that the rust image has preinstalled; these are their run-time libraries in Debian {release}.",
    rustLibraries:
      "Installed {packages} in the runtime: the run-time packages, in Debian {release}, of the system library that `{crate}` in Cargo.lock links.",
    rustCaCertificates:
      "Installed `ca-certificates` in the runtime: `{crate}` in Cargo.lock reads the system's CA certificates to verify TLS peers, which the Rust image has and the Debian slim image lacks.",
    rustPath:
      "Put `{dir}` first on the runtime's `PATH`, as the Rust image has it: the image runs {commands} by name, and `cargo install` put it there.",
    rustCache:
      "Gave the cargo steps of the build stage cache mounts for {dirs}, the crates cargo downloads, so a rebuild after a manifest edit fetches only what changed (the caches stay out of the image).",
    rustAlpine:
      "Did not split: `{image}` is an Alpine image, and msb-opt places a Rust program only on the Debian slim image of the build's release; use a Debian tag (e.g. `rust:1-bookworm`) or split by hand.",
    javaSourceLauncher:
      "Did not split: the image runs `java {file}`, Java's source-file launcher, which compiles the file at start with the JDK's compiler; a JRE has none. Run the compiled classes (`java -cp out Main`) to let the pass split.",
    rustRelease:
      "Did not split: the Debian release of `{image}` is not known, and the program links that release's libraries (a newer release runs a program linking only the C library, but the packages of other libraries differ), so the runtime must be the same release; write the release in the tag (e.g. `rust:1.75-bookworm`).",
    rustNoManifest:
      "Did not split: no Cargo.toml from the build context is in the working folder `{workdir}`, so which binaries the build makes is unknown; copy the project there and build in it.",
    rustWorkspace: "Did not split: which binary the workspace makes is not clear ({reason}); split by hand.",
    rustCargoCommand:
      "Did not split: `{command}` {reason}; build with plain `cargo build --release` (or `cargo install --path .`) in the working folder, or split by hand.",
    rustCargoRun:
      "Did not split: the image runs the program with `cargo`, which a slim runtime does not have; build it with `cargo build --release` and run `target/release/<name>` in CMD.",
    rustEntryNotBuilt:
      "Did not split: the image runs `{command}`, which is not a binary the cargo steps make ({binaries}) nor a file of the build context; run the built binary, or split by hand.",
    goInstallUnknown:
      "Did not split: which programs `{command}` puts in GOBIN (one per main package its patterns match, read from go.mod and each Go file's package clause and build constraint) cannot be told: {why}; build with `go build -o` into the app folder instead, or split by hand.",
    goBinPath:
      "Copied the programs the build put in `/go/bin` ({programs}) and put that folder first on the runtime's `PATH`, as the golang image has it{runs}.",
    goPathKept:
      "Set `GOPATH=/go` in the runtime, as the golang image has it: the lines it repeats name `$GOPATH`, which would otherwise be empty there.",
    goEntryNotBuilt:
      "Did not split: the image runs `{command}` (`{path}`), which no step makes (the Go build writes {outputs}) and the build context does not hold, so the original fails at start too; run the built program, or split by hand.",
    goEntryFromImage:
      "Did not split: the image runs `{command}` (`{path}`), which `COPY --from={image}` brings from another image; whether it needs a C library or a shell that the Go runtime lacks is not known to msb-opt; split by hand (a Debian slim runtime with the same `COPY --from` line), or run a program the build makes.",
    rustComputedPath:
      'Did not split: `{file}` opens a file by a computed path (`{call}`), so the files the program reads at run time are unknown; write the path literally (e.g. `"static/index.html"`) or split by hand.',
    rustNoLock:
      "Did not split: the build copies no Cargo.lock into the working folder, so cargo resolves the crates afresh and which of them link system libraries the runtime needs is unknown; commit Cargo.lock and copy it with Cargo.toml.",
    rustLinkUnknown:
      "Did not split: `{file}` links the C library `{library}`, which `{image}` may have (its -dev packages) and the slim runtime lack, and which Debian package brings it at run time is not known; install its `-dev` with apt-get in the Dockerfile (its run-time package is then known), or split by hand.",
    rustSysCrate:
      "Did not split: `{crate}` in Cargo.lock links a system library that msb-opt's table does not know, so the runtime may lack it; split by hand, installing its library in the runtime, or ask for a table entry.",
    rustLibraryRelease:
      "Did not split: `{crate}` in Cargo.lock links a system library whose run-time package on Debian {release} is not known; use a tag of a covered release (bullseye, bookworm, trixie) or split by hand.",
    sourceProgramComputed:
      "Did not split: `{file}` line {line} runs a program whose name it computes when it runs (`{call}…`), and `{image}` lacks programs the build image has, so the runtime may lack that one; write the program's name in the call so that msb-opt can check it, or split by hand.",
    npmNotifierStamp:
      "Copied `{path}` from stage `{stage}`: npm's install wrote it in the original image, and `npm` asks the registry for a newer npm (a notice on stderr) only when it is missing or a week old, so the runtime's `npm` does as the original's did.",
    npmNotifierStampBuild:
      "Copied `{path}` from the build stage: npm's install wrote it in the original image, and `npm` asks the registry for a newer npm (a notice on stderr) only when it is missing or a week old, so the runtime's `npm` does as the original's did.",
    runtimeFollowsArgs:
      "Wrote the runtime's image as `{image}`, the build's `{base}` with `{suffix}` appended, so that it follows a `--build-arg` of {args}: an override naming only a version still works, one naming a variant may give a tag that does not exist (`…-alpine{suffix}`); for such an override edit the runtime's FROM too.",
    nodePinnedAhead:
      "Planned the split on `{pinned}`, the release pin-tags pins `{image}` to in this run: the runtime is that release's slim image, so both stages run the same Node major (a second moving tag for the runtime could name another major than the build's).",
    archivedRelease:
      "Did not split: the stage on `{image}` would install {packages} with `apt-get`, but Debian {release} is no longer on deb.debian.org (only on archive.debian.org, where the image does not look), so its `apt-get update` would fail; build on a supported release (a `-bookworm` tag) or split by hand.",
    nodeMovingTag:
      "Did not split: `{image}` moves from one Node major to the next, and the runtime would be `{runtime}`, a second moving tag that a builder may resolve to another major than the `{image}` it has, so native addons built in one stage might not load in the other; let pin-tags pin it in the same run (it did not: see its note, or it was skipped), write a release line such as `node:22`, or split by hand.",
    pythonPinnedAhead:
      "Planned the split on `{pinned}`, the release pin-tags pins `{image}` to in this run: its Python version tells where pip installed, and the runtime is that release's slim image, so both stages run the same Python.",
    goShellRuntime: "Used `{image}` as the runtime, not a shell-less one, although the program is static: {reason}.",
    gccSourcesLeft:
      "Left `{path}` (the sources) in the build stage: the compiler wrote the program outside it, and the code opens no file by a computed name and names none of the folder's files.",
    goSystemFiles: "Installed `{package}` in the runtime: {why}; the golang image has it and `{image}` does not.",
    javaOpenJ9:
      "Did not split: `{image}` runs the OpenJ9 JVM, and the JRE images msb-opt knows (Temurin's) run HotSpot, another JVM with other options and behaviour; split by hand onto an OpenJ9 JRE of the same version (such as `ibm-semeru-runtimes`).",
    codeWritesOutside:
      "Did not split: `{command}` runs Python code that may write outside the working folder ({evidence}), and the runtime copies only what it can name; write the outputs into the working folder, or split by hand.",
    moduleWritesHome:
      "Did not split: `{command}` runs `{module}`, which downloads into the home folder by default, and the runtime copies only what it can name; give it a folder inside the working folder (its option or variable) and split by hand.",
    moduleUnknown:
      "Did not split: `{command}` runs the module `{module}`, which the build context does not hold and msb-opt's table does not know, so where it writes (the home folder, site-packages) is unknown; run a script of the project instead, or split by hand.",
    systemSetupPy:
      "Did not split: `{command}` installs outside a virtualenv to a place msb-opt cannot tell (`--prefix`, `--root`, `--home`, an `--install-*` folder, or the home of a user this Dockerfile did not create); install with pip into a virtualenv (`python -m venv /opt/venv`) so it can be copied.",
    javaJdkTool:
      "Did not split: `{file}` runs `{tool}`, a tool of the JDK (or a JDK module: the compiler, jshell) that the runtime `{image}` (a JRE) lacks; keep the JDK image (split by hand onto it), or stop running the tool.",
    sourceFindLibrary:
      "Did not split: `{file}` looks up `{library}` with ctypes' `find_library`, which on `{image}` answers only when `ldconfig` lists a `lib{library}.so.N` file that none of the runtime's packages is known to bring (the build image also finds the library through gcc and its `-dev` link); load the library by its versioned file name (`CDLL(\"libname.so.N\")`) to let the pass split.",
    // fix-rt12b: Python `-c` imports, install scripts, Java runtimes.
    codeImportsUnknown:
      "Did not split: `{command}` runs Python code that imports `{module}`, which is neither the standard library's nor the project's, so what it writes (a download into the home folder, a cache) is unknown; move the code into a script of the project, or split by hand.",
    installScriptUnread:
      "Did not split: `{command}` runs an install script that runs `{file}`, which msb-opt could not find in the build context, so what it writes is unknown; run the script by a path from the project's folder, or split by hand.",
    // fix-rt17b: Makefiles and `go run` programs a RUN runs.
    ownFileUnread:
      "Did not split: `{command}` runs what `{file}` says, which msb-opt could not find in the build context (a file an earlier step makes, or a path it cannot resolve), so what it writes outside the working folder is unknown; keep the file in the build context, or split by hand.",
    javaRuntimeUnknown:
      "Did not split: the runtime for `{image}` would be `{jre}`, which msb-opt's image catalog does not list (Temurin publishes no JRE of some Java versions), so it may not exist; move to an LTS version (11, 17, 21, 25), or split by hand onto a JRE of the same version.",
    javaUserMissing:
      "Did not split: the image runs as user `{user}`, which `{image}` has and the runtime `{jre}` may lack (the stage does not create it), so the container would not start; create the user in a RUN of the Dockerfile (`useradd`), use a numeric `USER`, or split by hand.",
  },
  prepare: (df, ctx) => foreseenBase(df, ctx),
  run(df, ctx, pinned) {
    // The stage that makes the image. In a multi-stage file it is split only when it still builds (runs
    // commands on an external base); one that starts from an earlier stage or only copies is left alone.
    const index = df.stages.length - 1;
    const stage = df.stages[index];
    if (!stage) return df;
    const line = stage.from.line;
    if (index > 0 && (stageIndex(df, stage.base.raw, index) >= 0 || !stage.body.some((i) => i.keyword === "RUN"))) {
      return decline("multiStage");
    }
    if (stage.base.raw.toLowerCase() === "scratch") return df;
    // A final stage that takes files from an earlier one is a runtime already, unless it still builds.
    const taken = index > 0 ? copiedFromEarlier(df, index) : null;
    const alreadySplit = () => decline("multiStageTakes", { stage: taken?.stage ?? "", at: String(taken?.line) });
    if (df.escape !== "\\") return decline("escape");
    // A floating tag pin-tags pins in this run: the split plans on the release it writes (foresee.ts).
    const written = pinned?.raw ?? stage.base.raw;
    const resolved = pinned ? pinned.raw : resolveBaseArgs(df, stage.base.raw);
    if (resolved === null) return decline("variableBase", { image: stage.base.raw });
    const parsed = parseImageRef(resolved);
    // The official image written another way (`arm64v8/node`, `public.ecr.aws/docker/library/node`) plans as the
    // official image, and the runtime is written the same way (sameWayAs).
    const official = officialImage(parsed);
    const base = official ? { ...parsed, registry: null, name: official.name } : parsed;
    const recipe = RECIPES.find((r) => r.matches(base));
    if (!recipe) return decline("unknownEcosystem", { image: base.raw });
    if (base.digest) return taken ? alreadySplit() : decline("digest");
    if (!ctx.context.available) return decline("noContext");
    // What COPY can bring: a file `.dockerignore` hides (a lockfile, .npmrc) is not there for any stage.
    const context = withDockerignore(ctx.context);

    const hasEntry = stage.body.some((i) => i.keyword === "ENTRYPOINT" || i.keyword === "CMD");
    if (!hasEntry && !recipe.sameBase && !recipe.sameInheritedEntry) return decline("noEntry");
    // A slim Python image whose entry runs uv (`uv run …`) and that installs no OS package: uv stays (it runs the
    // app), the image is slim, and nothing build-only is there to move out, whatever the RUNs or COPYs do with uv.
    if (recipe.id === "python" && /slim/.test(base.tag ?? "") && !taken && entryRunsUv(stage) && !installsOsPackages(stage))
      return decline("alreadySlimRunsUv", { image: base.raw });
    const result = analyze(df, stage, context, recipe.baseWorkdirOf?.(base) ?? recipe.baseWorkdir ?? null, recipe.baseEnv);
    if (!result.ok) {
      if (taken) return alreadySplit();
      ctx.decline(result.refusal.line, result.refusal.id, result.refusal.data);
      return df;
    }
    let a = result.analysis;
    if (a.lastBuild < 0) return decline("nothingBuilt");
    // The project's own scripts may write anywhere: evidence of a write outside what the runtime copies declines.
    const ownProject = nodeProject(a, context);
    const sources = {
      context,
      scripts: ownProject?.pkg.scripts ?? {},
      workspaces: ownProject ? workspaceScripts(context, ownProject.dir) : undefined,
    };
    for (const index of a.stage.body.keys()) {
      const outside = scriptWritingOutside(a, index, sources);
      if (outside?.download)
        return decline(
          "toolWritesHome",
          {
            tool: outside.download.tool,
            via: outside.command === outside.download.tool ? "" : ` (an install script that \`${outside.command}\` runs)`,
            path: outside.download.path,
            variable: outside.download.variable,
          },
          a.stage.body[index].line,
        );
      if (outside?.unvouched !== undefined)
        return decline("codeImportsUnknown", { command: outside.command, module: outside.unvouched }, a.stage.body[index].line);
      if (outside?.unread && outside.own)
        return decline("ownFileUnread", { command: outside.command, file: outside.file }, a.stage.body[index].line);
      if (outside?.unread)
        return decline("installScriptUnread", { command: outside.command, file: outside.file }, a.stage.body[index].line);
      if (outside?.module !== undefined)
        return decline(
          outside.unknown ? "moduleUnknown" : "moduleWritesHome",
          { command: outside.command, module: outside.module },
          a.stage.body[index].line,
        );
      if (outside && outside.file === INLINE && !a.copyPaths.some((p) => outside.evidence.includes(`\`${p}`)))
        return decline("codeWritesOutside", { command: outside.command, evidence: outside.evidence }, a.stage.body[index].line);
      if (outside && !a.copyPaths.some((p) => outside.evidence.includes(`\`${p}`)))
        return decline(
          "scriptWritesOutside",
          { command: outside.command, file: outside.file, evidence: outside.evidence },
          a.stage.body[index].line,
        );
    }
    if (a.systemPip.length > 0 && !recipe.systemPip) return decline("systemPipElsewhere", {}, a.systemPip[0].line);
    if (index > 0 && ![...a.buildCommands].some(isBuildTool)) return taken ? alreadySplit() : decline("multiStage");
    const [global] = a.globalInstalls;
    if (global && recipe.id !== "node")
      return decline("globalInstall", { command: global.command.replace(/\s+/g, " ") }, global.instr.line);
    // Commands the image may run: those the entry names, and those its sources name in quotes.
    const installed = a.apt.flatMap((i) => i.packages.flatMap(providedCommands));
    // Only files the image holds can run there: a context folder no COPY brings names nothing.
    const inImage = copiedFromContext(a.stage.body);
    const held = inImage ? searchedSources(context).filter((f) => inImage(f.path)) : undefined;
    const entryNamed = new Set(a.entry.map((e) => e.name.replace(/^.*\//, "")));
    const namedBy = mentionedCommands(context, installed, [], [], undefined, held);
    const used = new Set([...entryNamed, ...namedBy.keys()]);
    // The Alpine build toolchain stays out of the runtime unless the image runs one of its commands.
    if (a.setup.some((u) => u.alpinePackages.length > 0)) {
      const toolchain = new Set([...used, ...mentionedCommands(context, ALPINE_BUILD_COMMANDS).keys()]);
      const locked = nodeProject(a, context)?.prodPackages ?? null;
      const compilersFree = locked?.every((p) => p.builds === false || knownAddon(p.name)) === true;
      a = { ...a, setup: leaveBuildOnly(a.setup, toolchain, compilersFree) };
    }
    const release = debianRelease(base);
    const ownPython = isOfficial(base, "python");
    // node-gyp's Python on a Node image builds native addons during the install: build-only unless the entry or a
    // source file names `python`/`python3` (as the Alpine toolchain above).
    // The lockfile must show that no production dependency runs Python (`youtube-dl-exec` runs yt-dlp).
    const gypLocked = recipe.id === "node" ? (nodeProject(a, context)?.prodPackages ?? null) : null;
    const gypNeeds = gypLocked === null ? null : osNeeds(gypLocked, new Set(), true);
    const depsRunPython =
      gypNeeds === null ||
      !gypNeeds.ok ||
      gypNeeds.needs.some((n) => n.debian.some((d) => NODE_GYP_PYTHON.has(d)) || (n.runs ?? []).some((c) => PYTHON_COMMANDS.includes(c)));
    const gypPython =
      recipe.id === "node" &&
      !depsRunPython &&
      ![...used, ...mentionedCommands(context, PYTHON_COMMANDS).keys()].some((c) => PYTHON_COMMANDS.includes(c))
        ? NODE_GYP_PYTHON
        : new Set<string>();
    const packages = a.apt.map((i) => ({
      install: i,
      ...splitPackages(i.packages, used, recipe.packagePolicy, release, ownPython, a.buildCommands, gypPython),
    }));
    const unknownHeaders = packages.flatMap((p) => p.unknownHeaders);
    if (unknownHeaders.length > 0) {
      const list = unknownHeaders.map((x) => `\`${x}\``).join(", ");
      // A Debian image whose release is unknown: the table is not what lacks it.
      const releaseUnknown = release === null && base.name.replace(/^library\//, "") !== "ubuntu";
      return decline(
        releaseUnknown ? "unknownHeadersRelease" : "unknownHeaders",
        {
          packages: list,
          image: base.raw,
          release: debianTableReleases()
            .join(", ")
            .replace(/, ([^,]*)$/, " and $1"),
        },
        packages.find((p) => p.unknownHeaders.length)?.install.instr.line,
      );
    }
    const runtimePackages = packages.flatMap((p) => p.runtime);
    // A link to a program (`ln -s /usr/bin/python3 /usr/bin/python`) goes with the package that brings the program:
    // the runtime makes it again after its install of that package in the same RUN, and leaves it behind with a
    // package it leaves behind when nothing the image runs names it.
    const repeatedLinks: Array<(typeof a.programLinks)[number]> = [];
    for (const l of a.programLinks) {
      const name = posix.basename(l.link);
      const provides = (p: string) => providedCommands(p).includes(l.program) || alpineCommands(p).includes(l.program);
      if (packages.some((p) => p.install.instr.line === l.line && p.runtime.some(provides))) {
        repeatedLinks.push(l);
        continue;
      }
      const installed = [...a.apt.flatMap((i) => i.packages), ...a.setup.flatMap((u) => [...u.alpinePackages, ...(u.buildOnly ?? [])])];
      const kept = [...runtimePackages, ...a.setup.flatMap((u) => u.alpinePackages)].filter(provides);
      if (used.has(name) || kept.length > 0 || !installed.some(provides))
        return decline(
          "programLinkKept",
          {
            command: l.command,
            link: l.link,
            why:
              kept.length > 0
                ? `the runtime installs \`${kept[0]}\` (which brings \`${l.program}\`) again, but not in the RUN that makes the link`
                : used.has(name)
                  ? `the image runs \`${name}\``
                  : `no package the build installs brings \`${l.program}\``,
          },
          l.line,
        );
    }
    const copiedIn = stage.body.find((i) => (i.keyword === "COPY" || i.keyword === "ADD") && i.flags.some((f) => f.name === "from"));
    if (copiedIn && packages.some((p) => p.buildOnly.length > 0)) return decline("opaqueFiles", {}, copiedIn.line);
    const names = stageNames(
      stage.name,
      df.stages.slice(0, index).map((s) => s.name?.toLowerCase() ?? ""),
    );
    const takenNames = new Set([
      ...df.stages.slice(0, index).map((s) => s.name?.toLowerCase() ?? ""),
      // BuildKit compares stage names case-insensitively: `AS DEPS` takes `deps`.
      names.builderName.toLowerCase(),
      names.runtimeName?.toLowerCase() ?? "",
    ]);
    // The stages this pass writes get cache mounts unless the user turned them off (`--no-cache-mounts`).
    const cacheMounts = ctx.options.cacheMounts !== false && ctx.canUse(CONSTRUCTS.runMount);
    const harden = ctx.options.harden === true && !stage.body.some((i) => i.keyword === "USER");
    // Never added by this pass: only a declared `# syntax=` that accepts it (the engine's built-in frontend may not).
    const declared = declaredSyntax(df);
    const copyLink = declared !== null && declared !== "custom" && declared.minor >= CONSTRUCTS.copyLink.minor;
    const planned = recipe.plan(base, a, context, runtimePackages, {
      cacheMounts,
      takenNames,
      harden,
      copyLink,
      staticRuntime: String(ctx.options.staticRuntime ?? "node"),
      buildOnlyDevDeps: (ctx.options.buildOnlyDevDeps ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
      builderName: names.builderName,
    });
    // A decline names the image as written (`python:3`), not the release pin-tags will write.
    if (!planned.ok)
      return decline(
        planned.id,
        pinned && planned.data.image === base.raw
          ? { ...planned.data, image: resolveBaseArgs(df, stage.base.raw) ?? stage.base.raw }
          : planned.data,
      );
    // Only the nginx recipe repeats the removal of a file of the base image's nginx config (on the same image).
    const [removal] = a.baseRemovals;
    if (removal && recipe.id !== "nginx") return decline("unknownCommand", { command: removal.command }, removal.line);
    // A runtime of another image family (nginx for a static site) does not follow the base's arguments.
    const otherFamily = planned.plan.replacesEntry !== undefined;
    // `FROM ${BASE}`: a `--build-arg BASE=…` picks the image at build time, and no runtime image can follow it.
    const wholeArg = /^\$(\{\w+\}|\w+)$/.exec(written);
    if (wholeArg && !planned.plan.shellless && !otherFamily) return decline("argBase", { arg: wholeArg[1].replace(/[{}]/g, "") });
    const runtimeImage = official ? sameWayAs(planned.plan.image, official.prefix) : planned.plan.image;
    if (official?.arch && !runtimeImage.startsWith(official.prefix))
      return decline("archRuntime", { image: resolved, arch: official.arch, runtime: runtimeImage });
    const image = otherFamily ? runtimeImage : runtimeWithArgs(written, resolved, runtimeImage);
    if (image === null && !planned.plan.shellless) return decline("variableBase", { image: stage.base.raw });
    // Messages name images with the build arguments' defaults filled in (`node:${NODE_VERSION}-alpine` is `node:23.3.0-alpine`).
    const shownBase = resolveBaseArgs(df, stage.base.raw) ?? stage.base.raw;
    // `node:lts` → `node:lts-slim`: two moving tags, which a builder may resolve to two Node majors (foresee.ts).
    if (!pinned && recipe.id === "node" && movingNodeTag(base) && image !== null && image !== resolved)
      return decline("nodeMovingTag", { image: shownBase, runtime: image });
    const pinnedAhead = recipe.id === "node" ? "nodePinnedAhead" : "pythonPinnedAhead";
    const ahead: RecipeNote[] = pinned ? [{ line, id: pinnedAhead, data: { image: shownBase, pinned: pinned.raw } }] : [];
    // `node:${NODE_VERSION}` → `node:${NODE_VERSION}-slim`: a build-arg naming a variant (`20-alpine`) would not follow.
    const followed = !otherFamily && image !== null && written !== resolved && image.startsWith(written) && image !== written;
    if (followed) {
      const args = [...new Set([...written.matchAll(/\$\{?(\w+)\}?/g)].map((m) => `\`${m[1]}\``))].join(", ");
      ahead.push({ line, id: "runtimeFollowsArgs", data: { image, base: written, suffix: image.slice(written.length), args } });
    }
    const plan = { ...planned.plan, image: image ?? runtimeImage, notes: [...planned.plan.notes, ...ahead] };
    // The recipe leaves every Alpine package in the build stage (a static Go program): the runtime repeats no setup.
    if (plan.setupLeftInBuild) a = { ...a, setup: [] };
    if (a.rootWrite !== null && !plan.dropBuilder && !plan.rootFromContext) return decline("rootWorkdir", {}, a.rootWrite);
    const wholesale = (plan.copyPaths ?? a.copyPaths).find(isSystemDir);
    if (wholesale && a.baseDirWrite !== null) return decline("systemDir", { path: wholesale }, a.baseDirWrite);
    // The runtime makes the base's working folder anew, root's with its own mode: only root is sure to write there alike.
    const baseFolder = a.baseDirWrite !== null ? a.workdir : null;
    const userLine = stage.body.find((i) => i.keyword === "USER")?.line;
    if (baseFolder !== null && userLine !== undefined) return decline("baseFolderUser", { path: baseFolder }, userLine);
    const sameImage = plan.image === resolved;
    // Ids the image chooses (`adduser -S`): the runtime repeats the RUN and its image chooses its own, which may differ
    // in number. Only files owned by the build's numbers would then be wrong: a RUN as the user, a COPY --chown.
    // Ubuntu 24.04 and later (Temurin's JRE images) have the user `ubuntu` at 1000: a plain `useradd app` gets 1001
    // there, and 1000 on the Debian or Amazon Linux JDK it moves from (red team 20 F4).
    const ubuntuTakes1000 = recipe.id === "java" && /^eclipse-temurin:/.test(plan.image) && !/alpine|jammy|focal/.test(plan.image);
    const otherOs = !/^(eclipse-temurin|maven|gradle)$/.test(parseImageRef(resolved).name.replace(/^.*\//, ""));
    const plainUser =
      ubuntuTakes1000 && otherOs
        ? a.setup.find((u) => u.commands.some((c) => /^(useradd|adduser)\b/.test(c) && !/\s(-u|--uid)(\s|=|\d)/.test(c)))
        : undefined;
    const plainCommand = plainUser?.commands.find((c) => /^(useradd|adduser)\b/.test(c)) ?? null;
    const [chosen] = [...a.setup.filter((u) => u.chosenId !== null), ...(plainUser ? [{ ...plainUser, chosenId: plainCommand }] : [])];
    if (chosen && !sameImage) {
      const owned = buildNumberedFiles(stage.body, chosen.instr, chosen === plainUser || chosen.chosenId === plainCommand);
      if (owned)
        return decline("userIdsOwned", { command: chosen.chosenId ?? "", image: runtimeImage, evidence: owned.evidence }, owned.line);
    }
    const [apk] = a.setup.filter((u) => u.alpinePackages.length > 0);
    if (apk && !sameImage) return decline("apkOtherImage", { image: runtimeImage }, apk.instr.line);
    if (a.setup.length > 0 && plan.shellless) return decline("setupShellless", { image: runtimeImage }, a.setup[0].instr.line);
    const [timezone] = a.timezones;
    if (timezone && plan.shellless) return decline("timezoneShellless", { image: runtimeImage }, timezone.instr.line);
    const zones = timezone ? zoneFilesSource(a, packages, recipe.id, plan.image, sameImage) : null;
    if (zones === null && a.timezones.some((t) => t.readsZoneFiles))
      return decline("timezoneNoZones", { image: runtimeImage }, timezone.instr.line);
    // A runtime that copies nothing leaves the build stage dead: that is a base-image swap, not a split.
    if ((plan.copyPaths ?? a.copyPaths).length === 0) return decline("nothingCopied", { image: runtimeImage });
    // What a pattern that matched nothing here brings in the context that is built reaches only a runtime that
    // copies its folder whole.
    const wholeFolders = plan.runtimeCopies ? copyDestinations(plan.runtimeCopies(names.builderName)) : (plan.copyPaths ?? a.copyPaths);
    const unmatched = a.unmatchedCopies.find((u) => !wholeFolders.some((p) => isUnder(u.dest, p)));
    if (unmatched) return decline("copyMatchesNothing", { source: unmatched.source }, unmatched.line);

    // A runtime on the builder's own image has all its programs; only dropped packages could be missing,
    // and splitPackages keeps every package whose command the image runs.
    // An Alpine package mostly gives a command of its own name (`tini`, `curl`, `dumb-init`).
    const alpineTools = a.setup.flatMap((u) => [...u.alpinePackages, ...(u.corepackTools ?? [])]);
    const tools = [...recipe.tools, ...(plan.commands ?? []), ...(plan.providedTools ?? []), ...alpineTools];
    // On the build's own image, a full-image tool the image runs (a curl HEALTHCHECK on alpine) is missing from the
    // original too: the split changes nothing there.
    const lackedByBoth = sameImage ? [...FULL_IMAGE_TOOLS, ...FULL_IMAGE_WORDS] : [];
    // The slim image's perl is perl-base: a module outside it (`perl -MJSON::PP`) needs the full perl.
    const perlKept = runtimePackages.some((p) => /^perl(-modules-[\d.]+)?$/.test(p));
    const perl = recipe.sameBase || plan.replacesEntry || plan.shellless || sameImage || perlKept ? null : perlNeed(a, context);
    const perlLine = perl ? a.entry.find((e) => /(^|\/)perl$/.test(e.name) || e.name === perl.command)?.line : undefined;
    if (perl?.module === null)
      return decline("entryPerlScript", { command: perl.command, script: perl.script, image: runtimeImage }, perlLine);
    if (perl) return decline("entryPerlModule", { command: perl.command, module: perl.module, image: runtimeImage }, perlLine);
    const missing =
      recipe.sameBase || plan.replacesEntry ? null : missingProgram(a.entry, tools, runtimePackages, plan.shellless, lackedByBoth);
    if (missing?.parent && missing.builds)
      return decline("entryInstallBuilds", { command: missing.command, parent: missing.parent, image: runtimeImage }, missing.line);
    if (missing?.parent)
      return decline(
        missing.guessed ? "entryToolChildGuessed" : "entryToolChild",
        { command: missing.command, parent: missing.parent, package: providingPackage(missing.command), image: runtimeImage },
        missing.line,
      );
    // A script's command that the shell computes (gradlew's `"$cygwin"`, `"$JAVACMD"`) names no program to look for.
    if (missing && /[$`]/.test(missing.command)) {
      // Named by the script that runs it: the computed word alone said the same thing twice.
      const script = a.entry.find((e) => e.name === missing.command && e.line === missing.line && e.inScript)?.inScript;
      if (script) return decline("scriptCommandComputed", { script, word: missing.command }, missing.line);
      return decline("entryCommandComputed", { command: missing.command, word: missing.command }, missing.line);
    }
    if (missing) {
      // A program named like a package of package.json is that package's, which the lockfile did not install.
      const pkg = missing.id === "entryTool" ? nodeProject(a, context)?.pkg : undefined;
      const listed = { ...pkg?.dependencies, ...pkg?.devDependencies };
      const name = missing.command.replace(/^.*\//, "");
      // A package.json script already runs with node_modules/.bin on PATH: the lockfile says the package has no such program.
      const fromScript = a.entry.some((e) => e.name === missing.command && e.line === missing.line && e.from === "script");
      const inScript =
        fromScript && Object.values(pkg?.scripts ?? {}).some((s) => typeof s === "string" && s.split(/[\s;&|()]+/).includes(name));
      const id = Object.hasOwn(listed, name) ? (inScript ? "entryToolNpmScript" : "entryToolNpm") : missing.id;
      // A pip install that may bring the program reads a requirements file the context lacks: that is what to fix.
      const unreadPip = missing.id === "entryTool" && recipe.id === "python" ? pipUnreadSource(context, a) : null;
      if (unreadPip)
        return decline(
          "entryToolPipUnread",
          { command: missing.command, image: runtimeImage, source: unreadPip.source, line: String(unreadPip.line) },
          missing.line,
        );
      // A client program that no official full image has either (`pg_isready`): the original lacks it too.
      const client = id === "entryTool" ? NOT_IN_FULL_IMAGES[name] : undefined;
      if (client && !a.apt.some((x) => x.packages.some((p) => packageName(p).startsWith(client.replace(/^default-/, "")))))
        return decline(
          "entryToolOriginalLacks",
          { command: missing.command, original: shownBase, image: runtimeImage, package: client },
          missing.line,
        );
      return decline(id, { command: missing.command, image: runtimeImage }, missing.line);
    }
    // Tools of the full base image that the slim runtime lacks, and that the sources run.
    // On the build's own image the runtime lacks only what a dropped package brought, and splitPackages keeps those the sources name.
    const lacked =
      recipe.sameBase || recipe.slimTwin || plan.replacesEntry || sameImage
        ? null
        : lackedTools(tools, runtimePackages, plan.shellless, recipe.toolchain);
    // Only the files the entry reaches count (a build script's `git` runs in the build stage alone); where the walk
    // loses the thread, every source file does.
    const roots = a.entry.map((e) => e.name);
    // A Node app may load a committed `dist`, `build` or `vendor` folder as it is: its programs count too.
    const searched =
      lacked && recipe.id === "node"
        ? searchedSources(context, true)
        : lacked && recipe.id === "python"
          ? [...searchedSources(context), ...inlinePythonCode(a.stage)]
          : undefined;
    const everywhere = lacked
      ? mentionedCommands(context, lacked.named, lacked.called, roots, undefined, searched)
      : new Map<string, string>();
    const [wide] = everywhere;
    const project = wide && recipe.id === "node" ? nodeProject(a, context) : null;
    const reach = project ? nodeEntryReach(a, project, context, searched ?? searchedSources(context)) : null;
    // A Python project's setup.py runs only under pip, in the build stage, when nothing names it.
    const setupOnly = wide && recipe.id === "python" ? pythonBuildOnly(a, searchedSources(context)) : new Set<string>();
    const scope = reach ? reach.files : setupOnly.size > 0 ? { except: setupOnly } : null;
    const [reached] = wide && scope ? mentionedCommands(context, lacked?.named ?? [], lacked?.called ?? [], roots, scope, searched) : [];
    if (!reached && wide && reach && !reach.ok)
      return decline("sourceToolReachUnknown", { command: wide[0], file: wide[1], image: runtimeImage, lost: reach.lost });
    const tool = scope ? reached : wide;
    const ownToolchain = (c: string) => [...(recipe.toolchain?.named ?? []), ...(recipe.toolchain?.called ?? [])].includes(c);
    if (tool && ownToolchain(tool[0])) return decline("toolchainTool", { command: tool[0], file: tool[1], image: runtimeImage });
    if (tool)
      return decline(plan.shellless ? "sourceToolShellless" : "sourceTool", { command: tool[0], file: tool[1], image: runtimeImage });
    // Found nothing in files that are not all the context holds: no evidence that nothing runs those tools.
    const unread =
      lacked && (lacked.named.length > 0 || lacked.called.length > 0) ? unreadSources(searched ?? searchedSources(context)) : null;
    if (unread) return decline("sourcesUnread", { reason: unread, image: runtimeImage });
    const computedDecline = (c: { readonly file: string; readonly line: number; readonly call: string }) =>
      decline("sourceProgramComputed", { file: c.file, line: String(c.line), call: c.call, image: runtimeImage });
    // A program a Node file computes when it runs (`execSync(process.env.VCS + " log")`) may be one the runtime
    // lacks: it counts in the files the entry reaches, or in every file where that cannot be told.
    const computed = lacked && lacked.named.length > 0 && searched ? computedProgram(searched) : null;
    if (computed) {
      const own = reach ? null : nodeProject(a, context);
      const from = reach ?? (own ? nodeEntryReach(a, own, context, searched ?? []) : null);
      const inReach = from?.ok ? computedProgram((searched ?? []).filter((f) => from.files.has(f.path))) : computed;
      if (inReach) return computedDecline(inReach);
    }
    // A Go program that computes the program it runs (`exec.Command(os.Getenv("TOOL"))`) counts the same way.
    const goComputed = lacked && lacked.named.length > 0 && recipe.id === "go" ? goComputedProgram(searchedSources(context)) : null;
    if (goComputed) return computedDecline(goComputed);
    // A Python file that computes the program it runs (`subprocess.run([os.environ["TOOL"], …])`) counts the same
    // way, in every file but a setup.py that only pip runs.
    const pyComputed =
      lacked && lacked.named.length > 0 && recipe.id === "python"
        ? pythonComputedProgram(
            ((sources) => {
              const pipOnly = setupOnly.size > 0 ? setupOnly : pythonBuildOnly(a, sources);
              return sources.filter((f) => !pipOnly.has(f.path));
            })(searchedSources(context)),
          )
        : null;
    if (pyComputed) return computedDecline(pyComputed);
    // Tools only files the entry does not reach run: the note says why the runtime goes without them.
    const buildOnlyTools = tool ? [] : [...everywhere].map(([command, file]) => ({ command, file, setup: setupOnly.has(file) }));
    // Libraries the sources load by name (ctypes, FFI): the runtime must bring them, reinstalled or in its prelude.
    const reinstalled = [...runtimePackages, ...plan.runtimePrelude.flatMap((i) => (i.keyword === "RUN" ? i.args.split(/\s+/) : []))];
    // On the slim twin only a `-dev` package's link can be missing (the runtime leaves the headers out).
    const [load] = lacked
      ? libraryLoads(context).filter((l) => l.library === null || isUnversioned(l.library) || !packageBrings(l.library, reinstalled))
      : recipe.slimTwin && !sameImage
        ? libraryLoads(context).filter((l) => l.library !== null && isUnversioned(l.library))
        : [];
    if (load)
      return decline(
        load.library === null ? "sourceLibraryComputed" : isUnversioned(load.library) ? "sourceLibraryUnversioned" : "sourceLibrary",
        {
          file: load.file,
          library: load.library ?? "",
          image: runtimeImage,
          // What loads it, by the file's language.
          how: /\.py$/.test(load.file)
            ? "with ctypes"
            : /\.(c|cc|cpp|cxx|h|hpp)$/.test(load.file)
              ? "with `dlopen`"
              : "through an FFI module",
        },
      );
    // `find_library("yaml")` answers on the runtime only through ldconfig (no gcc, no `-dev` link there).
    const find =
      lacked || (recipe.slimTwin && !sameImage)
        ? libraryLoads(context).find(
            (l) => l.find && l.library !== null && !l.library.includes(".so") && !findsLibrary(l.library, reinstalled),
          )
        : undefined;
    if (find) return decline("sourceFindLibrary", { file: find.file, library: find.library ?? "", image: runtimeImage });

    const runtimeApt = new Map(packages.map((p) => [p.install.instr, p.runtime]));
    // The repeated time zone setup writes /etc, as root: a user set before it could not.
    const zoneAsRoot = timezone && !stage.body.some((i) => i.keyword === "USER");
    const hardening =
      ctx.options.harden !== true
        ? null
        : zoneAsRoot
          ? { reason: `the runtime sets the time zone again (line ${timezone.instr.line}), which writes \`/etc\` as root` }
          : hardeningUser(stage, plan, context);
    if (hardening && "reason" in hardening) ctx.decline(line, "notHardened", { reason: hardening.reason });
    const user = hardening && "user" in hardening ? hardening.user : null;
    const runtimePrelude = user ? plan.runtimePrelude.filter((i) => i.keyword !== "USER") : plan.runtimePrelude;
    // A folder the build gave away with `chown -R` keeps its owner. The layered Node runtime gives the working
    // folder its owner itself; its other copies from the build (a `/data` outside it) take the owner here.
    const wd = a.workdir ?? "/";
    const ownCopies = plan.runtimeCopies
      ? copyDestinations(
          plan
            .runtimeCopies(names.builderName)
            .filter(
              (c) => c.flags.some((f) => f.name === "from" && f.value === names.builderName) && !c.flags.some((f) => f.name === "chown"),
            ),
        ).filter((p) => !isUnder(p, wd) && !isUnder(wd, p))
      : (plan.copyPaths ?? a.copyPaths);
    // Notes wait until the split is sure (a build argument's paths are checked on the assembled file).
    const later: Array<() => void> = repeatedLinks.map(
      (l) => () => ctx.report(l.line, "programLinkRepeated", { link: l.link, program: l.program }),
    );
    const owners = new Map<string, string>();
    for (const path of user ? [] : ownCopies) {
      const owned = chownedFolder(a, path);
      if (!owned) continue;
      if (![...owners.values()].includes(owned.owner))
        later.push(() => ctx.report(line, "ownerKept", { path: owned.folder, owner: owned.owner }));
      owners.set(path, owned.owner);
    }
    // A folder the build made and gave an owner or mode: a shell runtime makes it the same way before its copies
    // (a COPY into a folder that exists keeps the folder's owner and mode); a shell-less one can only copy an
    // empty folder with `--chown`.
    // The recipe's own copies (the layered Node runtime's) make their destinations the same way.
    const copied = plan.runtimeCopies ? copyDestinations(plan.runtimeCopies(names.builderName)) : (plan.copyPaths ?? a.copyPaths);
    const folderRuns = [];
    for (const [folder, modes] of lostFolderModes(a, copied)) {
      const commands = modes.map((m) => `\`${m.command}\``).join(", ");
      const words = [folder, ...modes.map((m) => m.value)].every((w) => /^[\w./:@+=,-]+$/.test(w));
      const owner = modes.every((m) => m.change === "chown" && /^\d+(:\d+)?$/.test(m.value)) ? modes[modes.length - 1].value : null;
      if (words && !plan.shellless) {
        folderRuns.push(setupRun([`mkdir -p ${folder}`, ...modes.map((m) => `${m.change} ${m.value} ${folder}`)], modes[0].line));
        later.push(() => ctx.report(modes[0].line, "folderModeRepeated", { path: folder, commands }));
      } else if (
        owner !== null &&
        !user &&
        !plan.runtimeCopies &&
        (plan.copyPaths ?? a.copyPaths).includes(folder) &&
        emptyFolder(a, folder)
      ) {
        owners.set(folder, owner);
        later.push(() => ctx.report(modes[0].line, "ownerKept", { path: folder, owner }));
      } else {
        const reason = words
          ? `\`${runtimeImage}\` has no shell to make it first (only an empty folder with a numeric owner can be copied, with \`--chown\`)`
          : "the command is not written literally, so the runtime cannot repeat it";
        return decline("folderModeLost", { commands, path: folder, reason }, modes[0].line);
      }
    }
    // A path the build context holds (a config folder) before one only the build makes (the classes): the copies
    // from the build stage are cached while their files' contents stay the same, so an edit that changes what the
    // build makes re-runs only the copies from it on. Only disjoint paths: then the order changes nothing in the image.
    const inContext = (p: string) => {
      const src = contextSource(p, a.sources);
      return src !== null && context.exists(src);
    };
    const listed = plan.copyPaths ?? a.copyPaths;
    const disjoint = listed.every((p, i) => listed.every((q, j) => i === j || (!isUnder(p, q) && !isUnder(q, p))));
    // Python's package folders last of all: a local project that pip installs after the sources changes them on
    // every edit, while `bin`, `etc` and `share` stay the same.
    const packageFolder = (p: string) => /\/(site|dist)-package(s|\[s\])$/.test(p);
    // Then by the step that last wrote each (copy-order.ts): what a RUN made before the sources came in first.
    const copyPaths =
      plan.runtimeCopies || !disjoint
        ? plan.copyPaths
        : editOrder(a, [
            ...listed.filter(inContext),
            ...listed.filter((p) => !inContext(p) && !packageFolder(p)),
            ...listed.filter((p) => !inContext(p) && packageFolder(p)),
          ]);
    const finalPlan = { ...plan, copyPaths, runtimePrelude: [...folderRuns, ...runtimePrelude] };
    const assembly = { ...names, runtimeApt, user, owners };
    const { lost } = setupOrder(a, finalPlan, assembly);
    if (lost) return decline("userIdsOrder", { command: lost.chosenId ?? "" }, lost.instr.line);
    const assembled = assemble(df, index, a, finalPlan, assembly);
    // The pass's own `apt-get update` on a release gone from Debian's mirror fails where the original installed nothing.
    for (const st of assembled.stages.filter((s) => !df.stages.includes(s))) {
      const release = archivedRelease(parseImageRef(resolveBaseArgs(assembled, st.base.raw) ?? st.base.raw));
      const packages = release === null ? [] : st.body.flatMap((i) => ownAptPackages(i) ?? []);
      if (release !== null && packages.length > 0)
        return decline("archivedRelease", {
          image: resolveBaseArgs(assembled, st.base.raw) ?? st.base.raw,
          release,
          packages: packages.map((p) => `\`${p}\``).join(", "),
        });
    }
    const kept = keepArgPaths(assembled, df, index, a);
    if (!kept.ok) {
      const arg = a.argPaths[0];
      return decline("argPathNotKept", { path: arg.path, arg: arg.arg, value: arg.value, reason: kept.reason }, arg.line);
    }
    for (const note of later) note();
    const out = keepComments(kept.df, stage);
    if (a.argPaths.length > 0) {
      const arg = a.argPaths[0];
      ctx.report(arg.line, "argPathKept", { path: arg.path, arg: arg.arg });
    }
    for (const b of a.argBranches) ctx.report(b.line, "argBranch", { arg: b.arg, value: b.value });
    const paths = (plan.copyPaths ?? a.copyPaths).map((p) => `\`${p}\``).join(", ");
    const runtime = names.runtimeName ? `stage \`${names.runtimeName}\`` : "an unnamed final stage";
    if (plan.copiedWhat) {
      const builder = plan.dropBuilder ? "" : `; stage \`${names.builderName}\` keeps the recipe`;
      ctx.report(line, "splitLayered", { runtime, image: runtimeImage, what: plan.copiedWhat, builder });
    } else {
      ctx.report(line, "split", { builder: names.builderName, runtime, image: runtimeImage, paths });
    }
    for (const t of buildOnlyTools)
      ctx.report(line, t.setup ? "buildOnlyToolSetup" : "buildOnlyTool", { command: t.command, file: t.file, image: runtimeImage });
    // What verify may see differ: the runtime's own base (its env, labels, files) and what was left in the builder.
    const prunesDevDependencies =
      plan.notes.some((n) => n.id === "pruned" || n.id === "prunedStage" || n.id === "depsStage") ||
      (recipe.id === "node" && plan.copiedWhat !== undefined);
    ctx.intend("runtime-base", {
      build: base.raw,
      runtime: plan.image,
      // The layered Node runtime takes node_modules only from a production install (or none at all).
      dropped: [
        ...packages.flatMap((p) => p.buildOnly),
        ...a.setup.flatMap((u) => u.buildOnly ?? []),
        ...(prunesDevDependencies ? ["devDependencies"] : []),
      ],
      // Files under these folders were written into a cache mount: build-only, not in the image.
      buildCaches: plan.buildCaches ?? [],
      hardened: user ? "true" : "false",
      ...(baseFolder !== null ? { baseFolder } : {}),
    });
    for (const p of packages) {
      const list = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(", ");
      const gyp = p.buildOnly.filter((x) => gypPython.has(x.replace(/[=:].*$/, "")));
      const others = p.buildOnly.filter((x) => !gyp.includes(x));
      if (others.length > 0) ctx.report(p.install.instr.line, "dropped", { packages: list(others) });
      if (gyp.length > 0) ctx.report(p.install.instr.line, "droppedGypPython", { packages: list(gyp) });
      if (p.runtime.length > 0) ctx.report(p.install.instr.line, "reinstalled", { packages: list(p.runtime) });
      // A build-only package kept for a command the image may run: the evidence, in the note.
      for (const spec of p.runtime) {
        const name = spec.replace(/[=:].*$/, "");
        const command = isBuildOnlyPackage(name) ? providedCommands(name).find((c) => used.has(c)) : undefined;
        if (command === undefined) continue;
        const file = entryNamed.has(command) ? undefined : namedBy.get(command);
        if (file === undefined) ctx.report(p.install.instr.line, "keptForEntry", { package: name, command });
        else ctx.report(p.install.instr.line, "keptForMention", { package: name, command, file });
      }
      const headers = p.buildOnly.filter(
        (x) =>
          release !== null &&
          libsOfDev(x.replace(/[=:].*$/, ""), release) !== null &&
          !(ownPython && isDebianPythonHeaders(x.replace(/[=:].*$/, ""))),
      );
      if (headers.length > 0 && release !== null) {
        const libs = headers.flatMap((h) => libsOfDev(h.replace(/[=:].*$/, ""), release) ?? []);
        ctx.report(p.install.instr.line, "libraries", { libs: list([...new Set(libs)]), headers: list(headers), release });
      }
    }
    if (chosen && !sameImage)
      ctx.report(chosen.instr.line, "userIdsChosen", {
        line: String(chosen.instr.line),
        image: runtimeImage,
        command: chosen.chosenId ?? "",
      });
    const users = a.setup.filter((u) => u.users);
    if (users.length > 0) ctx.report(users[0].instr.line, "usersCreated", { lines: users.map((u) => u.instr.line).join(", ") });
    const argUsers = users.filter((u) => (u.args ?? []).length > 0);
    if (argUsers.length > 0)
      ctx.report(argUsers[0].instr.line, "setupArgs", {
        args: [...new Set(argUsers.flatMap((u) => u.args ?? []))].map((i) => `\`ARG ${i.args.trim()}\``).join(", "),
        lines: argUsers.map((u) => u.instr.line).join(", "),
      });
    const folders = a.setup.filter((u) => u.folders);
    if (folders.length > 0) ctx.report(folders[0].instr.line, "foldersMade", { lines: folders.map((u) => u.instr.line).join(", ") });
    const corepack = a.setup.filter((u) => u.commands.some((c) => c.startsWith("corepack ")));
    if (corepack.length > 0)
      ctx.report(corepack[0].instr.line, "corepackRepeated", { lines: corepack.map((u) => u.instr.line).join(", ") });
    if (timezone)
      ctx.report(timezone.instr.line, "timezoneRepeated", {
        lines: a.timezones.map((t) => t.instr.line).join(", "),
        zones: zones ?? "it names the zone only, so the zone files are not needed",
      });
    const upgrades = a.setup.filter((u) => u.upgrades);
    if (upgrades.length > 0) ctx.report(upgrades[0].instr.line, "upgradeRepeated", { lines: upgrades.map((u) => u.instr.line).join(", ") });
    const leftOut = a.setup.filter((u) => (u.buildOnly ?? []).length > 0);
    if (leftOut.length > 0) {
      const packages = [...new Set(leftOut.flatMap((u) => u.buildOnly ?? []))].map((p) => `\`${p}\``).join(", ");
      ctx.report(leftOut[0].instr.line, "apkBuildOnly", { packages });
    }
    const apks = a.setup.filter((u) => u.alpinePackages.length > 0);
    if (apks.length > 0) {
      const packages = [...new Set(apks.flatMap((u) => u.alpinePackages))].map((p) => `\`${p}\``).join(", ");
      ctx.report(apks[0].instr.line, "apkRepeated", { packages, lines: apks.map((u) => u.instr.line).join(", ") });
    }
    for (const n of plan.notes) ctx.report(n.line, n.id, n.id === "distroless" && user ? { user: "" } : n.data);
    if (recipe.id === "node" && ctx.options.staticRuntime === "nginx" && !plan.replacesEntry)
      ctx.report(line, "staticRuntimeNotStatic", {});
    if (user) ctx.report(stage.body[a.lastBuild].line, "hardened", { user: user.name });
    return out;

    function decline(id: Parameters<typeof ctx.decline>[1], data: Record<string, string> = {}, at = line) {
      ctx.decline(at, id, data);
      return df;
    }
  },
});

/** The package.json `scripts` of the workspace packages of the project in context folder `dir`, by folder relative to it. */
function workspaceScripts(context: BuildContext, dir: string): Map<string, Readonly<Record<string, unknown>>> {
  const found = new Map<string, Readonly<Record<string, unknown>>>();
  for (const folder of workspacePackages(context, dir).values()) {
    try {
      const scripts = JSON.parse(context.read(`${folder}/package.json`) ?? "null")?.scripts;
      if (scripts && typeof scripts === "object") found.set(posix.relative(dir === "." ? "" : dir, folder), scripts);
    } catch {
      // Not read: workspacePackages read it already.
    }
  }
  return found;
}

/** The first COPY/ADD of stage `index` that takes files from an earlier stage, with that stage's name. */
function copiedFromEarlier(df: Dockerfile, index: number): { stage: string; line: number } | null {
  for (const instr of df.stages[index].body) {
    if (instr.keyword !== "COPY" && instr.keyword !== "ADD") continue;
    const from = instr.flags.find((f) => f.name === "from")?.value;
    if (from && stageIndex(df, from, index) >= 0) return { stage: from, line: instr.line };
  }
  return null;
}

/** Does the stage's entry (CMD or ENTRYPOINT, the first word) run uv? */
function entryRunsUv(stage: Stage): boolean {
  const entry = stage.body.filter((i) => i.keyword === "ENTRYPOINT" || i.keyword === "CMD").at(-1);
  if (!entry) return false;
  const first = entry.exec ? entry.exec[0] : entry.args.trim().split(/\s+/)[0];
  return first === "uv" || first === "/bin/uv" || first === "/usr/local/bin/uv";
}

/** Does any RUN of the stage install OS packages (apt, apk)? */
function installsOsPackages(stage: Stage): boolean {
  return stage.body.some((i) => i.keyword === "RUN" && /\bapt(-get)?\s+(\S+\s+)*install\b|\bapk\s+add\b/.test(i.args));
}

/**
 * Client programs no official full image has (buildpack-deps installs the libraries, `libpq-dev`,
 * `default-libmysqlclient-dev`, not the clients), with the Debian package that brings each.
 */
const NOT_IN_FULL_IMAGES: Readonly<Record<string, string>> = {
  pg_isready: "postgresql-client",
  psql: "postgresql-client",
  pg_dump: "postgresql-client",
  mysql: "default-mysql-client",
  mysqladmin: "default-mysql-client",
  "redis-cli": "redis-tools",
};

/**
 * Where the runtime's `/usr/share/zoneinfo` comes from when it sets the time zone again, or null when nothing
 * shows it has one: the build's own image; its own install of `tzdata`, repeated in place before the setup; an
 * official Python slim image, which installs `tzdata` itself (docker-library/python, since 2020-11, PEP 615); or an
 * official image of a Debian release whose `tzdata` is required (distroless ones are shell-less: declined before).
 */
function zoneFilesSource(
  a: Analysis,
  packages: ReadonlyArray<{ install: AptInstall; runtime: readonly string[] }>,
  recipe: string,
  image: string,
  sameImage: boolean,
): string | null {
  if (sameImage) return "the runtime is the build's own image, with its zone files";
  const firstReader = Math.min(...a.timezones.filter((t) => t.readsZoneFiles).map((t) => a.stage.body.indexOf(t.instr)));
  const tzdata = packages.find(
    (p) => p.runtime.some((x) => x.replace(/[=:].*$/, "") === "tzdata") && a.stage.body.indexOf(p.install.instr) <= firstReader,
  );
  if (tzdata)
    return `the zone files come from \`tzdata\`, which the runtime installs before, as the build did on line ${tzdata.install.instr.line}`;
  if (recipe === "python" && /-slim/.test(image))
    return `the zone files come from \`tzdata\`, which the official Python slim image \`${image}\` installs`;
  if (recipe === "java" && /^eclipse-temurin:/.test(image) && !/alpine/.test(image))
    return `the zone files come from \`tzdata\`, which the Temurin image \`${image}\` installs`;
  // An official Debian image (debian:*-slim, node:*-slim, nginx) of a release where tzdata is required has them.
  const ref = parseImageRef(image);
  const release = officialImage(ref) ? debianRelease(ref) : null;
  if (release !== null && ZONE_FILES_RELEASES.has(release))
    return `the zone files come from \`tzdata\`, which Debian ${release} marks required, so \`${image}\` has it`;
  return null;
}

/**
 * An official image the recipe names bare (`node:20-slim`, `debian:bookworm-slim`), written the way the build's base
 * was (`public.ecr.aws/docker/library/`, `arm64v8/`): the same registry serves it, built for the same architecture.
 * An image with a path of its own (the build's base as written, `gcr.io/distroless/…`) is left as it is.
 */
function sameWayAs(image: string, prefix: string): string {
  return image.includes("/") ? image : `${prefix}${image}`;
}

/**
 * Files the build gives the numeric ids of a user it created (their numbers chosen by the build image): written by
 * a RUN after a `USER` other than root, or copied with `--chown`. Null when every file is root's (or owned by name
 * through the runtime's own `--chown`, which names the user).
 */
function buildNumberedFiles(
  body: readonly Instruction[],
  creating: Instruction,
  /** A RUN's `chown` to a user name counts too (its files carry the number the build image gave that name). */
  chownByName = false,
): { line: number; evidence: string } | null {
  let asUser: string | null = null;
  for (const instr of body.slice(body.indexOf(creating) + 1)) {
    if (chownByName && instr.keyword === "RUN" && /(^|[\s;&|(])chown\s+(-\w+\s+)*(?!root\b|0\b)[\w$]/.test(instr.args))
      return {
        line: instr.line,
        evidence: `line ${instr.line} gives files an owner with \`chown\`, so they carry the build's numbers into the runtime's copies`,
      };
    if (instr.keyword === "USER") {
      asUser = /^(root|0)(:.*)?$/.test(instr.args.trim()) ? null : instr.args.trim();
      if (asUser !== null && /^\d+(:|$)|:\d+$/.test(asUser))
        return { line: instr.line, evidence: `the image runs as \`USER ${asUser}\`, numbers the build image chose for them` };
    } else if (instr.keyword === "RUN" && asUser !== null)
      return {
        line: instr.line,
        evidence: `line ${instr.line} runs as \`${asUser}\`, so what it writes carries the build's numbers into the runtime's copies`,
      };
    else if ((instr.keyword === "COPY" || instr.keyword === "ADD") && instr.flags.some((f) => f.name === "chown"))
      return {
        line: instr.line,
        evidence: `line ${instr.line} copies with \`--chown\`, so its files carry the build's numbers into the runtime's copies`,
      };
  }
  return null;
}
