// dockerignore: with the option `writeDockerignore`, write or extend the build context's `.dockerignore`
// (a proposed file: it shows in the diff and is written by `batch --write` or `--write-dockerignore`).
import type { Dockerfile } from "../../src/core/ir.js";
import { allInstructions } from "../../src/core/ir.js";
import { ignoreFileOf } from "../../src/core/context.js";
import { candidates, checkedSuggestions, copySources } from "./suggest.js";
import { definePass } from "../../src/core/pass.js";

export default definePass({
  id: "dockerignore",
  title: "Write a .dockerignore that keeps dependencies, build output and local files out of the context",
  rationale: [
    "Everything in the build context is sent to the builder, and a `COPY .` copies it into the image: a local",
    "node_modules, .git, build output the Dockerfile rebuilds, Python bytecode, logs and .env files slow every",
    "build, break the cache on unrelated edits and may leak secrets. With the option `writeDockerignore`",
    "(`--write-dockerignore`), this pass proposes a `.dockerignore` at the context root, or new lines at the end",
    "of the existing one (user entries are kept), from the project's ecosystem. When a `<Dockerfile>.dockerignore`",
    "lies beside the Dockerfile, BuildKit reads it instead of the context's `.dockerignore`, and the pass extends that file. Every COPY/ADD source of the",
    "optimized Dockerfile is checked against the new patterns with BuildKit's matching rules, and a pattern that",
    "would hide one, or override a user's `!` exception, is left out with a note. Without the option it does nothing.",
  ].join(" "),
  options: {
    writeDockerignore: {
      type: "boolean",
      default: false,
      help: "propose a new or extended .dockerignore at the context root, or the <Dockerfile>.dockerignore BuildKit reads instead when it exists (shown in --diff; written unless --diff/--check)",
      // The frontend cannot write into the build context.
      edges: ["cli", "config"],
    },
  },
  messages: {
    wrote: "Wrote a `{file}` that keeps {patterns} out of the build context; no COPY or ADD source is excluded.",
    extended: "Added {patterns} to the `{file}`, after the existing entries; no COPY or ADD source is excluded.",
    refused: "Did not add `{pattern}` to the `{file}`: {reason}.",
  },
  run(df, ctx): Dockerfile {
    if (ctx.options.writeDockerignore !== true || !ctx.context.available) return df;
    // `.dockerignore`, or the `<Dockerfile>.dockerignore` BuildKit reads in its place.
    const file = ignoreFileOf(ctx.context);
    const existing = ctx.context.read(file);
    const { suggestions, refused } = candidates(df, ctx.context);
    const checked = checkedSuggestions(existing, suggestions, copySources(df, ctx.context));
    const line = [...allInstructions(df)].find((i) => i.keyword === "COPY" || i.keyword === "ADD")?.line ?? 1;
    for (const r of [...refused, ...checked.refused]) {
      if (!existing?.split(/\r?\n/).some((l) => l.trim() === r.pattern))
        ctx.decline(line, "refused", { pattern: r.pattern, reason: r.reason, file });
    }
    if (checked.add.length === 0) return df;
    const eol = existing?.includes("\r\n") ? "\r\n" : "\n";
    const head = existing === null || existing === "" ? "" : `${existing}${/\n$/.test(existing) ? "" : eol}${eol}`;
    const lines = [
      "# Added by msb-opt --write-dockerignore (checked against every COPY and ADD source)",
      ...checked.add.map((s) => s.pattern),
    ];
    const patterns = checked.add.map((s) => `\`${s.pattern}\``).join(", ");
    const content = `${head}${lines.join(eol)}${eol}`;
    ctx.proposeFile(file, content, line, existing === null ? "wrote" : "extended", { patterns, file });
    return df;
  },
});
