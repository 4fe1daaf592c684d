// The `#` comment lines of a Dockerfile that its rewrite lacks: measure-corpus.mjs and survey-idempotence.mjs both
// count a rewrite that drops the user's words.

/** Comment lines (trimmed, with multiplicity) of the input that the output lacks. */
export function lostComments(before, after) {
  const count = (text) => {
    const m = new Map();
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      if (t.startsWith("#")) m.set(t, (m.get(t) ?? 0) + 1);
    }
    return m;
  };
  const have = count(after);
  return [...count(before)].filter(([line, n]) => (have.get(line) ?? 0) < n).map(([line]) => line);
}
