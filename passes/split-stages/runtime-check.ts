// Does the runtime image have every program the image runs? Programs come from the copied files, the
// recipe's runtime (node, python, java…), the Debian base tools, or the run-time packages reinstalled.
import type { EntryProgram } from "./entry.js";
import { providedCommands } from "./packages.js";

/** Builtins of the shell, which no program provides. */
const SHELL_BUILTINS = new Set(
  (
    "exec cd set export echo printf test [ true false : kill trap read shift exit return local wait umask ulimit . source eval unset " +
    "command type hash getopts let mapfile readarray shopt compgen complete compopt disown caller declare typeset " +
    "readonly alias unalias pushd popd dirs builtin enable help history jobs fg bg times bind logout suspend"
  ).split(" "),
);

/** Commands every non-distroless runtime has: the shell, its builtins and Debian's essential tools (perl-base's `perl`, whose modules perl.ts checks). */
const BASE_TOOLS = new Set(
  (
    "sh bash dash exec cd set export echo printf test [ true false : env cat ls cp mv rm mkdir rmdir chmod chown ln " +
    "touch sleep date id whoami hostname uname grep egrep sed awk mawk find xargs tar gzip gunzip head tail sort uniq " +
    "wc tr cut tee basename dirname readlink realpath stat du df seq expr mktemp timeout nohup kill trap read shift " +
    "exit return local wait umask ulimit dpkg apt-get sha256sum md5sum base64 nproc su . source eval unset perl " +
    // Wrappers of coreutils, findutils and util-linux (essential): what they run is judged, not them.
    "nice stdbuf chroot setsid flock ionice runuser"
  )
    .split(" ")
    .concat([...SHELL_BUILTINS]),
);

/**
 * Tools the full language images have and the slim ones lack: buildpack-deps' curl, scm and full layers (curl,
 * wget, gnupg; git, mercurial (which brings python3), openssh-client, subversion, procps; the compilers,
 * autotools, make, patch, file, unzip, xz-utils, bzip2 and ImageMagick). Only names that are not everyday
 * words: a quoted "git" in the sources is a command, a quoted "file" may be anything (see FULL_IMAGE_WORDS).
 */
export const FULL_IMAGE_TOOLS = [
  ...["git", "curl", "wget", "gcc", "g++", "ssh", "scp", "sftp", "ssh-keygen", "ssh-keyscan", "hg", "svn"],
  ...["unzip", "bzip2", "bunzip2", "bzcat", "gpg", "gpgv", "python3", "xz", "unxz", "xzcat", "lzma", "unlzma", "pgrep"],
  ...["pkill", "pmap", "vmstat", "autoconf", "automake", "autoreconf", "libtoolize", "pkg-config", "pg_config"],
  ...["mysql_config", "shasum", "json_pp", "m4", "objdump", "readelf", "git-upload-pack", "git-receive-pack"],
];
/** Tools of the full images named by everyday words: only a call that runs one (`spawn("make", …)`) is evidence. */
export const FULL_IMAGE_WORDS = [
  ...["make", "file", "patch", "cc", "c++", "convert", "identify", "compare", "composite", "montage", "mogrify"],
  ...["ps", "top", "free", "watch", "uptime", "strings", "ld"],
];
/** Programs every image with a shell has, named by everyday words: a shell-less runtime lacks them. */
const SHELL_PROGRAMS = [...BASE_TOOLS].filter((t) => /^[a-z][\w-]*$/.test(t) && !SHELL_BUILTINS.has(t));

export type Missing = {
  readonly id: "shellNeeded" | "entryTool";
  readonly command: string;
  readonly line: number;
  /** The command that runs it as a child (`tar xJf a.tar.xz` runs `xz`). */
  readonly parent?: string;
  /** The parent picks it at run time: it may run it, or another it may run that the runtime has. */
  readonly guessed?: boolean;
  /** node-gyp runs it when the parent installs or rebuilds packages. */
  readonly builds?: true;
};

/**
 * The full-image tools that the runtime would not have: `named`, which a quoted mention shows used, and `called`,
 * everyday words that only a call shows used (with a shell-less runtime, the shell and its programs too).
 */
export function lackedTools(
  tools: readonly string[],
  packages: readonly string[],
  shellless: boolean,
  toolchain: { readonly named: readonly string[]; readonly called: readonly string[] } = { named: [], called: [] },
): { readonly named: string[]; readonly called: string[] } {
  const provided = providedBy(tools, packages, shellless);
  const words = [...FULL_IMAGE_WORDS, ...(shellless ? SHELL_PROGRAMS : []), ...toolchain.called];
  const named = [...FULL_IMAGE_TOOLS, ...toolchain.named];
  return { named: named.filter((t) => !provided.has(t)), called: words.filter((t) => !provided.has(t)) };
}

function providedBy(tools: readonly string[], packages: readonly string[], shellless: boolean): Set<string> {
  return new Set([...tools, ...(shellless ? [] : BASE_TOOLS), ...packages.flatMap(providedCommands)]);
}

/** The first program the runtime would lack, or null when it has them all. */
export function missingProgram(
  entry: readonly EntryProgram[],
  tools: readonly string[],
  packages: readonly string[],
  shellless: boolean,
  /** Tools that the build image lacks too (a runtime on the very same image): the original runs without them as well. */
  lackedByBoth: readonly string[] = [],
): Missing | null {
  const provided = providedBy(tools, packages, shellless);
  for (const t of lackedByBoth) provided.add(t);
  for (const e of entry) {
    if (shellless && e.shell) return { id: "shellNeeded", command: e.name, line: e.line };
    if (e.artifact === null && !provided.has(e.name.replace(/^.*\//, "")))
      return {
        id: "entryTool",
        command: e.name,
        line: e.line,
        ...(e.parent ? { parent: e.parent } : {}),
        ...(e.guessed ? { guessed: true } : {}),
        ...(e.builds ? { builds: true as const } : {}),
      };
  }
  return null;
}
