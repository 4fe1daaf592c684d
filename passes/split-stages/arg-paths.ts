// A working folder from a build argument (`ARG APP_HOME=/srv/app` + `WORKDIR ${APP_HOME}`): the analysis reads the
// paths under the argument's default, but `--build-arg APP_HOME=/opt/x` moves the build's files there. The runtime
// follows exactly when it repeats the argument (the stage's ARG lines are replayed in place) and its copies from
// the pass's stages name the variable instead of the default: `COPY --from=build ${APP_HOME}/dist ${APP_HOME}/dist`.
// That holds only when the default's text appears nowhere else (a literal `/srv/app/x` would not move) and every
// such copy comes after the argument is declared in its stage.
import type { Dockerfile, Instruction, Stage } from "../../src/core/ir.js";
import { changed } from "../../src/core/ir.js";
import type { Analysis } from "./analysis.js";

export type ArgPathsResult = { readonly ok: true; readonly df: Dockerfile } | { readonly ok: false; readonly reason: string };

/** The variable and its default, when the stage's paths came from one build argument. */
export function argOfPaths(a: Analysis): { arg: string; value: string; line: number; path: string } | null {
  return a.argPaths[0] ?? null;
}

/**
 * `out` (the assembled file; the stages from `index` on are the pass's) with the
 * copies from the pass's stages naming the build argument, or why that cannot be kept exact.
 */
export function keepArgPaths(out: Dockerfile, original: Dockerfile, index: number, a: Analysis): ArgPathsResult {
  const first = argOfPaths(a);
  if (first === null) return { ok: true, df: out };
  const { arg, value } = first;
  const other = a.argPaths.find((p) => p.arg !== arg);
  if (other) return { ok: false, reason: `\`${other.path}\` comes from another build argument, \`${other.arg}\`` };
  if (value === "/" || !value.startsWith("/")) return { ok: false, reason: `its default \`${value}\` is not a folder of its own` };
  const mentions = (text: string) => new RegExp(`(^|[^\\w./-])${escape(value)}(?=$|[/\\s"':;,\\]])`).test(text);
  const declaresArg = (i: Instruction) => i.keyword === "ARG" && new RegExp(`^\\s*${arg}(=|\\s|$)`).test(i.args);
  // The default written out elsewhere stays where it is when the argument moves the rest.
  const literal = [...original.globalArgs, ...original.stages[index].body].find((i) => !declaresArg(i) && mentions(i.args));
  if (literal) return { ok: false, reason: `line ${literal.line} writes \`${value}\` literally, which an override would not move` };
  const passStages = new Set(out.stages.slice(index).map((s) => s.name?.toLowerCase() ?? ""));
  const stages: Stage[] = [];
  for (const [k, stage] of out.stages.entries()) {
    if (k < index) {
      stages.push(stage);
      continue;
    }
    let declared = false;
    const body: Instruction[] = [];
    for (const instr of stage.body) {
      if (declaresArg(instr)) declared = true;
      const from = instr.flags.find((f) => f.name === "from")?.value?.toLowerCase();
      if (instr.keyword === "COPY" && from !== undefined && passStages.has(from) && !instr.exec) {
        const words = instr.args.split(/(\s+)/);
        const moved = words.map((w) => (w === value || w.startsWith(`${value}/`) ? `\${${arg}}${w.slice(value.length)}` : w));
        if (moved.join("") !== instr.args) {
          if (!declared)
            return { ok: false, reason: `stage \`${stage.name ?? "runtime"}\` copies \`${value}\` before it declares \`${arg}\`` };
          body.push(changed(instr, { args: moved.join("") }));
          continue;
        }
      }
      if (!declaresArg(instr) && mentions(instr.args))
        return {
          ok: false,
          reason: `stage \`${stage.name ?? "runtime"}\` would name \`${value}\` literally (its \`${instr.keyword}\` line ${instr.line})`,
        };
      body.push(instr);
    }
    stages.push({ ...stage, body });
  }
  return { ok: true, df: { ...out, stages } };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
