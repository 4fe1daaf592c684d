import type { Pass } from "../src/pass.js";
import splitStages from "./split-stages.js";

/**
 * The pipeline, in order. Position matters; each entry says why it sits where it does.
 * `--passes` and `--skip` select from this list but never reorder it.
 */
export const PASSES: readonly Pass[] = [
  // First: it decides the stage layout that the later passes then tidy inside each stage.
  splitStages as Pass,
];
