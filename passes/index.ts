import type { Pass } from "../src/pass.js";
import pinTags from "./pin-tags.js";

/**
 * The pipeline, in order. Position matters; each entry says why it sits where it does.
 * `--passes` and `--skip` select from this list but never reorder it.
 */
export const PASSES: readonly Pass[] = [
  // Last: it pins every FROM, including the runtime stage that split-stages adds.
  pinTags as Pass,
];
