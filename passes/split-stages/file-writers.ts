// Commands whose only effect is to write files the command line names: `sed -i FILE`, `openssl … -out F -keyout K`,
// `curl -o F` / `-O`, `wget -O F` / `-P DIR`, `pybabel compile -d DIR`. What each writes is read from its words; the
// split keeps the command when every such path lands where the runtime takes the build stage's files (analysis.ts
// adds them to the copy set, which refuses system folders), and declines as before when a write cannot be placed.

/** What a command writes: paths (files or folders) as written, relative to its working folder; or why it is not known. */
export type FileWrites = { readonly paths: readonly string[] } | { readonly unknown: string };

/** Every value of the options in `flags` (`-o x`, `--output=x`, and for one-letter flags `-ox`). */
function optionValues(args: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (flags.includes(a)) {
      if (args[i + 1] !== undefined) out.push(args[++i]);
      continue;
    }
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0 && flags.includes(a.slice(0, eq))) out.push(a.slice(eq + 1));
    else if (/^-[A-Za-z]/.test(a) && !a.startsWith("--")) {
      // A cluster of one-letter flags (`curl -sSLo FILE`, `wget -qO-`): the first valued one takes the rest of the
      // word, or the next word.
      const at = [...a.slice(1)].findIndex((c) => flags.includes(`-${c}`));
      if (at < 0) continue;
      const rest = a.slice(at + 2);
      if (rest !== "") out.push(rest);
      else if (args[i + 1] !== undefined) out.push(args[++i]);
    }
  }
  return out;
}

/** The words of `args` that are not options nor the values of `valued` options. */
function operandsOf(args: readonly string[], valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") return [...out, ...args.slice(i + 1)];
    if (valued.includes(args[i])) i++;
    else if (!args[i].startsWith("-") || args[i] === "-") out.push(args[i]);
  }
  return out;
}

/** Does a sed script have a `w`/`W` command or an `s` command with the `w` flag? (Read roughly: when unsure, yes.) */
function sedWritesFile(script: string): boolean {
  for (const piece of script.split(/[;\n]/)) {
    const command = piece.replace(/^[\s{}!]*(\d+|\$|\/(?:[^/\\]|\\.)*\/)?(,(\d+|\$|\/(?:[^/\\]|\\.)*\/))?[\s!{]*/, "");
    if (/^[wWe]/.test(command)) return true;
    if (!command.startsWith("s") || command.length < 2) continue;
    const delimiter = command[1];
    let seen = 0;
    let i = 2;
    for (; i < command.length && seen < 2; i++) {
      if (command[i] === "\\") i++;
      else if (command[i] === delimiter) seen++;
    }
    if (seen < 2 || /^[gpiImM0-9]*[we]/.test(command.slice(i))) return true;
  }
  return false;
}

/**
 * `sed -i SCRIPT FILE…` rewrites the named files in place (with `-iSUFFIX`, a backup beside each); without `-i` it
 * prints to standard output and writes nothing. A script with a `w` command or `s///w` writes a file of its own.
 */
function sedWrites(all: readonly string[]): FileWrites {
  // GNU and busybox sed read the rest of an `-i` word as the backup suffix (`-ie` is `-i` with suffix `e`).
  const inPlace = all.find((a) => /^-[a-zA-Z]*i/.test(a) || a === "--in-place" || a.startsWith("--in-place="));
  const args = all.filter((a) => a !== inPlace);
  const scripts = optionValues(args, ["-e", "--expression", "-f", "--file"]);
  const words = operandsOf(args, ["-e", "--expression", "-f", "--file", "-l", "--line-length"]);
  const files = scripts.length > 0 ? words : words.slice(1);
  const script = scripts.length > 0 ? scripts.join("\n") : (words[0] ?? "");
  if (args.some((a) => a === "-f" || a.startsWith("--file"))) return { unknown: "its script is read from a file" };
  if (sedWritesFile(script)) return { unknown: "its script writes a file (`w`)" };
  if (inPlace === undefined) return { paths: [] };
  if (files.length === 0) return { unknown: "it names no file" };
  const suffix = inPlace.startsWith("--in-place=") ? inPlace.slice("--in-place=".length) : /^-[a-zA-Z]*i(.*)$/.exec(inPlace)?.[1];
  if (suffix?.includes("/") || suffix?.includes("*")) return { unknown: "its backup suffix names a folder" };
  return { paths: suffix ? files.flatMap((f) => [f, `${f}${suffix}`]) : files };
}

/**
 * openssl writes what `-out` and `-keyout` name (standard output otherwise). `ca` keeps a database, `-CAcreateserial`
 * and `-CAserial` a serial file beside the CA, `-writerand` a seed file: those are declined.
 */
function opensslWrites(args: readonly string[]): FileWrites {
  const sub = args.find((a) => !a.startsWith("-"));
  if (sub === undefined || sub === "ca") return { unknown: `\`openssl ${sub ?? ""}\` keeps files of its own`.replace(" `", "`") };
  const other = args.find((a) =>
    /^-(CAcreateserial|CAserial|writerand|genconf|out_trusted|sess_out|keylogfile|msgout|rspout|reqout)$/.test(a),
  );
  if (other) return { unknown: `\`${other}\` writes a file` };
  return { paths: optionValues(args, ["-out", "-keyout"]) };
}

/** The last path segment of a URL, as `curl -O` and wget name the file (query and fragment left out). */
function urlFile(url: string): string | null {
  const m = /^[a-z]+:\/\/[^/]+\/(?:[^?#]*\/)?([^/?#]+)(?:[?#].*)?$/i.exec(url);
  return m && !/[$*?[{]/.test(m[1]) ? m[1] : null;
}

const CURL_VALUED =
  "-o --output -D --dump-header -c --cookie-jar --output-dir -H --header -d --data --data-raw --data-binary -u --user -X --request -A --user-agent -e --referer -b --cookie -m --max-time --retry --connect-timeout -w --write-out -x --proxy -K --config -T --upload-file -F --form -r --range --cacert --cert --key -E --retry-delay --retry-max-time -C --continue-at -y -Y --limit-rate --resolve --url".split(
    " ",
  );

/**
 * curl writes `-o FILE` each, `-O` files named after their URL (in `--output-dir` or its working folder), and the
 * headers or cookies `-D`/`-c` name; standard output otherwise (`curl … | sh` is the shell's business).
 */
function curlWrites(args: readonly string[]): FileWrites {
  const writers = args.find((a) =>
    /^--(trace|trace-ascii|stderr|libcurl|etag-save|hsts|alt-svc|remote-header-name)(=|$)|^-[a-zA-Z]*J/.test(a),
  );
  if (writers) return { unknown: `\`${writers}\` writes a file the command line does not name` };
  const dir = optionValues(args, ["--output-dir"]).at(-1) ?? ".";
  const join = (f: string) => (f.startsWith("/") || dir === "." ? f : `${dir.replace(/\/+$/, "")}/${f}`);
  const outputs = optionValues(args, ["-o", "--output"]).filter((o) => o !== "-");
  const paths = [...outputs.map(join), ...optionValues(args, ["-D", "--dump-header", "-c", "--cookie-jar"]).filter((o) => o !== "-")];
  const remoteName = args.some((a) => a === "--remote-name" || a === "--remote-name-all" || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a));
  if (remoteName) {
    const urls = operandsOf(args, CURL_VALUED).filter((u) => /^[a-z]+:\/\//i.test(u));
    const named = urls.slice(outputs.length).map(urlFile);
    if (named.length === 0 || named.some((n) => n === null)) return { unknown: "the file `-O` writes is named by a URL it cannot read" };
    paths.push(...named.map((n) => join(n as string)));
  }
  return { paths };
}

const WGET_VALUED =
  "-O --output-document -o --output-file -a --append-output -P --directory-prefix -U --user-agent --header -t --tries -T --timeout -e --execute --user --password -i --input-file".split(
    " ",
  );

/**
 * wget writes `-O FILE` (all its URLs into that one file), else a file per URL named after it in `-P DIR` or its
 * working folder, and its log where `-o`/`-a` say. Recursive and mirror runs write trees it cannot name. (It also
 * notes HSTS hosts in the user's `~/.wget-hsts`, a cache the runtime does without.)
 */
function wgetWrites(args: readonly string[]): FileWrites {
  const tree = args.find((a) =>
    /^(-r|--recursive|-m|--mirror|-i|--input-file(=.*)?|-p|--page-requisites|-x|--force-directories|--content-disposition|--trust-server-names|-N|--timestamping)$/.test(
      a,
    ),
  );
  if (tree) return { unknown: `\`${tree}\` writes files the command line does not name` };
  const logs = optionValues(args, ["-o", "--output-file", "-a", "--append-output"]);
  const document = optionValues(args, ["-O", "--output-document"]).at(-1);
  if (document !== undefined) return { paths: document === "-" ? logs : [document, ...logs] };
  const dir = optionValues(args, ["-P", "--directory-prefix"]).at(-1) ?? ".";
  const named = operandsOf(args, WGET_VALUED)
    .filter((u) => /^[a-z]+:\/\//i.test(u))
    // wget keeps a query in the file's name (`model.bin?download=true`) and may rewrite escapes: not named here.
    .map((u) => (/[?%]/.test(u) ? null : urlFile(u)));
  if (named.length === 0 || named.some((n) => n === null)) return { unknown: "the file it writes is named by a URL it cannot read" };
  return { paths: [...named.map((n) => (dir === "." ? (n as string) : `${dir.replace(/\/+$/, "")}/${n}`)), ...logs] };
}

/** `pybabel compile -d DIR` writes each catalog's .mo beside its .po under DIR; `-o FILE` one file. */
function pybabelWrites(args: readonly string[]): FileWrites {
  const [verb] = operandsOf(args, ["-d", "--directory", "-o", "--output-file", "-i", "--input-file", "-D", "--domain", "-l", "--locale"]);
  if (verb !== "compile") return { unknown: `\`pybabel ${verb ?? ""}\` is not read here` };
  const out = optionValues(args, ["-o", "--output-file"]);
  const dirs = optionValues(args, ["-d", "--directory"]);
  if (out.length === 0 && dirs.length === 0) return { unknown: "it names neither `-d` nor `-o`" };
  return { paths: out.length > 0 ? out : dirs };
}

/** What `name args` writes, when it is one of the commands read here (else null). */
export function fileWrites(name: string, args: readonly string[]): FileWrites | null {
  switch (name) {
    case "sed":
      return sedWrites(args);
    case "openssl":
      return opensslWrites(args);
    case "curl":
      return curlWrites(args);
    case "wget":
      return wgetWrites(args);
    case "pybabel":
      return pybabelWrites(args);
    default:
      return null;
  }
}
