// What a Go build's sources tell the split: whether it needs cgo (an `import "C"` in the module or its
// vendored packages, or a required module known to need it), which C libraries it links (`#cgo LDFLAGS:
// -lX`, `#cgo pkg-config: X`), and which files the program opens at run time by a literal path. Files a
// `//go:embed` directive puts in the binary are not opened from disk unless a file-opening call names them.
import { posix } from "node:path";
import { type BuildContext, contextPath } from "../../../src/core/context.js";
import { isUnder } from "../paths.js";
import { compiledForImage } from "./go-constraints.js";

/**
 * Modules (or packages, matched against the imports) that build only with cgo: they wrap a C library, some
 * bundling its sources (each project's README). A module outside the list is no evidence of "no cgo" on its own:
 * C headers installed for the build keep cgo too (go.ts).
 */
const CGO_MODULES = [
  "github.com/mattn/go-sqlite3",
  "github.com/confluentinc/confluent-kafka-go",
  "github.com/go-gl/glfw",
  "github.com/go-gl/gl",
  "github.com/gen2brain/raylib-go",
  "github.com/shirou/gopsutil/v3/host/cgo",
  "gopkg.in/gographics/imagick",
  "github.com/h2non/bimg",
  "github.com/davidbyttow/govips",
  "github.com/linxGnu/grocksdb",
  "github.com/tecbot/gorocksdb",
  "github.com/godror/godror",
  "github.com/mutecomm/go-sqlcipher",
  "github.com/google/gopacket/pcap",
  "github.com/DataDog/zstd",
  "github.com/valyala/gozstd",
  "gocv.io/x/gocv",
  "github.com/veandco/go-sdl2",
  "github.com/miekg/pkcs11",
  "github.com/libgit2/git2go",
];

export interface GoSources {
  readonly cgo: boolean;
  /** Why cgo is needed: the file with `import "C"` or the module required. */
  readonly cgoEvidence: string | null;
  /** C libraries linked (`-lsqlite3` → `sqlite3`, pkg-config names as given). */
  readonly libraries: readonly string[];
  /** Context paths (relative to the module root) that a Go string literal names: what the program may open. */
  readonly reads: readonly string[];
  /** Relative paths a file-opening call names that the context lacks: the build may make them, or none may exist. */
  readonly missing: readonly string[];
  /** Relative paths a file-writing call names, with the file that names them (a generator: `go run ./tools/gen`). */
  readonly written: ReadonlyArray<{ readonly file: string; readonly path: string }>;
  /** A call that reads the working folder as a whole (`http.Dir(".")`, `ParseGlob("*.tmpl")`), or null. */
  readonly wholeFolder: string | null;
  /** A file-opening call with a computed path: the files it reads cannot be listed. */
  readonly dynamicRead: string | null;
  /** Modules required in go.mod (excluding those replaced by local folders). */
  readonly requires: readonly string[];
  /** A file that loads Go packages through the `go` command at run time (`go/packages`, `go/importer`), and how. */
  readonly toolchainLoad: { readonly file: string; readonly api: string } | null;
}

// Calls that open a file or folder by path; a path argument that is not only string literals is computed.
const OPENERS =
  /\b(?:os\.(?:Open|OpenFile|ReadFile|ReadDir|DirFS)|ioutil\.(?:ReadFile|ReadDir)|filepath\.(?:Glob|Walk|WalkDir)|ParseFiles|ParseGlob|http\.Dir|LoadHTMLGlob|LoadHTMLFiles)\(\s*([^)]*)/g;

// Calls that write a file or make a folder by path.
const WRITERS = /\b(?:os\.(?:WriteFile|Create|OpenFile|Mkdir|MkdirAll)|ioutil\.WriteFile)\(\s*("[^"\n]+"|`[^`\n]+`)/g;

/**
 * Whether a Go file imports the pseudo-package "C", alone (`import "C"`) or as any spec of a grouped import,
 * where the cgo preamble is the spec's doc comment (and may hold C code with parentheses).
 */
export function importsC(text: string): boolean {
  let inBlock = false;
  let inComment = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (inComment) {
      inComment = !line.includes("*/");
      continue;
    }
    if (line.startsWith("/*")) {
      inComment = !line.includes("*/");
      continue;
    }
    if (line.startsWith("//")) continue;
    if (!inBlock) {
      if (/^import\s+(?:_\s+)?"C"/.test(line) || /^import\s*\(\s*"C"/.test(line)) return true;
      inBlock = /^import\s*\($/.test(line);
    } else if (line.startsWith(")")) inBlock = false;
    else if (/^"C"\s*(?:\/\/.*)?$/.test(line)) return true;
  }
  return false;
}

/**
 * Read the Go files of the context that the build compiles for the image (a few levels deep; vendored
 * packages only for cgo). `cgo` is the value of the `cgo` build tag: whether the build may use cgo.
 */
export function readGoSources(context: BuildContext, root = ".", cgo = true): GoSources {
  let cgoEvidence: string | null = null;
  const libraries = new Set<string>();
  const reads = new Set<string>();
  let dynamicRead: string | null = null;
  let wholeFolder: string | null = null;
  const literals = new Set<string>();
  const embedded = new Set<string>();
  const opened = new Set<string>();
  const written: { file: string; path: string }[] = [];
  let toolchainLoad: GoSources["toolchainLoad"] = null;
  const walk = (dir: string, depth: number, vendored: boolean) => {
    // Module paths under vendor/ run deep (host/org/repo/v2/internal/pkg): a cgo package there must still be seen.
    if (depth > (vendored ? 14 : 6)) return;
    for (const name of context.list(dir)) {
      const path = dir === "." ? name : `${dir}/${name}`;
      if (name.endsWith(".go")) {
        if (name.endsWith("_test.go")) continue;
        const text = context.read(path) ?? "";
        if (!compiledForImage(name, text, cgo)) continue;
        if (importsC(text)) {
          cgoEvidence ??= path;
          for (const m of text.matchAll(/#cgo\s+(?:[\w!,]+\s+)?LDFLAGS:([^\n]*)/g))
            for (const l of m[1].matchAll(/-l(\S+)/g)) libraries.add(l[1]);
          for (const m of text.matchAll(/#cgo\s+(?:[\w!,]+\s+)?pkg-config:([^\n]*)/g))
            for (const l of m[1].trim().split(/\s+/)) libraries.add(l);
        }
        if (!vendored) {
          // go/packages runs `go list`; go/importer's default and "source" importers read GOROOT's export data.
          const load = /"golang\.org\/x\/tools\/go\/packages"|\bimporter\.(?:Default|For|ForCompiler)\(/.exec(text);
          if (load)
            toolchainLoad ??= {
              file: path,
              api: load[0].startsWith('"') ? "golang.org/x/tools/go/packages" : `go/${load[0].replace(/\($/, "")}`,
            };
          openedPaths(text, path);
          const list = (d: string) => context.list(root === "." ? d : `${root}/${d}`);
          for (const implicit of implicitReads(text, list)) literals.add(implicit);
          const viper = viperComputed(text, list);
          if (viper !== null && "call" in viper) dynamicRead ??= `${path}: ${viper.call}`;
          else if (viper !== null) for (const f of viper.files) literals.add(f);
          for (const m of text.matchAll(/"([^"\n]+)"|`([^`\n]+)`/g)) literals.add(m[1] ?? m[2]);
          for (const m of text.matchAll(WRITERS)) written.push({ file: path, path: cleanPath(m[1].slice(1, -1)) });
          for (const m of text.matchAll(/^\/\/go:embed\s+(.*)$/gm)) for (const p of m[1].trim().split(/\s+/)) embedded.add(cleanPath(p));
        }
      } else if (!/^\.|^(node_modules|testdata)$/.test(name) && (vendored || !/\.\w+$/.test(name) || context.list(path).length > 0)) {
        // A dotted name may be a folder too (`third_party/native-2.0.1`).
        walk(path, depth + 1, vendored || name === "vendor");
      }
    }
  };
  const openedPaths = (text: string, file: string) => {
    for (const m of text.matchAll(OPENERS)) {
      // `os.OpenFile(path, flag, perm)`, `filepath.Walk(root, fn)`: only the first argument is a path.
      const paths = /^(?:os\.OpenFile|filepath\.Walk)/.test(m[0]) ? (/^\s*("[^"]*"|`[^`]*`|[^,]*)/.exec(m[1])?.[1] ?? "") : m[1];
      if (/[A-Za-z_]/.test(paths.replace(/"[^"]*"|`[^`]*`/g, ""))) dynamicRead ??= `${file}: ${m[0].slice(0, 60)}`;
      for (const l of paths.matchAll(/"([^"\n]+)"|`([^`\n]+)`/g)) {
        const raw = l[1] ?? l[2];
        // ".", "./" or a glob of the folder itself (`*.tmpl`): every file of the working folder may be read.
        if (/^(?:\.\/?|(?:\.\/)?[*?[].*)$/.test(raw)) wholeFolder ??= `${m[0].replace(/\s+/g, " ").slice(0, 60)})`;
        opened.add(cleanPath(raw));
      }
    }
  };
  walk(root, 0, false);
  // Modules go.mod replaces with folders (`replace example.com/lib => ../lib`) are compiled in: cgo there counts.
  const gomodText = context.read(root === "." ? "go.mod" : `${root}/go.mod`) ?? "";
  for (const m of gomodText.matchAll(/=>\s+(\.\.?\/\S*)\s*$/gm)) {
    const target = contextPath(posix.join(root, m[1]));
    if (target !== null && target !== root && !isUnder(target, root)) walk(target, 0, true);
  }
  const inContext = (path: string) => {
    const rel = root === "." ? path : `${root}/${path}`;
    return context.read(rel) !== null || context.list(rel).length > 0;
  };
  const relative = (path: string) => path !== "" && path !== "." && !path.startsWith("/") && !path.includes("..") && !/\s/.test(path);
  // Any literal that names a file or folder of the context may be opened at run time (templates, static).
  for (const l of literals) {
    const path = cleanPath(l);
    // Out of the module's folder (`../web/templates` in a monorepo): a file of the context all the same.
    if (path.startsWith("../") && !/\s/.test(path)) {
      const target = contextPath(posix.join(root, path));
      if (target !== null && (context.read(target) !== null || context.list(target).length > 0)) reads.add(path);
      continue;
    }
    if (!relative(path)) continue;
    const inBinary = [...embedded].some((e) => e !== "" && (path === e || path.startsWith(`${e}/`)));
    if (inBinary && ![...opened].some((o) => o === path || o.startsWith(`${path}/`) || path.startsWith(`${o}/`))) continue;
    if (inContext(path)) reads.add(path);
  }
  // An absolute path an opener is given (`/app/templates/*.html`): the runtime keeps it where its copies hold it.
  for (const o of opened) if (/^\/[^\s]+$/.test(o) && o !== "/") reads.add(o);
  const missing = [...opened].filter((o) => relative(o) && !inContext(o));
  const gomod = gomodText;
  const replaced = new Set([...gomod.matchAll(/^\s*(?:replace\s+)?(\S+)(?:\s+\S+)?\s+=>\s+\.\.?\//gm)].map((m) => m[1]));
  const requires = [...gomod.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/\S+)\s+v\S+/gm)]
    .map((m) => m[1])
    .filter((r) => !replaced.has(r));
  // go.mod's requirements, then the packages the sources import (`github.com/google/gopacket/pcap`).
  const cgoModule = [...requires, ...literals].find((r) => CGO_MODULES.some((c) => r === c || r.startsWith(`${c}/`)));
  if (cgoModule) cgoEvidence ??= requires.includes(cgoModule) ? `go.mod requires ${cgoModule}` : `the code imports ${cgoModule}`;
  return {
    cgo: cgoEvidence !== null,
    cgoEvidence,
    libraries: [...libraries],
    reads: [...reads],
    missing,
    wholeFolder,
    written: written.filter((w) => relative(w.path)),
    dynamicRead,
    requires,
    toolchainLoad,
  };
}

/** A path as a literal or embed pattern writes it, without glob tail, `./` and trailing slashes. */
/** A database URL's scheme before a file path (`sqlite:data/app.db`, `sqlite://data/app.db`, `file:data/app.db?cache=shared`). */
const DB_URL = /^(?:jdbc:)?(?:sqlite3?:(?:\/\/)?|file:(?:\/\/)?(?=[.\w/]))/;

function cleanPath(p: string): string {
  return p
    .replace(/^all:/, "")
    .replace(DB_URL, "")
    .replace(/[*?[].*$/, "")
    .replace(/^\.\//, "")
    .replace(/\/+$/, "");
}

/** Libraries shipped by a `-dev` of another name. */
const ALIASES: Readonly<Record<string, string>> = {
  crypto: "ssl",
  ncursesw: "ncurses",
  tinfo: "ncurses",
  m: "c6",
  pthread: "c6",
  dl: "c6",
};

/** The installed `-dev` package that provides C library `lib` (`sqlite3` → `libsqlite3-dev`), by Debian's naming. */
export function devPackageFor(lib: string, installed: readonly string[]): string | null {
  const name = lib.replace(/^lib/, "").toLowerCase();
  // Debian writes the library's `_` as `-` in package names: `-lboost_system` → libboost-system-dev.
  const wanted = new Set([name, name.replace(/[-\d.]+$/, ""), ALIASES[name] ?? name, name.replace(/_/g, "-")]);
  return (
    installed.find((p) => {
      const stem = p.replace(/[=:].*$/, "").replace(/-dev$/, "");
      if (!p.replace(/[=:].*$/, "").endsWith("-dev")) return false;
      const bare = stem.replace(/^lib/, "");
      return [bare, bare.replace(/[-\d.]+$/, ""), stem === "zlib1g" ? "z" : bare].some((s) => wanted.has(s));
    }) ?? null
  );
}

/**
 * Import paths of web frameworks and the folders they read by default, relative to the working folder: beego's
 * conf/app.conf, views/ and static/; Revel's conf/, app/views and public/; GoFrame's config/, manifest/config and
 * resource/; Buffalo's templates/ and public/ (each framework's documentation).
 */
const CONVENTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["github.com/beego/beego", ["conf", "views", "static"]],
  ["github.com/astaxie/beego", ["conf", "views", "static"]],
  ["github.com/revel/revel", ["conf", "app/views", "public", "messages"]],
  ["github.com/gogf/gf", ["config", "manifest/config", "resource"]],
  ["github.com/gobuffalo/buffalo", ["templates", "public", "locales"]],
];

/**
 * viper given a computed name or folder (`viper.SetConfigName(name)` from a flag, `AddConfigPath(path)` of a
 * function's parameter) reads files no literal names (red team 20 F2): with the name literal, every `<name>.*` of
 * the module's folders (wherever the path points, a build file has that name); with the folders literal, every
 * file in them; with both computed or `SetConfigFile(x)`, the call (anything may be read). Null when all are literal.
 */
function viperComputed(
  text: string,
  list: (dir: string) => readonly string[],
): { readonly files: string[] } | { readonly call: string } | null {
  const calls = [...text.matchAll(/\bviper\.(SetConfigFile|SetConfigName|AddConfigPath)\(\s*([^)]*)/g)];
  const computed = calls.filter((m) => /[A-Za-z_]/.test(m[2].replace(/"[^"]*"|`[^`]*`/g, "")));
  if (computed.length === 0) return null;
  const call = (m: RegExpMatchArray) => `${m[0].slice(0, 60)})`;
  const file = computed.find((m) => m[1] === "SetConfigFile");
  const name = computed.find((m) => m[1] === "SetConfigName");
  const dir = computed.find((m) => m[1] === "AddConfigPath");
  if (file || (name && dir)) return { call: call(file ?? name ?? computed[0]) };
  const literal = (kind: string) =>
    calls.filter((m) => m[1] === kind && !computed.includes(m)).map((m) => cleanPath(m[2].replace(/^["`]|["`]\s*$/g, "")) || ".");
  const files: string[] = [];
  if (name) {
    const dirs = literal("AddConfigPath");
    // No literal folder: the name may be looked up anywhere.
    if (dirs.length === 0 || dirs.includes(".")) return { call: call(name) };
    for (const d of dirs) for (const f of list(d)) files.push(`${d}/${f}`);
    return { files };
  }
  const names = literal("SetConfigName");
  if (names.length === 0) return { call: call(dir ?? computed[0]) };
  const walk = (d: string, depth: number) => {
    for (const f of list(d)) {
      const path = d === "." ? f : `${d}/${f}`;
      if (names.some((n) => f.startsWith(`${n}.`))) files.push(path);
      else if (depth < 6 && !/^\.|^(vendor|node_modules|testdata)$/.test(f) && list(path).length > 0) walk(path, depth + 1);
    }
  };
  walk(".", 0);
  return { files };
}

/**
 * Files a call reads without naming them in a literal: godotenv's `Load()` reads `.env`; viper reads
 * `<SetConfigName>.<any extension>` in each `AddConfigPath` folder.
 */
function implicitReads(text: string, list: (dir: string) => readonly string[]): string[] {
  const found: string[] = [];
  // `Load()` with no file reads `.env`; so does the blank import of an autoload package (its init calls it).
  if (
    /\b(?:godotenv|gotenv)\.(?:Load|Overload|OverLoad|Must\w*)\(\s*\)/.test(text) ||
    /"github\.com\/(?:joho\/godotenv|subosito\/gotenv)\/autoload"/.test(text)
  )
    found.push(".env");
  // Frameworks that read their configuration, views and assets from conventional folders of the working folder.
  for (const [module, dirs] of CONVENTIONS)
    if (text.includes(`"${module}`)) for (const dir of dirs) if (list(dir).length > 0) found.push(dir);
  const names = [...text.matchAll(/\bviper\.SetConfigName\(\s*"([^"\n]+)"\s*\)/g)].map((m) => m[1]);
  const dirs = [...text.matchAll(/\bviper\.AddConfigPath\(\s*"([^"\n]+)"\s*\)/g)].map((m) => cleanPath(m[1]) || ".");
  for (const dir of dirs.length > 0 ? dirs : ["."])
    for (const file of list(dir)) if (names.some((n) => file.startsWith(`${n}.`))) found.push(dir === "." ? file : `${dir}/${file}`);
  return found;
}
