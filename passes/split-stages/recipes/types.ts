// The shape of a runtime recipe: one small, data-driven file per ecosystem under passes/split-stages/recipes/.
import type { BuildContext } from "../../../src/core/context.js";
import type { ImageRef, Instruction, Stage } from "../../../src/core/ir.js";
import { officialName } from "../../../src/core/image-ref.js";
import type { Analysis } from "../analysis.js";
import type { PackagePolicy } from "../packages.js";

export type RecipeRefusalId =
  | "alreadySlim"
  | "systemDir"
  | "npmCiNoLockfile"
  | "alreadySlimDevKept"
  | "alreadySlimDevLibraries"
  | "alreadySlimNotLayered"
  | "noRuntimeImage"
  | "nothingToGain"
  | "nginxAlpinePackages"
  | "nothingServed"
  | "folderModeLost"
  | "javaHomePath"
  | "javaShellBash"
  | "pythonVersion"
  | "cgoLibrary"
  | "goGeneratedRead"
  | "goToolchainLoad"
  | "gccRuntimeRelease"
  | "gccImageRelease"
  | "gccLinksUnread"
  | "gccLibraryUnknown"
  | "gccRuntimeOther"
  | "gccRuntimePlatform"
  | "entryScriptComputed"
  | "nothingBuildOnly"
  | "extensionLibrary"
  | "compiledLibrary"
  | "compiledLinksUnread"
  | "nativeUnknown"
  | "nativeOutside"
  | "pipLibraryRelease"
  | "pipSourceUnread"
  | "pythonRuntimeCompile"
  | "pythonSystemFont"
  | "pythonTk"
  | "pythonTkProject"
  | "goAlpineNotStatic"
  | "alpinePackages"
  | "globalInstall"
  | "globalInstallNotLayered"
  | "staticRuntimeBlocked"
  | "workspaceGlob"
  | "yarnGlobalPnp"
  | "modulesMoved"
  | "workspaceScript"
  | "workspaceBin"
  | "nativeOptionalUnknown"
  | "pnpmWorkspace"
  | "yarnWorkspaces"
  | "rustAlpine"
  | "rustRelease"
  | "javaSourceLauncher"
  | "javaJdkTool"
  | "rustNoManifest"
  | "rustWorkspace"
  | "rustCargoCommand"
  | "rustCargoRun"
  | "rustEntryNotBuilt"
  | "goEntryNotBuilt"
  | "goEntryFromImage"
  | "rustComputedPath"
  | "rustSysCrate"
  | "rustLinkUnknown"
  | "rustLibraryRelease"
  | "rustNoLock"
  | "javaOpenJ9"
  | "javaRuntimeUnknown"
  | "javaUserMissing";
/** Why the runtime takes the whole working folder (node-runtime-layout.ts) or a build's outputs are unknown. */
export type OutputsReasonId =
  | "filesHostModules"
  | "filesRelativeCopy"
  | "filesNoOutputs"
  | "filesChecksOnly"
  | "outputsNoWorkdir"
  | "outputsRunForm"
  | "outputsBeforeInstall"
  | "outputsOutsideWorkdir"
  | "outputsScriptsDeep"
  | "outputsUnparsed"
  | "outputsRedirect"
  | "outputsComputedWord"
  | "outputsElsewhere"
  | "outputsNotScriptRun"
  | "outputsNoScriptName"
  | "outputsNpxFlag"
  | "outputsRunAllNone"
  | "outputsScriptMissing"
  | "outputsScriptLoop"
  | "outputsPnpmPrePost"
  | "outputsWritesOutside"
  | "outputsRemoves"
  | "outputsCheckWrites"
  | "outputsNotABuild"
  | "outputsUnknownTool"
  | "outputsPrismaSchema"
  | "outputsComputedArg"
  | "outputsToolOutside"
  | "outputsToolOption"
  | "outputsConfigUnreadable"
  | "outputsConfigComputes"
  | "outputsConfigSets"
  | "outputsConfigLoads"
  | "outputsEnvSets"
  | "outputsComputedPath"
  | "outputsBuildRunsWriter"
  | "outputsTscSources"
  | "outputsTsconfigNoOutDir"
  | "outputsStdout"
  | "outputsFlagMissing"
  | "outputsNoAngularJson"
  | "outputsAngularOutside"
  | "outputsSystemFolder";
export type RecipeNoteId =
  | OutputsReasonId
  | "pruned"
  | "prunedStage"
  | "folderModeRepeated"
  | "staticGo"
  | "distroless"
  | "keptDevDeps"
  | "keptDevLibraries"
  | "gccDependedLibraries"
  | "pythonFontPackage"
  | "devPrunedByOption"
  | "sitePackages"
  | "goCache"
  | "goCacheRead"
  | "goFiles"
  | "gccRuntime"
  | "gccImageRuntime"
  | "gccImageLibraries"
  | "gccCaCertificates"
  | "goWholeFolder"
  | "goOwnedFolder"
  | "goFlagCgo"
  | "goFlagLoader"
  | "cgoKept"
  | "javaVendor"
  | "javaFiles"
  | "depsStage"
  | "depsStageAll"
  | "noLockfile"
  | "osNeeds"
  | "extensionImageLibraries"
  | "rustLinkedLibraries"
  | "pipAbsentBoth"
  | "programAbsentBoth"
  | "systemBrowser"
  | "goAlpineStatic"
  | "globalRuntime"
  | "globalBuildOnly"
  | "entryPackage"
  | "ownerKept"
  | "sitePackagesEither"
  | "filesStage"
  | "filesAside"
  | "filesAsideCopies"
  | "filesStageWhy"
  | "depsLeftOut"
  | "staticNginx"
  | "staticRuntimeNotStatic"
  | "workspaceManifests"
  | "osNeedsDev"
  | "osNeedsGlobal"
  | "systemCaStore"
  | "lockfileNotRead"
  | "lockfileRewritten"
  | "lockfileRemoved"
  | "staticSiteOnly"
  | "buildCache"
  | "depsCache"
  | "compiledSourcesLeft"
  | "gitHookScripts"
  | "prismaGenerateScripts"
  | "checksLeftOut"
  | "staticSiteLocal"
  | "pnpmWorkspaceWhole"
  | "yarnWorkspacesWhole"
  | "checksGate"
  | "rustFiles"
  | "rustWholeFolder"
  | "rustOlderRelease"
  | "rustNoDependencies"
  | "rustLibraries"
  | "rustCaCertificates"
  | "rustPath"
  | "rustCache"
  | "npmNotifierStamp"
  | "npmNotifierStampBuild"
  | "pythonPinnedAhead"
  | "nodePinnedAhead"
  | "runtimeFollowsArgs"
  | "goShellRuntime"
  | "goSystemFiles"
  | "gccSourcesLeft"
  | "baseFilesRemoved"
  | "pythonStdlibCompile"
  | "goBinPath"
  | "goPathKept";

/** Settings the recipes read (from the pass options and the syntax policy). */
export interface RecipeOptions {
  /** BuildKit cache mounts may be used for package-manager caches. */
  readonly cacheMounts: boolean;
  /** Stage names in use (lower case): earlier stages, the builder and the runtime. */
  readonly takenNames: ReadonlySet<string>;
  /** The runtime will run as a non-root user (option `harden`). */
  readonly harden: boolean;
  /** `COPY --link` is allowed: the file already declares a syntax (frontend) that accepts it. */
  readonly copyLink?: boolean;
  /** Where a static front-end served by a Node static server runs: `node` (as written) or `nginx` (opt-in). */
  readonly staticRuntime?: string;
  /** devDependencies the user asserts the runtime never loads (option `build-only-dev-deps`). */
  readonly buildOnlyDevDeps?: readonly string[];
  /** The name the build stage gets, for a runtime prelude that copies from it. */
  readonly builderName?: string;
}

export interface RecipeNote {
  readonly line: number;
  readonly id: RecipeNoteId;
  readonly data: Readonly<Record<string, string>>;
}

export interface RecipePlan {
  /** The runtime base image reference, same family and version as the builder's. */
  readonly image: string;
  /** The runtime has no shell (distroless): only exec-form entries that run a copied binary. */
  readonly shellless: boolean;
  /** Instructions to insert in the build stage before the body index given (body.length: at the end). */
  readonly builderInserts: ReadonlyArray<{ readonly before: number; readonly instructions: readonly Instruction[] }>;
  /**
   * The last body index the build stage keeps, when the runtime copies nothing later steps write (a global CLI
   * installed after the build that the runtime installs itself): a source edit then re-runs none of them.
   */
  readonly builderEnd?: number;
  /** Build-stage instructions replaced, by body index (a RUN given cache mounts). */
  readonly builderReplace?: ReadonlyMap<number, Instruction>;
  /** Build-stage folders on cache mounts (absolute): a tool's cache, never in the image. */
  readonly buildCaches?: readonly string[];
  /** The paths to copy when the recipe knows better than "everything the build wrote" (nginx). */
  readonly copyPaths?: readonly string[];
  /** Commands the copied paths bring (console scripts of packages pip installed outside a venv). */
  readonly commands?: readonly string[];
  /** A non-root user the runtime image already has, for hardening (`node`, distroless `nonroot`). */
  readonly nonRootUser?: { readonly name: string; readonly chown: string };
  /** Instructions that open the runtime stage (restoring what the builder's base image set). */
  readonly runtimePrelude: readonly Instruction[];
  readonly notes: readonly RecipeNote[];
  /** Stages placed between the builder and the runtime (a production-dependencies stage). */
  readonly stagesBefore?: (builder: string) => readonly Stage[];
  /** The runtime's copies, placed where the last build step was, instead of "every path the build wrote". */
  readonly runtimeCopies?: (builder: string) => readonly Instruction[];
  /** The copies open the runtime (before a replayed WORKDIR creates their folder owned by root). */
  readonly copiesFirst?: boolean;
  /**
   * Hardened, the copies stay where the original made them: the plan's first copy already creates the working
   * folder owned by the non-root user, and each copy gives its files to that user.
   */
  readonly copiesInPlace?: boolean;
  /** The runtime needs nothing from the builder, which is then left out. */
  readonly dropBuilder?: boolean;
  /** What the stage wrote into `/` itself (no WORKDIR) comes from the build context again, never from the builder. */
  readonly rootFromContext?: boolean;
  /** The Alpine packages the stage adds, all build-only: the runtime repeats none of the stage's setup. */
  readonly setupLeftInBuild?: readonly string[];
  /** Commands the runtime stage installs itself (global CLIs, OS packages). */
  readonly providedTools?: readonly string[];
  /** The runtime's own CMD, replacing the original ENTRYPOINT/CMD (another server runs the same site). */
  readonly replacesEntry?: Instruction;
  /** Words for the split note: what the runtime takes from where. */
  readonly copiedWhat?: string;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: RecipePlan }
  | { readonly ok: false; readonly id: RecipeRefusalId; readonly data: Readonly<Record<string, string>> };

export interface Recipe {
  readonly id: string;
  /** Does this recipe know the builder's base image? */
  matches(base: ImageRef): boolean;
  /** Commands the runtime image provides besides the Debian base tools (and the copied files). */
  readonly tools: readonly string[];
  /**
   * Commands of the build image's own toolchain that the runtime lacks (`go`, `gofmt` of the golang image), searched
   * for in the sources like the full image's tools: `named` a quoted mention shows used, `called` only a call.
   */
  readonly toolchain?: { readonly named: readonly string[]; readonly called: readonly string[] };
  /** Which installed OS packages count as build-only (default `listed`). */
  readonly packagePolicy?: PackagePolicy;
  /** The recipe copies what `pip install` wrote outside a virtualenv (Analysis.systemPip). */
  readonly systemPip?: boolean;
  /** The runtime base is the builder's own image, so the stage may inherit its ENTRYPOINT/CMD. */
  readonly sameBase?: boolean;
  /**
   * The runtime is the base image's own slim variant (`debian:bookworm` → `debian:bookworm-slim`), which leaves out
   * documentation and locales, not programs or libraries: nothing the sources run or load can be lacking there.
   */
  readonly slimTwin?: boolean;
  /** The runtime image sets the same ENTRYPOINT and CMD as the builder's (an official image and its slim variant). */
  readonly sameInheritedEntry?: boolean;
  plan(base: ImageRef, analysis: Analysis, context: BuildContext, runtimePackages: readonly string[], options: RecipeOptions): PlanResult;
  /** The base image's working folder, when known (relative paths before any WORKDIR resolve against it). */
  readonly baseWorkdir?: string;
  /** Variables the base image sets that paths may name (the golang image's `GOPATH=/go`). */
  readonly baseEnv?: Readonly<Record<string, string>>;
  /** The base image's working folder when it depends on the image (the gradle image's `/home/gradle`), or null. */
  readonly baseWorkdirOf?: (base: ImageRef) => string | null;
}

/**
 * Is the reference the official (Docker Hub library) image with this name, however written (`docker.io/library/node`,
 * `arm64v8/node`, `public.ecr.aws/docker/library/node`: image-ref.ts officialName)?
 */
export function isOfficial(base: ImageRef, name: string): boolean {
  return officialName(base.registry, base.name)?.name === name;
}

const DEBIAN_CODENAMES = /^(buster|bullseye|bookworm|trixie)$/;

/** A tag split into its version and an optional Debian codename suffix (`20-bookworm`). */
export function splitCodename(tag: string): { version: string; codename: string | null } {
  const m = /^(.*?)-?(buster|bullseye|bookworm|trixie)$/.exec(tag);
  if (m && DEBIAN_CODENAMES.test(m[2])) return { version: m[1], codename: m[2] };
  return { version: tag, codename: null };
}

export const noInserts = { builderInserts: [], runtimePrelude: [], notes: [] } as const;

/** Does the runtime install every package the build installed (nothing build-only was found)? */
export function keepsEverything(a: Analysis, runtimePackages: readonly string[]): boolean {
  const kept = new Set(runtimePackages.map((p) => p.replace(/[=:].*$/, "")));
  return a.apt.every((i) => i.packages.every((p) => kept.has(p.replace(/[=:].*$/, ""))));
}
