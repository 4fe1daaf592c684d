// Python: the same version on its `-slim` variant; the virtualenv and the app folder are copied.
import { isOfficial, noInserts, splitCodename, type Recipe } from "./types.js";

export const pythonRecipe: Recipe = {
  id: "python",
  matches: (base) => isOfficial(base, "python"),
  tools: ["python", "python3", "pip", "pip3"],
  plan(base) {
    const tag = base.tag ?? "latest";
    if (/slim|alpine/.test(tag)) return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    const { version, codename } = splitCodename(tag);
    // Official tags put the codename after `slim`: 3.11-slim-bookworm.
    const slim = tag === "latest" ? "slim" : `${version ? `${version}-` : ""}slim${codename ? `-${codename}` : ""}`;
    return { ok: true, plan: { image: `${base.name}:${slim}`, shellless: false, ...noInserts } };
  },
};
