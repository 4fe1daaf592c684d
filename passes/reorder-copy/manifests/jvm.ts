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
  for (const file of step.files) {
    const where = c.locate(file);
    if (where === null) return refused("pathOutside", { path: file });
    if ("image" in where) c.reads.push(where.image);
    else if (!c.ctx.exists(where.context)) return refused("missingFile", { path: where.context });
    else c.add(where.context);
  }
  return c.done([]);
}
