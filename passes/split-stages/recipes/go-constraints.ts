// Whether `go build` compiles a file for the image: GOOS=linux, GOARCH amd64 or arm64 (the architectures an
// image is built for), the gc compiler. A file named for another system or architecture (`_windows.go`,
// `_aix_ppc64.go`) or whose `//go:build` line (or older `// +build` lines) is false there is never compiled, so
// its `import "C"` or its literals say nothing about the program. A tag whose value is not known here (a custom
// tag, a Go release tag, an experiment) makes the file count, as if compiled.

const KNOWN_OS = new Set(
  ["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd"].concat([
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
  ]),
);

const KNOWN_ARCH = new Set(
  ["386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le"].concat([
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
  ]),
);

/** The architectures a Linux image is built for. */
const IMAGE_ARCHES = ["amd64", "arm64"] as const;

/** Three-valued: a tag or expression that is true, false or not known for the image. */
type Truth = boolean | null;

/**
 * Whether the build compiles the Go file `name` with contents `text` for some image architecture: false only
 * when its name or constraint rules it out for each of them. `cgo` is the value of the `cgo` tag.
 */
export function compiledForImage(name: string, text: string, cgo: boolean): boolean {
  const constraint = constraintOf(text);
  return IMAGE_ARCHES.some((arch) => {
    if (!nameFits(name, arch)) return false;
    if (constraint === null) return true;
    return constraint((tag) => tagValue(tag, arch, cgo)) !== false;
  });
}

/**
 * Whether a build given no `-tags` (nor GOFLAGS) compiles the Go file for every image architecture (true), for
 * none (false), or either may hold (null: an architecture-specific file or constraint, a Go release or experiment
 * tag, whose value depends on the toolchain). A custom tag (`tools`, `integration`) is false without `-tags`.
 * `cgo` null: the `cgo` tag's value is not known.
 */
export function compiledTruth(name: string, text: string, cgo: boolean | null): boolean | null {
  const constraint = constraintOf(text);
  const value = (tag: string, arch: string): Truth => {
    if (tag === "cgo") return cgo;
    const known = tagValue(tag, arch, true);
    return known !== null || /^go1\.\d+$|^goexperiment\./.test(tag) ? known : false;
  };
  const each = IMAGE_ARCHES.map((arch) => {
    if (!nameFits(name, arch)) return false;
    if (constraint === null) return true;
    return constraint((tag) => value(tag, arch));
  });
  return each.every((t) => t === true) ? true : each.every((t) => t === false) ? false : null;
}

/** `x_linux.go`, `x_windows_amd64.go`: the system and architecture the file name asks for (Go's `goodOSArchFile`). */
function nameFits(name: string, arch: string): boolean {
  const parts = name
    .replace(/\.go$/, "")
    .replace(/_test$/, "")
    .split("_")
    .slice(1);
  const n = parts.length;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]) && KNOWN_ARCH.has(parts[n - 1])) return parts[n - 2] === "linux" && parts[n - 1] === arch;
  if (n >= 1 && KNOWN_OS.has(parts[n - 1])) return parts[n - 1] === "linux";
  if (n >= 1 && KNOWN_ARCH.has(parts[n - 1])) return parts[n - 1] === arch;
  return true;
}

function tagValue(tag: string, arch: string, cgo: boolean): Truth {
  if (tag === "linux" || tag === "unix" || tag === "gc" || tag === arch) return true;
  // `ignore` is the tag no build sets, by convention, for generators and examples (`go run gen.go`).
  if (tag === "gccgo" || tag === "ignore" || KNOWN_OS.has(tag) || KNOWN_ARCH.has(tag)) return false;
  if (tag === "cgo") return cgo;
  return null;
}

type Expr = (value: (tag: string) => Truth) => Truth;

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === null || b === null ? null : true);
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === null || b === null ? null : false);
const not = (a: Truth): Truth => (a === null ? null : !a);

/**
 * The file's build constraint, read from the comment lines before the package clause: the `//go:build` line,
 * else the `// +build` lines (all must hold). Null when there is none; an expression that does not parse is
 * unknown (the file counts).
 */
function constraintOf(text: string): Expr | null {
  const header = text.split(/^package\s/m)[0];
  const goBuild = /^\/\/go:build\s+(.*)$/m.exec(header);
  if (goBuild) return parseGoBuild(goBuild[1].trim()) ?? (() => null);
  const plusBuild = [...header.matchAll(/^\/\/\s*\+build\s+(.*)$/gm)].map((m) => parsePlusBuild(m[1]));
  if (plusBuild.length === 0) return null;
  return (value) => plusBuild.reduce<Truth>((acc, line) => and(acc, line(value)), true);
}

/** `// +build linux,amd64 darwin`: spaces are "or", commas "and", `!` negates a tag. */
function parsePlusBuild(line: string): Expr {
  const options = line
    .trim()
    .split(/\s+/)
    .map((option) => option.split(","));
  return (value) =>
    options.reduce<Truth>(
      (any, terms) =>
        or(
          any,
          terms.reduce<Truth>((all, t) => and(all, t.startsWith("!") ? not(value(t.slice(1))) : value(t)), true),
        ),
      false,
    );
}

/** `//go:build` expressions: tags, `!`, `&&`, `||` and parentheses (`||` binds loosest). Null when malformed. */
function parseGoBuild(source: string): Expr | null {
  const tokens = source.match(/&&|\|\||[!()]|[\w.]+|\S/g) ?? [];
  let at = 0;
  const orExpr = (): Expr | null => {
    let left = andExpr();
    while (left && tokens[at] === "||") {
      at++;
      const l = left;
      const r = andExpr();
      left = r && ((v) => or(l(v), r(v)));
    }
    return left;
  };
  const andExpr = (): Expr | null => {
    let left = unary();
    while (left && tokens[at] === "&&") {
      at++;
      const l = left;
      const r = unary();
      left = r && ((v) => and(l(v), r(v)));
    }
    return left;
  };
  const unary = (): Expr | null => {
    const token = tokens[at++];
    if (token === "!") {
      const inner = unary();
      return inner && ((v) => not(inner(v)));
    }
    if (token === "(") {
      const inner = orExpr();
      return inner && tokens[at++] === ")" ? inner : null;
    }
    return token !== undefined && /^[\w.]+$/.test(token) ? (v) => v(token) : null;
  };
  const expr = orExpr();
  return expr && at === tokens.length ? expr : null;
}
