// build-secrets: secrets passed as ARG/ENV or as credential files copied in for one step stay in the image
// history, config or a layer. Reported by default (the fix changes how the build is invoked); with the
// option `secrets: "mount"`, rewritten to `RUN --mount=type=secret` where every use is a RUN of the stage.
import { changed, withStage, type Dockerfile, type Flag, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass, type PassContext } from "../../src/core/pass.js";
import { shippedStages } from "../../src/core/stages.js";
import type { BuildContext } from "../../src/core/context.js";
import { withDockerignore } from "../../src/core/dockerignore.js";
import { parseRun } from "../../src/core/run-script.js";
import {
  credentialFileId,
  declaredVariables,
  hasUrlCredentials,
  isSecretName,
  references,
  removedPaths,
  resolvePath,
  trailingRemoval,
  writtenPaths,
} from "./detection.js";
import { CONSTRUCTS } from "../../src/core/syntax.js";

type MessageId =
  | "argSecret"
  | "argDefault"
  | "envSecret"
  | "copiedFile"
  | "argSecretOldSyntax"
  | "copiedFileOldSyntax"
  | "writtenFile"
  | "mountedArg"
  | "mountedFile"
  | "argSeveral"
  | "argRunNotShell"
  | "argRunNotRoot"
  | "argDeclaredAgain"
  | "argEnvInImage"
  | "argUsedOutsideRun"
  | "fileRelativeTarget"
  | "fileCopyFlag"
  | "fileRmNotTrailing"
  | "fileUsedBy"
  | "copiedWithFolder"
  | "fileOtherCopy"
  | "fileUserCannotRead";

export default definePass({
  id: "build-secrets",
  title: "Pass build secrets as secret mounts, not ARG, ENV or copied files",
  rationale: [
    "A build argument's value is recorded in `docker history` and the image config for every RUN that sees it, an",
    "ENV is stored in the image and every container sees it, and a credential file (.npmrc, .netrc, pip.conf,",
    "~/.m2/settings.xml) copied in and deleted by a later step stays in the COPY layer. The pass reports each with",
    "its line (names such as *_TOKEN, *_PASSWORD, *_SECRET, *_KEY, URLs with `user:password@`). Since the fix",
    'changes how the build is invoked, it rewrites only with the option `secrets: "mount"` (`--secrets=mount`):',
    "an ARG without default becomes `RUN --mount=type=secret,id=NAME,env=NAME` on the RUNs after it (or",
    "`$(cat /run/secrets/NAME)` when the syntax cannot use `env=`), a copied-then-deleted file becomes a secret",
    "mount at its path on the RUNs that used it; the note gives the `docker build --secret` flag to pass.",
    "Anything else that reads the secret (ENV, COPY, a default value written in the file) leaves it alone, with a note.",
  ].join(" "),
  options: {
    secrets: {
      type: "string",
      choices: ["report", "mount"],
      default: "report",
      help: "report secrets in ARG/ENV and copied credential files, or rewrite them to `RUN --mount=type=secret`",
      flag: "--secrets <mode>",
    },
  },
  messages: {
    argSecret:
      "Build argument `{name}` looks like a secret: its value shows in `docker history` and the image config; pass it with `docker build --secret {flag}` and read it in `RUN --mount=type=secret` (msb-opt `--secrets=mount` rewrites this).",
    argDefault:
      "Build argument `{name}` has a default value written in the Dockerfile, so the secret is in the file and the image history; remove the default, pass it with `docker build --secret` and read it in `RUN --mount=type=secret`.",
    envSecret:
      "`{name}` is set with ENV, so its value stays in the image config and every container sees it; if only the build needs it, pass it with `docker build --secret` and read it in `RUN --mount=type=secret` instead.",
    copiedFile:
      "`{file}` is copied in for the build and deleted on line {rmLine}, but it stays in the layer of this COPY; mount it with `RUN --mount=type=secret,id={id},target={target}` and build with `--secret id={id},src={src}` (msb-opt `--secrets=mount` rewrites this).",
    argSecretOldSyntax:
      "Build argument `{name}` looks like a secret: its value shows in `docker history` and the image config. `--secrets=mount` did not rewrite it: the file's `# syntax=` (or `--syntax-directive=never`) does not allow `RUN --mount`; raise the syntax to docker/dockerfile:1.2 or later to let it, or pass it with `docker build --secret {flag}` and read it in `RUN --mount=type=secret` yourself.",
    copiedFileOldSyntax:
      "`{file}` is copied in for the build and deleted on line {rmLine}, but it stays in the layer of this COPY. `--secrets=mount` did not rewrite it: the file's `# syntax=` (or `--syntax-directive=never`) does not allow `RUN --mount`; raise the syntax to docker/dockerfile:1.2 or later to let it, or mount it with `RUN --mount=type=secret,id={id},target={target}` and build with `--secret id={id},src={src}` yourself.",
    copiedWithFolder:
      "`{file}` comes in with the folder this COPY copies and is deleted on line {rmLine}, but it stays in the layer of this COPY; add it to .dockerignore, mount it with `RUN --mount=type=secret,id={id},target={target}` on the RUNs that use it and build with `--secret id={id},src={src}` (msb-opt does not rewrite this).",
    writtenFile:
      "`{file}` is written here and deleted on line {rmLine}, so it stays in this RUN's layer; write, use and delete it in one RUN, or mount it with `RUN --mount=type=secret,id={id},target={file}`.",
    mountedArg:
      "Replaced build argument `{name}` with a secret mount on the RUNs after it ({lines}); build with `docker build --secret {flag}` instead of `--build-arg {name}=…`.",
    mountedFile:
      "Replaced the copied `{file}` (deleted on line {rmLine}) with a secret mount at `{target}` on {lines}; build with `docker build --secret id={id},src={src}`.",
    argSeveral: "Left `{name}` as it is: the ARG declares several arguments; give each secret a line of its own.",
    argRunNotShell:
      "Left `{name}` as it is: the RUN on line {line} is not a shell script that `$(cat /run/secrets/{name})` could be put in front of.",
    argRunNotRoot:
      "Left `{name}` as it is: the RUN on line {line} runs as USER `{user}`, which cannot read `/run/secrets/{name}` (root, mode 0400) without the `env=` form of Dockerfile syntax 1.10.",
    argDeclaredAgain: "Left `{name}` as it is: it is declared again on line {line}.",
    argEnvInImage:
      "Left `{name}` as it is: `ENV {name}` on line {line} puts it into the image that containers run, which may read it; remove that ENV if only the build needs it.",
    argUsedOutsideRun: "Left `{name}` as it is: the {keyword} on line {line} uses it, and only a RUN can read a secret mount.",
    fileRelativeTarget:
      "Left `{name}` as it is: its destination is relative and the stage sets no WORKDIR before it, so its absolute path is unknown.",
    fileCopyFlag: "Left `{name}` as it is: the COPY sets `--{flag}`, which a secret mount (root-owned, mode 0400) would not keep.",
    fileRmNotTrailing:
      "Left `{name}` as it is: the RUN on line {line} does not end in `&& rm {target}`, so the deletion cannot be dropped cleanly.",
    fileUsedBy: "Left `{name}` as it is: the {keyword} on line {line} runs while the file is there.",
    fileOtherCopy:
      "Left `{name}` as it is: the {keyword} on line {line} may put it there too, and the deletion would then no longer remove that copy.",
    fileUserCannotRead:
      "Left `{name}` as it is: USER `{user}` (line {line}) could not read the secret mount, which belongs to root with mode 0400.",
  },
  run(df, input): Dockerfile {
    // split-stages repeats ARGs in the runtime stage with their original line: one note per line and message.
    const seen = new Set<string>();
    const once =
      (f: PassContext<MessageId>["report"]): PassContext<MessageId>["report"] =>
      (line, id, data) => {
        const key = `${line} ${id} ${data?.name ?? data?.file ?? ""}`;
        if (!seen.has(key)) f(line, id, data);
        seen.add(key);
      };
    const ctx: PassContext<MessageId> = { ...input, report: once(input.report), decline: once(input.decline) };
    const mount = ctx.options.secrets === "mount" && ctx.canUse(CONSTRUCTS.runMount);
    // Asked for, but the declared syntax (or the policy) rules out `RUN --mount`: the notes say so.
    const oldSyntax = ctx.options.secrets === "mount" && !mount;
    const envForm = ctx.canUse(CONSTRUCTS.secretEnv);
    const shipped = shippedStages(df);
    // The build context as a COPY sees it (.dockerignore applied), for the files a folder copy brings.
    let context: BuildContext | null = null;
    const view = () => (context ??= withDockerignore(ctx.context));
    let out = df;
    df.stages.forEach((stage, si) => {
      const edits = new Edits(stage.body);
      const pending: (() => void)[] = [];
      const parentOfOthers = df.stages.some((s, t) => t > si && s.base.raw.toLowerCase() === stage.name?.toLowerCase());
      stage.body.forEach((instr, i) => {
        if (ctx.isIgnored(instr)) return;
        if (instr.keyword === "ARG")
          secretArgs(df, stage, i, { ctx, mount, oldSyntax, envForm, edits, envMayGo: !shipped.has(si) && !parentOfOthers, pending });
        if (instr.keyword === "ENV" && !edits.dropped.has(i)) {
          for (const v of declaredVariables(instr, df.escape) ?? []) {
            if (isSecretName(v.name) || hasUrlCredentials(v.value ?? "")) ctx.decline(instr.line, "envSecret", { name: v.name });
          }
        }
        if (instr.keyword === "COPY") copiedFile(stage, i, { ctx, mount, oldSyntax, edits, view });
        if (instr.keyword === "RUN") writtenFile(stage, i, ctx);
      });
      for (const report of pending) report();
      const body = edits.apply();
      if (body !== stage.body) out = withStage(out, si, { ...stage, body });
    });
    return out;
  },
});

/** Changes to a stage body, by index of the original instruction. */
class Edits {
  readonly dropped = new Set<number>();
  readonly mounts = new Map<number, string[]>();
  readonly prefixes = new Map<number, string[]>();
  readonly args = new Map<number, string>();
  constructor(private readonly body: readonly Instruction[]) {}
  mountOn(i: number, value: string): void {
    this.mounts.set(i, [...(this.mounts.get(i) ?? []), value]);
  }
  apply(): readonly Instruction[] {
    if (this.dropped.size + this.mounts.size + this.prefixes.size + this.args.size === 0) return this.body;
    const body: Instruction[] = [];
    this.body.forEach((instr, i) => {
      if (this.dropped.has(i)) return;
      const mounts = this.mounts.get(i);
      const prefixes = this.prefixes.get(i);
      const args = this.args.get(i);
      if (!mounts && !prefixes && args === undefined) return void body.push(instr);
      const flags: Flag[] = [...(mounts ?? []).map((value) => ({ name: "mount", value })), ...instr.flags];
      body.push(changed(instr, { flags, args: [...(prefixes ?? []), args ?? instr.args].join("; ") }));
    });
    return body;
  }
}

interface ArgScope {
  readonly ctx: PassContext<MessageId>;
  readonly mount: boolean;
  /** `--secrets=mount` was asked for, and the syntax does not allow `RUN --mount`. */
  readonly oldSyntax: boolean;
  readonly envForm: boolean;
  readonly edits: Edits;
  /** An `ENV NAME=$NAME` may be dropped too: the stage is not shipped and no stage is built FROM it. */
  readonly envMayGo: boolean;
  readonly pending: (() => void)[];
}

function secretArgs(df: Dockerfile, stage: Stage, i: number, s: ArgScope): void {
  const instr = stage.body[i];
  const vars = declaredVariables(instr, df.escape) ?? [];
  for (const v of vars) {
    if (!isSecretName(v.name) && !hasUrlCredentials(v.value ?? "")) continue;
    if (v.value !== null && v.value !== "" && v.value !== '""') {
      s.ctx.decline(instr.line, "argDefault", { name: v.name });
      continue;
    }
    const flag = `id=${v.name},env=${v.name}`;
    if (!s.mount) {
      s.ctx.decline(instr.line, s.oldSyntax ? "argSecretOldSyntax" : "argSecret", { name: v.name, flag });
      continue;
    }
    const blocked = (id: MessageId, data: Readonly<Record<string, string | number>> = {}) =>
      s.ctx.decline(instr.line, id, { name: v.name, ...data });
    if (vars.length > 1) {
      blocked("argSeveral");
      continue;
    }
    const runs: number[] = [];
    const aliases: number[] = [];
    for (let k = i + 1; k < stage.body.length; k++) {
      const later = stage.body[k];
      if (later.keyword === "RUN") {
        if (!s.envForm && !parseRun(df, stage, later).ok) return blocked("argRunNotShell", { line: later.line });
        const user = stage.body
          .slice(0, k)
          .filter((l) => l.keyword === "USER")
          .pop();
        if (!s.envForm && user && !/^(root|0)(:|$)/.test(user.args.trim()))
          return blocked("argRunNotRoot", { line: later.line, user: user.args.trim() });
        runs.push(k);
      } else if (later.keyword === "ARG" && (declaredVariables(later, df.escape) ?? []).some((w) => w.name === v.name)) {
        return blocked("argDeclaredAgain", { line: later.line });
      } else if (later.keyword === "ENV" && isAlias(later, v.name, df.escape)) {
        if (!s.envMayGo) return blocked("argEnvInImage", { line: later.line });
        aliases.push(k);
      } else if (references(later.args, v.name) || later.flags.some((f) => references(f.value ?? "", v.name))) {
        return blocked("argUsedOutsideRun", { keyword: later.keyword, line: later.line });
      }
    }
    s.edits.dropped.add(i);
    for (const k of aliases) s.edits.dropped.add(k);
    for (const k of runs) {
      if (s.envForm) s.edits.mountOn(k, `type=secret,id=${v.name},env=${v.name}`);
      else {
        s.edits.mountOn(k, `type=secret,id=${v.name}`);
        s.edits.prefixes.set(k, [...(s.edits.prefixes.get(k) ?? []), `export ${v.name}="$(cat /run/secrets/${v.name})"`]);
      }
    }
    // Reported once the stage is done: a RUN that only deleted a mounted file may be dropped meanwhile.
    s.pending.push(() =>
      s.ctx.report(instr.line, "mountedArg", {
        name: v.name,
        lines: lineList(runs.filter((k) => !s.edits.dropped.has(k)).map((k) => stage.body[k].line)),
        flag,
      }),
    );
  }
}

/** `ENV NAME=$NAME` or `ENV NAME=${NAME}`: the argument re-exported under its own name. */
function isAlias(instr: Instruction, name: string, escape: Dockerfile["escape"]): boolean {
  const vars = declaredVariables(instr, escape);
  return vars?.length === 1 && vars[0].name === name && new RegExp(`^"?\\$(\\{${name}\\}|${name})"?$`).test(vars[0].value ?? "");
}

interface FileScope {
  readonly ctx: PassContext<MessageId>;
  readonly mount: boolean;
  readonly oldSyntax: boolean;
  readonly edits: Edits;
  readonly view: () => BuildContext;
}

/**
 * A credential file copied in and deleted by a later RUN of the stage: a COPY's source of its own (one of
 * several too), or a file at the top of a context folder it copies whole (`COPY . .` with an `.npmrc`).
 */
function copiedFile(stage: Stage, i: number, s: FileScope): void {
  const instr = stage.body[i];
  if (instr.exec || instr.flags.some((f) => f.name === "from")) return;
  const parts = instr.args.trim().split(/\s+/);
  if (parts.length < 2 || parts.some((p) => p.includes("$"))) return;
  const sources = parts.slice(0, -1);
  const dest = parts[parts.length - 1];
  for (const source of sources) {
    if (credentialFileId(source)) copiedSource(stage, i, s, source, null);
    else if (s.ctx.context.available && !/[*?[]/.test(source)) {
      // A folder of the context copied whole: the credential files at its top land in `dest` with it.
      const dir = source.replace(/^\.\/|\/+$/g, "") || ".";
      const view = s.view();
      if (view.read(dir) !== null) continue;
      for (const name of view.list(dir)) {
        const path = dir === "." ? name : `${dir}/${name}`;
        if (credentialFileId(name) && view.read(path) !== null) copiedSource(stage, i, s, path, `${dest.replace(/\/*$/, "")}/${name}`);
      }
    }
  }
}

/** One credential file a COPY brings: `src` its context path; `landsAt` where a whole folder's copy puts it. */
function copiedSource(stage: Stage, i: number, s: FileScope, src: string, landsAt: string | null): void {
  const instr = stage.body[i];
  const parts = instr.args.trim().split(/\s+/);
  const dest = landsAt ?? parts[parts.length - 1];
  const id = credentialFileId(src);
  if (!id) return;
  const base = src.split("/").pop()!;
  const workdir = workdirAt(stage, i);
  const destAbs = dest.startsWith("/") || dest.startsWith("~/") ? resolvePath("/", dest) : workdir && resolvePath(workdir, dest);
  const into = landsAt === null && (parts.length > 2 || dest.endsWith("/") || dest === "." || dest === "./");
  const target = destAbs && (into ? `${destAbs.replace(/\/$/, "")}/${base}` : destAbs);
  let rm = -1;
  for (let k = i + 1; k < stage.body.length && rm < 0; k++) {
    const later = stage.body[k];
    if (later.keyword !== "RUN") continue;
    const dir = workdirAt(stage, k);
    const gone = removedPaths(later.args).some(
      (p) => p.endsWith(base) && (!target || !dir || resolvePath(dir, p) === target || resolvePath("/", p) === target),
    );
    if (gone) rm = k;
  }
  if (rm < 0) return;
  const rmLine = stage.body[rm].line;
  const data = { file: src, rmLine, id, target: target ?? dest, src };
  if (landsAt !== null) return s.ctx.decline(instr.line, "copiedWithFolder", data);
  if (!s.mount) return s.ctx.decline(instr.line, s.oldSyntax ? "copiedFileOldSyntax" : "copiedFile", data);
  const blocked = (id: MessageId, data: Readonly<Record<string, string | number>> = {}) =>
    s.ctx.decline(instr.line, id, { name: src, ...data });
  if (!target) return blocked("fileRelativeTarget");
  if (instr.flags.length > 0) return blocked("fileCopyFlag", { flag: instr.flags[0].name });
  const removal = trailingRemoval(stage.body[rm].args);
  if (!removal || resolvePath(workdirAt(stage, rm) ?? "/", removal.path) !== target)
    return blocked("fileRmNotTrailing", { line: rmLine, target });
  for (let k = i + 1; k <= rm; k++) {
    const between = stage.body[k];
    if (!["RUN", "ENV", "ARG", "WORKDIR", "LABEL", "EXPOSE"].includes(between.keyword))
      return blocked("fileUsedBy", { keyword: between.keyword, line: between.line });
  }
  const rest = parts.filter((p, n) => n === parts.length - 1 || p !== src);
  const other = stage.body
    .slice(0, rm)
    .find(
      (l, k) =>
        (l.keyword === "COPY" || l.keyword === "ADD") &&
        !l.flags.some((f) => f.name === "from") &&
        (k === i ? rest.length > 1 && mayCopy({ ...l, args: rest.join(" ") }, base) : mayCopy(l, base)),
    );
  if (other) return blocked("fileOtherCopy", { keyword: other.keyword, line: other.line });
  const user = stage.body
    .slice(0, rm)
    .filter((l) => l.keyword === "USER")
    .pop();
  if (user && !/^(root|0)(:|$)/.test(user.args.trim())) return blocked("fileUserCannotRead", { user: user.args.trim(), line: user.line });
  const runs: number[] = [];
  for (let k = i + 1; k <= rm; k++) if (stage.body[k].keyword === "RUN" && !(k === rm && removal.rest === "")) runs.push(k);
  // The COPY keeps its other sources, into the same folder (a destination ending in `/` holds them alike).
  if (rest.length > 1) s.edits.args.set(i, rest.length === 2 && !/\/$/.test(rest[1]) ? [rest[0], `${rest[1]}/`].join(" ") : rest.join(" "));
  else s.edits.dropped.add(i);
  if (removal.rest === "") s.edits.dropped.add(rm);
  else s.edits.args.set(rm, removal.rest);
  for (const k of runs) s.edits.mountOn(k, `type=secret,id=${id},target=${target}`);
  s.ctx.report(instr.line, "mountedFile", { ...data, lines: lineList(runs.map((k) => stage.body[k].line)) });
}

/** Could this COPY's sources include a file named `base` (the file itself, a folder, `.` or a wildcard)? */
function mayCopy(instr: Instruction, base: string): boolean {
  const sources = instr.exec ? instr.exec.slice(0, -1) : instr.args.trim().split(/\s+/).slice(0, -1);
  // A source without a file extension may be a folder; `.` and wildcards may match anything.
  const couldHold = (p: string) => p === "." || p.endsWith("/") || /[*?[]/.test(p) || !/\.[^./]+$/.test(p);
  return sources.some((p) => p.split("/").pop() === base || couldHold(p));
}

const lineList = (lines: number[]) => (lines.length === 0 ? "no line" : `${lines.length === 1 ? "line" : "lines"} ${lines.join(", ")}`);

/** A credential file written by one RUN and deleted by a later one: report only. */
function writtenFile(stage: Stage, i: number, ctx: PassContext<MessageId>): void {
  const instr = stage.body[i];
  for (const path of writtenPaths(instr.args)) {
    const id = credentialFileId(path);
    if (!id || removedPaths(instr.args).includes(path)) continue;
    const base = path.split("/").pop()!;
    const rm = stage.body.slice(i + 1).find((l) => l.keyword === "RUN" && removedPaths(l.args).some((p) => p.split("/").pop() === base));
    if (rm) ctx.decline(instr.line, "writtenFile", { file: path, rmLine: rm.line, id });
  }
}

/** The absolute WORKDIR in effect before instruction `i` of the stage, or null when unknown. */
function workdirAt(stage: Stage, i: number): string | null {
  let dir: string | null = null;
  for (const instr of stage.body.slice(0, i)) {
    if (instr.keyword !== "WORKDIR") continue;
    const path = instr.args.trim();
    if (path.includes("$")) return null;
    dir = path.startsWith("/") ? path : dir && resolvePath(dir, path);
  }
  return dir;
}
