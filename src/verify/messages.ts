// Every sentence `msb-opt verify` says about a pair of images: one message id each, with its data, so that
// the text and the JSON for CI say the same thing.
import { formatMessage } from "../core/pass.js";

export const VERIFY_MESSAGES = {
  unchanged: "msb-opt changes nothing in this file.",
  originalBuild: "The original Dockerfile does not build: {detail}",
  optimizedBuild: "The optimized Dockerfile does not build: {detail}",
  configSet: "The Dockerfile sets {field} to {before} in the original and {after} in the optimized image.",
  envSet: "The Dockerfile sets `{name}` to `{before}` in the original and `{after}` in the optimized image.",
  configInherited: "{field} differs only because the base image differs: {before} before, {after} after.",
  envInherited: "`{name}` differs only because the base image differs: `{before}` before, `{after}` after.",
  userHarden: "The user changed from `{before}` to `{after}` (--harden).",
  runtimeBase: "The runtime starts from `{runtime}` instead of `{build}`: {what} of the build image are not in it.",
  missingLibraryOf:
    "`{file}` needs `{via}`, which needs the shared library `{library}`, which no library folder of the optimized image has.",
  missingLoader: "`{file}` needs the dynamic loader `{loader}`, which the optimized image lacks.",
  missingLibrary: "`{file}` needs the shared library `{library}`, which no library folder of the optimized image has.",
  missingProgram: "`{program}`, run by {by}, is not in the optimized image.",
  missingProgramReachUnknown:
    "`{program}`, run by {by}, is not in the optimized image; whether the app loads {by} is unknown, as its module graph could not be followed past `{lost}`.",
  notExecutable: "`{program}`, run by {by}, is not executable in the optimized image.",
  missingInterpreter: "`{program}`, run by {by}, names the interpreter `{interpreter}`, which the optimized image lacks.",
  missingModule: "`{module}`, imported by `{file}`, is not installed in the optimized image.",
  missingModuleReachUnknown:
    "`{module}`, imported by `{file}`, is not installed in the optimized image; whether the app loads `{file}` is unknown, as its module graph could not be followed past `{lost}`.",
  missingFiles: "{count} file(s) of the app are missing from the optimized image: {files}.",
  droppedPackages: "{count} package(s) of node_modules are not in the runtime ({packages}): devDependencies pruned.",
  missingPackages: "{count} package(s) of node_modules are missing from the optimized image: {packages}.",
  buildOnlyFiles: "{count} file(s) the build used are not copied to the runtime: {files}.",
  renamedPerBuild:
    "{count} file(s) carry a name the build generates anew on each run, so each image has them under its own name ({files}).",
  owner: "`{path}` is owned by {before} in the original and {after} in the optimized image.",
  baseFolderRemade:
    "`{path}`, the build image's working folder, is {before} in the original and {after} in the runtime, which makes it anew; both images run as root, who may write to either.",
  notWritable: "`{path}` is writable by the image's user `{user}` in the original, not in the optimized image.",
  http: "GET {path} on port {port} answers {before} before and {after} after.",
  healthcheck: "The HEALTHCHECK command exits {before} before and {after} after.",
  run: "`docker run IMAGE {args}` exits {before} before and {after} after.",
  exercise: "The original image could not be exercised: {detail}",
  inspect: "The {which} image's file system could not be read: {detail}",
} as const;

export type VerifyMessageId = keyof typeof VERIFY_MESSAGES;

/** A difference between the images, an intended one (a pass declared it), or information (the base differs). */
export type ReasonKind = "difference" | "intended" | "information";

export interface Reason {
  readonly kind: ReasonKind;
  readonly id: VerifyMessageId;
  readonly data: Readonly<Record<string, string | number>>;
  readonly text: string;
}

export function reason(kind: ReasonKind, id: VerifyMessageId, data: Readonly<Record<string, string | number>> = {}): Reason {
  return { kind, id, data, text: formatMessage(VERIFY_MESSAGES[id], data) };
}

/** A few items, then how many more: keeps one sentence short. */
export function listSome(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map((i) => `\`${i}\``);
  return items.length > max ? `${shown.join(", ")} and ${items.length - max} more` : shown.join(", ");
}
