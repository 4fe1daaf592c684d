import { CACHE_MOUNTS_OPTION } from "../../src/core/settings.js";
import { withStage, type Dockerfile } from "../../src/core/ir.js";
import { definePass, type PassContext } from "../../src/core/pass.js";
import { shippedStages } from "../../src/core/stages.js";
import { cleanupRun, type CleanupNote, type CleanupNoteId, type RuntimeUses } from "./cleanup.js";
import { wrappedUses } from "./later-starts.js";
import { mergeRuns, type MergeNoteId } from "./merge.js";
import { CONSTRUCTS } from "../../src/core/syntax.js";
import { managerUses, mayUseSpec, type ManagerSpec } from "./package-managers.js";
import { runtimeScripts } from "./runtime.js";
import { parseShell } from "../../src/core/shell.js";

type MessageId = MergeNoteId | CleanupNoteId | "mountsNotAllowed";

export default definePass({
  id: "merge-run",
  title: "Merge consecutive RUN instructions and clean package caches in the same layer",
  rationale: [
    "Every RUN is a layer, and a file that a later RUN deletes still ships in the earlier layer. This pass merges",
    "consecutive RUNs of a stage into one `&&` chain, one command per line, when the merged shell provably fails",
    "exactly when one of the RUNs would have and every command sees the same shell state: a RUN that leaves state",
    "(cd, export, umask…) runs in `( … )`; `a; b` and `a || b` are grouped in `{ …; }`. These stop a merge, with",
    "a note: `set -e`, `trap`, a daemon started by `service` & co., a background `&`, a trailing `# comment`,",
    "different flags, a fresh tmpfs or writable bind mount, exec form, heredocs, non-POSIX shells, a SHELL with",
    "`-e` or `--login`, and `ENV BASH_ENV`; a RUN that replaces the shell (`ln -sf bash /bin/sh`, dpkg-divert,",
    "update-alternatives, `dpkg-reconfigure dash`), since every later RUN starts the new one; and a RUN that puts",
    "a program on PATH (`ln`/`cp`/`curl -o` into a bin folder, `pip install`, `npm i -g`, `make install`,",
    "`curl … | sh`) when a later RUN runs a command the group has already run: dash and bash remember where they",
    "found a command, so merged, the later RUN would not see the new program (system package managers, which",
    "install into the system folders last on PATH, do not count). Instructions in between end a run of RUNs.",
    "Comments inside a rewritten RUN move above it, unchanged.",
    "Then, in the stages that end up in the final image, each package install answers prompts (`-y`) and keeps",
    "its cache out of the layer: apt lists removed (only when `apt-get update` runs in the same RUN), `apk add",
    "--no-cache` (and the index removed where `apk update` or `-U` wrote one), `yum/dnf/microdnf/zypper clean`,",
    "`pip --no-cache-dir`, `npm cache clean --force`, `yarn cache clean` (Yarn 1 only: in Yarn 2+ the cache holds",
    "the packages), `pnpm store prune`, `gem --no-document`, `composer clear-cache`, `go clean -cache`, cargo's",
    "registry. Nothing is removed that a later RUN of the stage or of a stage built FROM it still reads (apt or apk",
    "commands that read the package index without their own update: installs, `apt-cache`, `apt-get download`,",
    "`apk upgrade`…; `--offline`, `--cacheonly`, cargo), nor what an ONBUILD RUN trigger reads in the builds that start FROM",
    "the image, nor what the image's ENTRYPOINT, CMD or HEALTHCHECK (in shell or exec form, also behind `sh -c`), or a",
    "script of the build context they start, reads at run time, nor a cache on a cache mount. RUNs are tidied from the last to",
    "the first, so that each sees the later ones as they end up.",
    "`--no-install-recommends` is NOT added by default: it changes which packages get installed (curl loses",
    "ca-certificates, and with it https). Set the option `aptNoRecommends` (CLI `--apt-no-recommends`) to add it.",
    "With `--cache-mounts`, caches go on `RUN --mount=type=cache` instead (apt: /var/cache/apt and",
    "/var/lib/apt/lists with sharing=locked, and the image's docker-clean hook removed so that apt keeps its",
    "downloads there; dnf, yum, zypper and yarn locked too). For a non-root USER that the Dockerfile creates",
    "(`useradd -u`), the mount goes to that user's home with `uid=`/`gid=`; when the uid or home is not known,",
    "when ENV or the command moves the cache (`PIP_CACHE_DIR`, `npm_config_cache`, `GOCACHE`, `HOME`…), or for a",
    "system package manager under a non-root USER, no mount is added and the cache is cleaned as without the option.",
  ].join(" "),
  messages: {
    merged: "Merged {count} RUN instructions ({lines}) into one.",
    mergedIsolated:
      "Merged {count} RUN instructions ({lines}) into one, running {isolated} in a subshell `( … )` so that what it leaves behind ({what}) does not reach the later commands, as before.",
    flagsDiffer:
      "Did not merge this RUN into the RUN on line {other}: their flags differ (`{flags}`); give both the same flags to merge them.",
    freshMount:
      "Did not merge this RUN with the RUN on line {other}: each RUN gets a fresh `--mount={mount}`, so merged, later commands would see what earlier ones wrote there.",
    heredoc: "Did not merge this RUN with the RUN on line {other}: it uses a heredoc, which merge-run leaves as it is.",
    execForm: "Did not merge this RUN with the RUN on line {other}: it is in exec (JSON) form, which runs without a shell.",
    windowsEscape:
      "Did not merge RUN instructions: the file uses `# escape=`` (a Windows Dockerfile), whose shell merge-run does not read.",
    nonPosixShell: "Did not merge this RUN with the RUN on line {other}: its shell is `{shell}`, not a POSIX shell.",
    tooDeep:
      "Did not merge this RUN with the RUN on line {other}: its shell script nests more than {depth} levels deep, deeper than merge-run reads; split it into smaller RUNs to let it merge.",
    parseError:
      "Did not merge this RUN with the RUN on line {other}: its shell script does not parse cleanly, and merge-run rewrites only scripts it can read.",
    noCommand: "Did not merge this RUN with the RUN on line {other}: it runs no command.",
    daemon:
      "Did not merge this RUN with the RUN on line {other}: a daemon that {command} starts would keep running during the later commands (a RUN's processes stop with it); keep such RUNs separate.",
    setErrexit:
      "Did not merge this RUN with the RUN on line {other}: its {command} would carry over to the later commands, and in `( … )` on the left of `&&` the shell ignores `-e`; keep such RUNs separate.",
    trap: "Did not merge this RUN with the RUN on line {other}: its `trap` would fire at the end of the merged RUN instead of its own; keep such RUNs separate.",
    replacesShell:
      "Did not merge this RUN with the RUN on line {other}: that RUN replaces the shell ({command}), and every later RUN starts the new one; merged, the old shell would run this RUN's commands.",
    hashedCommand:
      "Did not merge this RUN with the RUN on line {other}: that RUN puts programs on PATH ({command}), and this RUN runs `{name}`, which the merged shell would already have looked up and would keep finding where it was before; start this RUN with `hash -r` to merge them.",
    trailingComment:
      "Did not merge this RUN with the RUN on line {other}: its trailing `# comment` would swallow the commands joined after it; move the comment to a line above the RUN.",
    background:
      "Did not merge this RUN with the RUN on line {other}: it starts a command in the background with `&`, which would keep running during the merged commands.",
    errexitShell:
      "Did not merge this RUN with the RUN on line {other}: the SHELL `{shell}` runs with `-e`, which a merged command group would not honour the same way.",
    mountsNotAllowed:
      "Did not use cache mounts: the file's `# syntax=` (or `--syntax-directive=never`) does not allow `RUN --mount`; caches are cleaned instead. Raise the syntax to docker/dockerfile:1.2 or later to use them.",
    heredocLeftAlone:
      "Left the `{manager}` caches of this heredoc RUN alone: merge-run does not rewrite heredocs; clean up at the end of the heredoc script yourself.",
    startupShell:
      "Did not merge this RUN with the RUN on line {other}: with `{shell}`, bash runs start-up scripts before each RUN, whose functions (conda, nvm…) may change the shell; merged, they would run once for all.",
    added: "Added {added} to this RUN, so that its package installs leave no cache in the layer and cannot stop at a prompt.",
    mounted: "Put the package caches of this RUN on BuildKit cache mounts ({targets}) instead of in the layer.",
    mountedApt:
      "Put the package caches of this RUN on BuildKit cache mounts ({targets}) instead of in the layer, and removed the image's `docker-clean` apt hook so that apt keeps its downloads on the mount.",
    notShipped: "Left the caches of `{manager}` in place: stage {stage} is not part of the final image, so they cost it nothing.",
    laterScriptUnread:
      "Left the caches of `{manager}` in place: the RUN on line {line} starts `{script}`, a file of the build context msb-opt cannot read, which may install with `{manager}` from them; clean up in that RUN instead.",
    laterNeedsCache:
      "Left the caches of `{manager}` in place: a later RUN on top of this layer uses them (a command that reads the package index without its own update, `--offline`, `--cacheonly`, or cargo); clean up in that RUN instead.",
    runtimeNeedsCache:
      "Left the caches of `{manager}` in place: the image's {instruction} on line {line} (or a script of the build context it starts) runs `{manager}` in a way that reads them at run time.",
    onbuildNeedsCache:
      "Left the caches of `{manager}` in place: the ONBUILD trigger on line {line} runs `{manager}` in the builds that start FROM this image, and reads them there (a command that reads the package index without its own update); give the trigger its own update to let them be cleaned.",
    onbuildScriptUnread:
      "Left the caches of `{manager}` in place: the ONBUILD trigger on line {line} starts `{script}`, a file of a later build's context that msb-opt cannot read, which may install with `{manager}` from them.",
    aptWithoutUpdate:
      "Left the apt lists alone: `{manager} install` runs without `{manager} update` in the same RUN, so the lists come from another layer; put `{manager} update &&` in front of the install to clean them in one layer.",
    yarnVersionUnknown:
      "Did not add `yarn cache clean`: the build context does not show that the project uses Yarn 1 (it has a `.yarnrc.yml`, `packageManager: yarn@2+` or no package.json), and in Yarn 2+ the cache may hold the installed packages; add it yourself if the project uses Yarn 1.",
    ignored: "Did not merge this RUN with its neighbours: `# msb-opt ignore=merge-run` above it keeps it as it is.",
    mountNotRoot:
      "Did not add a cache mount for `{manager}`: this RUN runs as USER `{user}`, and `{manager}` installs need root; its cache is handled as without `--cache-mounts`.",
    mountUserUnknown:
      "Did not add a cache mount for `{manager}`: this RUN runs as USER `{user}`, whose uid and home this file does not show (a cache mount belongs to root unless it gets `uid=`), so its cache is handled as without `--cache-mounts`; create the user in the Dockerfile (`useradd -u …`) to get one.",
    mountCacheMoved:
      "Did not add a cache mount for `{manager}`: `{setting}` moves its cache away from where the mount would be, so its cache is handled as without `--cache-mounts`.",
  },
  options: {
    cacheMounts: CACHE_MOUNTS_OPTION,
    aptNoRecommends: {
      type: "boolean",
      default: false,
      help: "add --no-install-recommends to apt-get install (off by default: it changes which packages are installed)",
    },
  },
  run(df, ctx): Dockerfile {
    const shipped = shippedStages(df);
    const scripts = runtimeScripts(df, shipped, ctx.context);
    const runtime = new Map<ManagerSpec, readonly RuntimeUses[]>();
    const options = {
      cacheMounts: ctx.options.cacheMounts === true && ctx.canUse(CONSTRUCTS.runMount),
      aptNoRecommends: ctx.options.aptNoRecommends === true,
      yarnClassic: yarnClassic(ctx),
      context: ctx.context,
      // Parsed when a cleanup first asks about a manager, and only the scripts that name it: most files never
      // ask, and a script of the build context can be long (or a data file a CMD names).
      runtime(spec: ManagerSpec): readonly RuntimeUses[] {
        let uses = runtime.get(spec);
        if (!uses) {
          uses = scripts
            .filter((s) => mayUseSpec(s.text, spec))
            .map((s) => {
              const parsed = parseShell(s.text);
              // `CMD ["sh", "-c", "apt-get install …"]` runs the manager behind a shell.
              return { keyword: s.keyword, line: s.line, uses: [...managerUses(parsed), ...wrappedUses(parsed, spec)] };
            });
          runtime.set(spec, uses);
        }
        return uses;
      },
    };
    if (ctx.options.cacheMounts === true && !options.cacheMounts) ctx.decline(1, "mountsNotAllowed", {});
    let out = df;
    df.stages.forEach((stage, si) => {
      const merged = mergeRuns(out, stage, (instr) => ctx.isIgnored(instr));
      for (const n of merged.notes) (n.kind === "change" ? ctx.report : ctx.decline)(n.line, n.id, n.data);
      out = withStage(out, si, merged.body === stage.body ? stage : { ...stage, body: merged.body });
    });
    // From the last RUN back to the first: whether a RUN may drop a cache depends on what the later RUNs read,
    // as they will be once tidied (an `apk add` given `--no-cache` no longer reads an earlier layer's index).
    const notes: CleanupNote[] = [];
    for (let si = out.stages.length - 1; si >= 0; si--) {
      for (let k = out.stages[si].body.length - 1; k >= 0; k--) {
        const instr = out.stages[si].body[k];
        if (ctx.isIgnored(instr)) continue;
        const cleaned = cleanupRun(out, si, instr, shipped.has(si), options);
        notes.unshift(...cleaned.notes);
        if (cleaned.instr === instr) continue;
        const body = out.stages[si].body.map((b, n) => (n === k ? cleaned.instr : b));
        out = withStage(out, si, { ...out.stages[si], body });
      }
    }
    for (const n of notes) (n.kind === "change" ? ctx.report : ctx.decline)(n.line, n.id, n.data);
    return out;
  },
});

/** Yarn 1 when the context shows it: no `.yarnrc.yml` and no `packageManager: yarn@2+`; null when unknown. */
function yarnClassic(ctx: PassContext<MessageId>): boolean | null {
  if (!ctx.context.available) return null;
  if (ctx.context.exists(".yarnrc.yml")) return false;
  const pkg = ctx.context.read("package.json");
  if (pkg === null) return null;
  try {
    const manager = (JSON.parse(pkg) as { packageManager?: unknown }).packageManager;
    return !(typeof manager === "string" && /^yarn@([2-9]|\d\d)/.test(manager));
  } catch {
    return null;
  }
}
