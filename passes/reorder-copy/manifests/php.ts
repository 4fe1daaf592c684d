// What `composer install --no-scripts --no-autoloader` reads: composer.json (or the file COMPOSER names),
// its lockfile and auth.json; a `path` repository needs its sources.
import { refused, type Collector, type Needs } from "./collector.js";

export function phpManifests(c: Collector): Needs {
  const named = c.site.env.get("COMPOSER");
  if (named === null || named?.includes("$") || named?.includes("/"))
    return refused(named === null ? "configArg" : "configVariable", { name: "COMPOSER", value: named ?? "" });
  const manifest = named ?? "composer.json";
  const json = c.require(manifest);
  if (!json.ok) return json;
  if (/"type"\s*:\s*"path"/.test(json.text)) return refused("composerPathRepository");
  c.optional(manifest.replace(/\.json$/, ".lock"), "auth.json");
  return c.done(["vendor"]);
}
