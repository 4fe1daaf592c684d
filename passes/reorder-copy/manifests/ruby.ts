// What `bundle install` reads: the Gemfile (or the one BUNDLE_GEMFILE names), its lockfile, Bundler's config
// and the files `ruby file:` names; `gemspec`, `path:` and `eval_gemfile` need the sources.
import { posix } from "node:path";
import { refused, type Collector, type Needs } from "./collector.js";

export function rubyManifests(c: Collector): Needs {
  const bad = c.configured(["BUNDLE_APP_CONFIG", "BUNDLE_GEMFILE"]);
  if (bad) return bad;
  const named = c.site.env.get("BUNDLE_GEMFILE");
  const where = named ? c.locate(named) : null;
  const gemfileName = where && "context" in where ? posix.relative(c.dir || ".", where.context) : "Gemfile";
  const gemfile = c.require(gemfileName);
  if (!gemfile.ok) return gemfile;
  if (/^\s*(gemspec|eval_gemfile)\b|\bpath:|:path\s*=>/m.test(gemfile.text)) return refused("gemfileSources");
  c.optional(`${gemfileName}.lock`, ".bundle", "vendor/cache");
  // `ruby file: ".ruby-version"` reads that file.
  for (const m of gemfile.text.matchAll(/\bfile:\s*["']([^"']+)["']/g)) {
    if (!c.has(m[1])) return refused("gemfileReadsMissing", { path: m[1] });
    c.optional(m[1]);
  }
  return c.done(["vendor/bundle"]);
}
