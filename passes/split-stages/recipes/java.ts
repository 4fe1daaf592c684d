// Java: the same Temurin major on its JRE image (`17-jdk` → `17-jre`; `maven:…-eclipse-temurin-17` → `eclipse-temurin:17-jre`).
import { isOfficial, noInserts, type Recipe } from "./types.js";

const UBUNTU = /^(focal|jammy|noble)$/;

export const javaRecipe: Recipe = {
  id: "java",
  matches: (base) => isOfficial(base, "eclipse-temurin") || (isOfficial(base, "maven") && /eclipse-temurin-\d+/.test(base.tag ?? "")),
  tools: ["java"],
  plan(base) {
    const tag = base.tag ?? "latest";
    let jre: string | null = null;
    if (base.name === "maven") {
      const m = /eclipse-temurin-(\d+)(-.*)?$/.exec(tag);
      if (m && !/alpine/.test(m[2] ?? "")) jre = `eclipse-temurin:${m[1]}-jre${m[2] ?? ""}`;
    } else if (/jre/.test(tag)) {
      return { ok: false, id: "alreadySlim", data: { image: base.raw } };
    } else {
      const [version, ...rest] = tag.split("-");
      if (rest[0] === "jdk") rest.shift();
      // Only the Ubuntu variants have a JRE twin of the same OS; alpine, ubi and Windows ones are refused.
      if (/^\d/.test(version) && rest.length <= 1 && (rest.length === 0 || UBUNTU.test(rest[0]))) {
        jre = `eclipse-temurin:${version}-jre${rest.length ? `-${rest[0]}` : ""}`;
      }
    }
    if (jre === null) return { ok: false, id: "noRuntimeImage", data: { image: base.raw } };
    return { ok: true, plan: { image: jre, shellless: false, ...noInserts } };
  },
};
