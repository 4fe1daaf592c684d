// One toolchain release, named once: stages built on `node:20.18.1` and `node:20.18.1-slim` share
// `ARG NODE_VERSION=20.18.1`, so a version bump cannot update the builder and forget the runtime.
import { instruction, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";
import { definePass } from "../../src/core/pass.js";
import { PIN_OPTION } from "../../src/core/settings.js";
import { argDefaults, spliceFrom, withFrom } from "../../src/core/from-refs.js";
import { toolchains, versionArgName } from "./toolchains.js";

export default definePass({
  id: "version-args",
  title: "Name a toolchain version once for all stages",
  rationale:
    "A multi-stage build often starts its builder and its runtime from variants of one release (`node:20.18.1` and `node:20.18.1-slim`). Written twice, a version bump can update one and forget the other, and the runtime then runs code built by another release. This pass declares the version once as a global `ARG` before the first FROM and uses it in every FROM line of that toolchain. Global ARGs are visible only to FROM lines, so nothing inside the stages changes. Files that already use build arguments in FROM are left alone.",
  options: { pin: PIN_OPTION },
  messages: {
    declared:
      "Declared `ARG {name}={version}` before the first FROM and used it in the FROM lines of {stages}, so that a version bump of `{repository}` is a one-line edit.",
    differentVersions:
      "Left the FROM lines of `{repository}` alone: its stages ask for different releases ({versions}); make them equal to share one version ARG.",
    nameTaken:
      "Left the FROM lines of `{repository}` alone: the file already declares `ARG {name}`, whose meaning a global default would change; rename it to let the pass add one.",
    ignored:
      "Left the FROM lines of `{repository}` alone: `# msb-opt ignore=version-args` above the FROM on line {line} keeps it as written.",
    digestPolicy:
      "Left the FROM lines of `{repository}` alone: `--pin=digest` pins each FROM line by digest, which a version ARG shared by several images would prevent.",
  },
  run(df, ctx) {
    // A file that already builds its FROM lines from arguments has its own scheme: leave it to the user.
    if (df.stages.some((s) => s.base.raw.includes("$"))) return df;
    const declared = new Set(declaredArgs(df));
    const stages = df.stages.slice();
    const args: Instruction[] = [];
    for (const tc of toolchains(df)) {
      const line = df.stages[tc.uses[0].stage].from.line;
      const data = { repository: tc.repository };
      const versions = [...new Set(tc.uses.map((u) => u.version))];
      if (versions.length > 1) {
        ctx.decline(line, "differentVersions", { ...data, versions: versions.map((v) => `\`${v}\``).join(", ") });
        continue;
      }
      if (ctx.options.pin === "digest") {
        ctx.decline(line, "digestPolicy", data);
        continue;
      }
      const ignored = tc.uses.find((u) => ctx.isIgnored(df.stages[u.stage].from));
      if (ignored) {
        ctx.decline(line, "ignored", { ...data, line: df.stages[ignored.stage].from.line });
        continue;
      }
      const name = versionArgName(tc.repository);
      if (declared.has(name)) {
        ctx.decline(line, "nameTaken", { ...data, name });
        continue;
      }
      const rewritten = tc.uses.map((u) => {
        const stage = df.stages[u.stage];
        const ref = `${tc.repository}:\${${name}}${u.variant ? `-${u.variant}` : ""}`;
        const from = spliceFrom(stage.from, stage.base.raw, ref);
        return from && { index: u.stage, stage: withFrom(stage, from, ref) };
      });
      if (rewritten.some((r) => r === null)) continue; // the reference is not on the line as parsed
      for (const r of rewritten) if (r) stages[r.index] = r.stage;
      declared.add(name);
      args.push(instruction("ARG", `${name}=${versions[0]}`, { line }));
      const names = tc.uses.map((u) => (df.stages[u.stage].name ? `\`${df.stages[u.stage].name}\`` : `stage ${u.stage}`)).join(", ");
      ctx.report(line, "declared", { ...data, name, version: versions[0], stages: names });
    }
    if (args.length === 0) return df;
    return withGlobalArgs({ ...df, stages }, args);
  },
});

/** Every ARG name the file declares, globally or in a stage. */
function declaredArgs(df: Dockerfile): string[] {
  const all = [...df.globalArgs, ...df.stages.flatMap((s) => s.body.filter((i) => i.keyword === "ARG"))];
  return all.flatMap((a) => argDefaults(a).map((d) => d.name));
}

/**
 * The file with `args` after its global ARGs. When there were none, a header comment that a blank line
 * separates from the first FROM stays at the top, and a blank line sets the new ARGs off from the FROM.
 */
function withGlobalArgs(df: Dockerfile, args: Instruction[]): Dockerfile {
  if (df.globalArgs.length > 0) return { ...df, globalArgs: [...df.globalArgs, ...args] };
  const first: Stage = df.stages[0];
  const lead = first.from.leading;
  const lines = lead.match(/[^\n]*\n/g) ?? [];
  let cut = 0;
  lines.forEach((l, i) => {
    if (/^\s*$/.test(l)) cut = i + 1;
  });
  const header = lines.slice(0, cut).join("");
  const rest = lines.slice(cut).join("");
  const withHeader = [{ ...args[0], leading: header }, ...args.slice(1)];
  const from = { ...first.from, leading: `${df.newline}${rest}` };
  return { ...df, globalArgs: withHeader, stages: [{ ...first, from }, ...df.stages.slice(1)] };
}
