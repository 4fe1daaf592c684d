// Questions about the stage graph that several passes ask.
import { type Dockerfile, stageIndex } from "./ir.js";

/** The stages whose layers end up in the final image: the last stage and the stages it is built FROM. */
export function shippedStages(df: Dockerfile): Set<number> {
  const shipped = new Set<number>();
  for (let i = df.stages.length - 1; i >= 0 && !shipped.has(i); ) {
    shipped.add(i);
    i = stageIndex(df, df.stages[i].base.raw, i);
  }
  return shipped;
}
