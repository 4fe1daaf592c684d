// The comments above an instruction belong to it. A split rebuilds the stage from copies of its instructions, which
// carry no comments (an instruction repeated in two stages would print its comment twice); here each comment of the
// split stage goes back onto the first instruction of the output that stems from its line (or, for one written anew,
// the first of its kind after it), unless one already has it. Comment lines inside an instruction's continuation,
// which a copy written anew from its words lacks, go with those above it.
import { commentsInContinuation, type Dockerfile, type Instruction, type Stage } from "../../src/core/ir.js";

export function keepComments(out: Dockerfile, original: Stage): Dockerfile {
  const all = out.stages.flatMap((s) => [s.from, ...s.body]);
  const home = new Map<Instruction, string>();
  for (const instr of [original.from, ...original.body]) {
    const inner = commentsInContinuation(instr).filter((c) => !all.some((i) => i.args.includes(c.trim()) || i.leading.includes(c.trim())));
    const leading = instr.leading + inner.map((c) => c.replace(/\n$/, out.newline)).join("");
    if (!/^[ \t]*#/m.test(leading) || all.some((i) => i.line === instr.line && i.leading === leading)) continue;
    const stemming = all.filter((i) => i.line === instr.line && !home.has(i) && !i.leading.includes("#"));
    // An instruction the split wrote anew in its place (`COPY package*.json ./` as the deps stage's `COPY package.json
    // package-lock.json ./`) stems from a later line: the first of its kind after it takes the comment.
    const later = all.find((i) => i.line > instr.line && i.keyword === instr.keyword && !home.has(i) && !i.leading.includes("#"));
    const target =
      stemming.find((i) => i.raw !== null && i.raw === instr.raw) ??
      stemming.find((i) => i.keyword === instr.keyword) ??
      stemming[0] ??
      later;
    // A blank line that separates stages stays; the comment's own blank lines above it take its place.
    if (target) home.set(target, /^\s*$/.test(target.leading) && /^\r?\n/.test(leading) ? leading : target.leading + leading);
  }
  if (home.size === 0) return out;
  const withComment = (i: Instruction): Instruction => (home.has(i) ? { ...i, leading: home.get(i) ?? "" } : i);
  return { ...out, stages: out.stages.map((s) => ({ ...s, from: withComment(s.from), body: s.body.map(withComment) })) };
}
