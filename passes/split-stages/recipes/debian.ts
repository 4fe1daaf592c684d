// Debian and Ubuntu: the same release (slim variant for Debian), without the build-only packages.
import { isOfficial, keepsEverything, noInserts, type Recipe } from "./types.js";

export const debianRecipe: Recipe = {
  id: "debian",
  matches: (base) => isOfficial(base, "debian") || isOfficial(base, "ubuntu"),
  tools: [],
  plan(base, a, _context, runtimePackages) {
    const tag = base.tag ?? "latest";
    let image = base.raw;
    if (base.name === "debian" && !tag.endsWith("slim")) image = `debian:${tag === "latest" ? "stable" : tag}-slim`;
    // Only what the build installs to build can go: without it, the split would only trade the base image.
    if (a.copyPaths.length > 0 && keepsEverything(a, runtimePackages))
      return { ok: false, id: image === base.raw ? "nothingToGain" : "nothingBuildOnly", data: { image: base.raw, slim: image } };
    return { ok: true, plan: { image, shellless: false, ...noInserts } };
  },
};
