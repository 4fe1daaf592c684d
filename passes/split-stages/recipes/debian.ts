// Debian and Ubuntu: the same release (slim variant for Debian), without the build-only packages.
import { isOfficial, noInserts, type Recipe } from "./types.js";

export const debianRecipe: Recipe = {
  id: "debian",
  matches: (base) => isOfficial(base, "debian") || isOfficial(base, "ubuntu"),
  tools: [],
  plan(base, a, _context, runtimePackages) {
    const tag = base.tag ?? "latest";
    let image = base.raw;
    if (base.name === "debian" && !tag.endsWith("slim")) image = `debian:${tag === "latest" ? "stable" : tag}-slim`;
    const installed = a.apt.flatMap((i) => i.packages).length;
    if (image === base.raw && installed === runtimePackages.length) return { ok: false, id: "nothingToGain", data: { image: base.raw } };
    return { ok: true, plan: { image, shellless: false, ...noInserts } };
  },
};
