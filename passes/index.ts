import type { Pass } from "../src/core/pass.js";
import buildSecrets from "./build-secrets/index.js";
import dockerignore from "./dockerignore/index.js";
import mergeRun from "./merge-run/index.js";
import pinTags from "./pin-tags/index.js";
import reorderCopy from "./reorder-copy/index.js";
import splitStages from "./split-stages/index.js";
import testStage from "./test-stage/index.js";
import versionArgs from "./version-args/index.js";

/**
 * The pipeline, in order. Position matters; each entry says why it sits where it does.
 * `--passes` and `--skip` select from this list but never reorder it.
 */
export const PASSES: readonly Pass[] = [
  // First: the split reads the install before the sources it moves there (a naive `COPY . .` first would make
  // split-stages decline, and a second run, seeing the reordered file, split it: not idempotent). The stages
  // split-stages makes from it keep that order.
  reorderCopy,
  // Then the stage layout that the later passes tidy inside each stage.
  splitStages,
  // Right after split-stages: it checks that the builder split-stages made still runs the tests the final
  // image waits for (or moves them into a test stage) before later passes tidy the stages.
  testStage,
  // After split-stages (it also clears the ARGs that pass repeats in the runtime stage) and before
  // merge-run, which then sees the secret mounts (it merges only RUNs with equal flags).
  buildSecrets,
  // After the stage split and COPY reordering have settled which RUNs are adjacent.
  mergeRun,
  // It pins every FROM, including the runtime stage that split-stages adds.
  pinTags,
  // After pin-tags: the version it names once is the pinned release (`debian:bookworm` pins to
  // `12.15` here; before pin-tags it would be grouped only on a second run), and digest pins stay on FROM.
  versionArgs,
  // After every rewrite: it checks the COPY/ADD sources of the final file (reorder-copy and split-stages add some).
  dockerignore,
];
