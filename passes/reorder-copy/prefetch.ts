// The standard dependency step a build lacks: `go mod download`, `mvn dependency:go-offline` or
// `dotnet restore` before `COPY . .`, so that the download is cached apart from the sources. Only options
// known not to change what is resolved are carried over from the build command.
import type { BuildContext } from "../../src/core/context.js";
import type { Instruction } from "../../src/core/ir.js";
import type { Copy } from "./copies.js";
import { assignments, type BuildWithoutDependencyStep, type InstallStep } from "./install-commands.js";
import { join } from "./manifests/collector.js";
import { hasRequirements } from "./manifests/go.js";
import { refusal, type Refusal } from "./messages.js";
import { environmentAt, installSite } from "./plan.js";

export type Prefetch =
  /** Nothing to download (no requirements, no manifest): say nothing. */
  | { readonly kind: "none" }
  /** No step msb-opt can add and prove for this tool: advise one. */
  | { readonly kind: "advice" }
  | { readonly kind: "refused"; readonly refusal: Refusal }
  | { readonly kind: "step"; readonly text: string; readonly step: InstallStep };

const MAVEN_KEEP = new Set([
  "-B",
  "--batch-mode",
  "-q",
  "--quiet",
  "-ntp",
  "--no-transfer-progress",
  "-e",
  "--errors",
  "-U",
  "--update-snapshots",
]);
const MAVEN_KEEP_VALUE = new Set(["-s", "--settings", "-gs", "--global-settings", "-P", "--activate-profiles"]);
const MAVEN_DROP = /^(-DskipTests(=true)?|-Dmaven\.test\.skip(=true)?|-DskipITs(=true)?|-T\S*|--threads(=\S+)?|-o|--offline)$/;
const MAVEN_GOALS = /^(clean|validate|compile|test|package|verify|install|spring-boot:repackage)$/;

const DOTNET_KEEP_VALUE = new Set(["-r", "--runtime", "--configfile", "-s", "--source"]);
const DOTNET_DROP_VALUE = new Set(["-c", "--configuration", "-o", "--output", "-f", "--framework", "-v", "--verbosity"]);
const DOTNET_DROP = /^(--nologo|--self-contained|--no-self-contained|-sc|--sc)$/;

export function prefetchFor(
  build: BuildWithoutDependencyStep,
  body: readonly Instruction[],
  index: number,
  copies: readonly Copy[],
  view: BuildContext,
): Prefetch {
  const words = build.cmd.args.map((w) => w.value);
  const env = assignments(build.cmd);
  if (build.tool === "go") {
    const site = installSite(body, index, copies);
    if (!site.ok) return { kind: "refused", refusal: site.refusal };
    const goMod = view.read(join(site.dir, "go.mod") ?? "go.mod");
    if (goMod === null) return { kind: "none" };
    const flags = [env.get("GOFLAGS"), environmentAt(body, index).get("GOFLAGS")].join(" ");
    if (view.exists(join(site.dir, "vendor") ?? "vendor") || /-mod=vendor/.test(flags))
      return { kind: "refused", refusal: refusal("goVendored") };
    if (!hasRequirements(goMod) && !view.exists(join(site.dir, "go.sum") ?? "go.sum")) return { kind: "none" };
    return step("go mod download", { ecosystem: "go", command: "go mod download", args: [], files: [], env, added: true });
  }
  if (words.some((w) => w === null)) return { kind: "refused", refusal: refusal("variableArgument", { command: build.command }) };
  const args = words as string[];
  if (build.tool === "maven") {
    const program = build.cmd.name ?? "mvn";
    const kept: string[] = [];
    const files: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (MAVEN_KEEP.has(a)) kept.push(a);
      else if (MAVEN_KEEP_VALUE.has(a) && k + 1 < args.length) {
        kept.push(a, args[++k]);
        if (a !== "-P" && a !== "--activate-profiles") files.push(args[k]);
      } else if (!MAVEN_DROP.test(a) && !MAVEN_GOALS.test(a))
        return { kind: "refused", refusal: refusal("prefetchOptions", { command: build.command, option: a }) };
    }
    const text = [program, ...kept, "dependency:go-offline"].join(" ");
    const name = program.replace(/^.*\//, "");
    return step(text, { ecosystem: "maven", command: `${name} dependency:go-offline`, args: kept, files, env, added: true });
  }
  if (build.tool === "dotnet") {
    const kept: string[] = [];
    const files: string[] = [];
    for (let k = 1; k < args.length; k++) {
      const a = args[k];
      if (DOTNET_KEEP_VALUE.has(a) && k + 1 < args.length) {
        kept.push(a, args[++k]);
        if (a === "--configfile") files.push(args[k]);
      } else if (DOTNET_DROP_VALUE.has(a)) k++;
      else if (DOTNET_DROP.test(a)) continue;
      else if (!a.startsWith("-") && !a.startsWith("/")) {
        kept.unshift(a);
        files.push(a);
      } else return { kind: "refused", refusal: refusal("prefetchOptions", { command: build.command, option: a }) };
    }
    const text = ["dotnet", "restore", ...kept].join(" ");
    return step(text, { ecosystem: "dotnet", command: "dotnet restore", args: kept, files, env, added: true });
  }
  return { kind: "advice" };
}

const step = (text: string, s: InstallStep): Prefetch => ({ kind: "step", text, step: s });
