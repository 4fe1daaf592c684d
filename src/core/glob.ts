// Glob patterns as .gitignore and config overrides write them: `*` and `?` stay within a path segment,
// `**` spans segments, `[...]` is a character class, `\` escapes.
export function globToRegexSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      out += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else out += escapeRegex(c);
  }
  return out;
}

/** A matcher for a path relative to some folder; a pattern without `/` matches at any depth. */
export function globMatcher(glob: string): (relPath: string) => boolean {
  const anchored = glob.replace(/\/+$/, "").includes("/");
  const body = globToRegexSource(glob.replace(/^\//, "").replace(/\/+$/, ""));
  const regex = new RegExp(anchored ? `^${body}(?:/.*)?$` : `^(?:.*/)?${body}(?:/.*)?$`);
  return (relPath) => regex.test(relPath);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
