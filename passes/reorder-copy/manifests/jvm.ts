// What `mvn dependency:go-offline` reads: pom.xml, the wrapper and `.mvn/` (maven.config, extensions), and
// the settings file `-s` names; modules and relative parent POMs need the sources.
import type { InstallStep } from "../install-commands.js";
import { refused, type Collector, type Needs } from "./collector.js";

export function mavenManifests(step: InstallStep, c: Collector): Needs {
  const pom = c.require("pom.xml");
  if (!pom.ok) return pom;
  if (/<modules>/.test(pom.text)) return refused("mavenModules");
  if (/<relativePath>\s*[^<\s]/.test(pom.text)) return refused("mavenRelativeParent");
  c.optional("mvnw", ".mvn");
  // Settings named by MAVEN_ARGS or by `.mvn/maven.config` (read on every run) count like `-s` on the command line.
  const settings = (text: string) => [...text.matchAll(/(?:^|\s)(?:-s|--settings|-gs|--global-settings)(?:=|\s+)(\S+)/g)].map((m) => m[1]);
  const config = c.ctx.read(c.path(".mvn/maven.config") ?? "") ?? "";
  const args = c.site.env.get("MAVEN_ARGS");
  if (args === null) return refused("configArg", { name: "MAVEN_ARGS" });
  for (const file of [...step.files, ...settings(config), ...settings(args ?? "")]) {
    if (file.includes("$")) return refused("configVariable", { name: "-s", value: file });
    const where = c.locate(file);
    if (where === null) return refused("pathOutside", { path: file });
    if ("image" in where) c.reads.push(where.image);
    else if (!c.ctx.exists(where.context)) return refused("missingFile", { path: where.context });
    else c.add(where.context);
  }
  return c.done([]);
}
