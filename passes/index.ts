import type { Pass } from "../src/pass.js";
import buildSecrets from "./build-secrets.js";
import dockerignore from "./dockerignore.js";
import mergeRun from "./merge-run.js";
import pinTags from "./pin-tags.js";
import reorderCopy from "./reorder-copy.js";
import splitStages from "./split-stages.js";

/**
 * The pipeline, in order. Position matters; each entry says why it sits where it does.
 * `--passes` and `--skip` select from this list but never reorder it.
 */
export const PASSES: readonly Pass[] = [
  // First: it decides the stage layout that the later passes then tidy inside each stage.
  splitStages as Pass,
  // After split-stages (it also clears the ARGs that pass repeats in the runtime stage) and before
  // reorder-copy and merge-run, which then see the secret mounts (merge-run merges only RUNs with equal flags).
  buildSecrets as Pass,
  // After split-stages (it works on the stages that pass leaves) and before merge-run (which must not
  // merge an install RUN with the steps that need the sources).
  reorderCopy as Pass,
  // After the stage split and COPY reordering have settled which RUNs are adjacent.
  mergeRun as Pass,
  // Last: it pins every FROM, including the runtime stage that split-stages adds.
  pinTags as Pass,
  // After every rewrite: it checks the COPY/ADD sources of the final file (reorder-copy and split-stages add some).
  dockerignore as Pass,
];
