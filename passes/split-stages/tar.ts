// GNU tar compresses and decompresses through another program, which it runs as a child: `tar xJf a.tar.xz`
// runs `xz -d`. Without a compression option, tar reading an archive picks that program from the file itself
// (its first bytes, else its suffix), and tar writing one with `-a` (`--auto-compress`) from the suffix. The
// program must be in the image like any other the image runs; the slim images lack xz, bzip2 and zstd.
import { posix } from "node:path";

/** The compression letters of a short option cluster or an old-style first word (`xJf`). */
const LETTERS: Readonly<Record<string, string>> = { z: "gzip", j: "bzip2", J: "xz", Z: "compress" };
/** The long compression options. */
const LONG: Readonly<Record<string, string>> = {
  "--gzip": "gzip",
  "--gunzip": "gzip",
  "--ungzip": "gzip",
  "--bzip2": "bzip2",
  "--xz": "xz",
  "--lzma": "lzma",
  "--lzip": "lzip",
  "--lzop": "lzop",
  "--zstd": "zstd",
  "--compress": "compress",
  "--uncompress": "compress",
};
/** GNU tar's table of archive suffixes and their programs (`suffixes.c`). */
const SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.(gz|tgz|taz)$/, "gzip"],
  [/\.(Z|taZ)$/, "compress"],
  [/\.(bz2|tbz|tbz2|tz2)$/, "bzip2"],
  [/\.lz$/, "lzip"],
  [/\.(lzma|tlz)$/, "lzma"],
  [/\.lzo$/, "lzop"],
  [/\.(xz|txz)$/, "xz"],
  [/\.(zst|tzst)$/, "zstd"],
];
/** Short options whose value is the rest of the cluster or the next word. */
const VALUE_LETTERS = new Set("bCfFgHIKLNTVX");
/** Long options whose value may be the next word (`--file x.tar`, `--directory /tmp`). */
const VALUE_OPTIONS = new Set(
  (
    "--file --directory --use-compress-program --exclude --exclude-from --files-from --transform --xform --owner " +
    "--group --mode --mtime --strip-components --blocking-factor --record-size --format --label --newer " +
    "--after-date --listed-incremental --starting-file --tape-length --info-script --new-volume-script " +
    "--to-command --checkpoint-action --warning --exclude-tag --index-file --suffix"
  ).split(" "),
);
/** Modes that read an archive: extract, list, compare. */
const READ_LETTERS = new Set("xtd");
const READ_OPTIONS = new Set(["--extract", "--get", "--list", "--diff", "--compare"]);

/** The compressors GNU tar recognizes an archive's first bytes as (`compress` archives it reads with gzip). */
const DETECTED = ["gzip", "bzip2", "xz", "lzma", "zstd", "lzip", "lzop"];

interface TarCommand {
  /** The program a compression option names, or null. */
  readonly program: string | null;
  /** The `-f` operand as written, or null (standard input). */
  readonly archive: string | null;
  /** It extracts, lists or compares: it reads the archive. */
  readonly reads: boolean;
  /** `-a`: it writes with the program the suffix names. */
  readonly auto: boolean;
}

/** The program `argv`, a tar command, runs to compress or decompress its archive, or null (none, or not known). */
export function tarCompressor(argv: readonly string[]): string | null {
  const tar = readTar(argv);
  if (tar === null) return null;
  const { program, archive, reads, auto } = tar;
  if (program !== null) return program;
  // An archive named by a variable, or standard input (`-`), has no suffix to go by.
  if (archive === null || archive === "-" || archive.includes("$") || !(reads || auto)) return null;
  return SUFFIXES.find(([suffix]) => suffix.test(archive))?.[1] ?? null;
}

/**
 * The programs `argv`, a tar command, may run to decompress an archive whose name it is not given literally (a
 * variable, a glob, standard input) without a compression option: tar picks one from the archive's first bytes.
 */
export function tarDetectedCompressors(argv: readonly string[]): readonly string[] {
  const tar = readTar(argv);
  if (tar === null || !tar.reads || tarCompressor(argv) !== null) return [];
  const { archive } = tar;
  return archive === null || archive === "-" || /[$`*?[]/.test(archive) ? DETECTED : [];
}

function readTar(argv: readonly string[]): TarCommand | null {
  if (posix.basename(argv[0] ?? "") !== "tar") return null;
  let program: string | null = null;
  let archive: string | null = null;
  let reads = false;
  let auto = false;
  const words = argv.slice(1);
  // The letters of a cluster, each letter's value taken from the cluster's rest (`-fa.tar`) or the next words.
  const letters = (cluster: string, i: number, oldStyle: boolean): number => {
    for (let k = 0; k < cluster.length; k++) {
      const letter = cluster[k];
      if (LETTERS[letter]) program = LETTERS[letter];
      if (READ_LETTERS.has(letter)) reads = true;
      if (letter === "a") auto = true;
      if (!VALUE_LETTERS.has(letter)) continue;
      // Old style (`tar xfC a.tar dir`) takes every value from the next words; `-fa.tar` from the cluster's rest.
      const joined = oldStyle ? "" : cluster.slice(k + 1);
      const value = joined !== "" ? joined : (words[++i] ?? null);
      if (letter === "f") archive = value;
      if (letter === "I" && value !== null) program = value.split(/\s+/)[0];
      if (!oldStyle) return i;
    }
    return i;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "--") break;
    if (i === 0 && !word.startsWith("-")) i = letters(word, i, true);
    else if (word.startsWith("--")) {
      const [option, joined] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, null];
      const value = joined ?? (VALUE_OPTIONS.has(option) ? (words[++i] ?? null) : null);
      if (LONG[option]) program = LONG[option];
      if (READ_OPTIONS.has(option)) reads = true;
      if (option === "--auto-compress") auto = true;
      if (option === "--file") archive = value;
      if (option === "--use-compress-program" && value !== null) program = value.split(/\s+/)[0];
    } else if (word.startsWith("-") && word.length > 1) i = letters(word.slice(1), i, false);
  }
  return { program, archive, reads, auto };
}
