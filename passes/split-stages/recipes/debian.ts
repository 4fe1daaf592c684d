// Debian and Ubuntu: the same release (slim variant for Debian), without the build-only packages. Debian's
// python3 with `pip install --break-system-packages` as root: its /usr/local site folder is copied too.
import { debianRelease } from "../closure/debian-release.js";
import { withContextReplay } from "../context-replay.js";
import { copyDestination } from "../contract.js";
import { outermost } from "../paths.js";
import { pipCommands, sitePaths } from "./python-site.js";
import { isOfficial, keepsEverything, noInserts, type PlanResult, type Recipe } from "./types.js";

/** The python3 of each Debian release (its default interpreter). */
const DEBIAN_PYTHON: Readonly<Record<string, string>> = { bullseye: "3.9", bookworm: "3.11", trixie: "3.13" };

export const debianRecipe: Recipe = {
  id: "debian",
  matches: (base) => isOfficial(base, "debian") || isOfficial(base, "ubuntu"),
  tools: [],
  systemPip: true,
  plan(base, a, context, runtimePackages): PlanResult {
    const tag = base.tag ?? "latest";
    let image = base.raw;
    if (base.name === "debian" && !tag.endsWith("slim")) image = `debian:${tag === "latest" ? "stable" : tag}-slim`;
    // Only what the build installs to build can go: without it, the split would only trade the base image.
    if (a.copyPaths.length > 0 && keepsEverything(a, runtimePackages))
      return { ok: false, id: image === base.raw ? "nothingToGain" : "nothingBuildOnly", data: { image: base.raw, slim: image } };
    if (a.systemPip.length === 0)
      return { ok: true, plan: withContextReplay(a, { image, shellless: false, ...noInserts }, copyDestination) };
    const release = debianRelease(base);
    const python = release === null ? undefined : DEBIAN_PYTHON[release];
    if (!python || !runtimePackages.some((p) => /^python3(\.\d+)?([=:]|$)/.test(p))) {
      return { ok: false, id: "pythonVersion", data: { image: base.raw } };
    }
    const site = sitePaths(a, python, "debian");
    const notes = [{ line: a.systemPip[0].line, id: "sitePackages" as const, data: { paths: site.join("`, `"), version: python } }];
    const copyPaths = outermost([...a.copyPaths, ...site]);
    const plan = { image, shellless: false, builderInserts: [], runtimePrelude: [], notes, copyPaths, commands: pipCommands(context, a) };
    return { ok: true, plan: withContextReplay(a, plan, copyDestination) };
  },
};
