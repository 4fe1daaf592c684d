// A test seam: the pass catalog with one pass made to throw, so that tests of the CLI and of batch can prove
// that a bug in msb-opt is reported as one (its own status and exit code), apart from bad input.
import { PASSES } from "../../passes/index.js";
import type { Pass } from "../core/pass.js";

/**
 * Environment variable naming the pass to break (tests only; not documented for users): `PASS` for every file,
 * `PASS:TEXT` only for files whose path contains TEXT; `exit:TEXT` makes the batch worker thread that takes
 * such a file die (a crash no try/catch sees).
 */
export const INJECT_FAULT_ENV = "MSB_OPT_INJECT_FAULT";

/** All passes, with the named pass's run replaced by a throw for this file; undefined (the normal catalog) otherwise. */
export function catalogWithFault(spec: string | undefined, file: string): readonly Pass[] | undefined {
  if (!spec || spec.startsWith("exit:")) return undefined;
  const [passId, only] = spec.split(/:(.*)/s);
  if (only && !file.includes(only)) return undefined;
  return PASSES.map((p) =>
    p.id === passId
      ? {
          ...p,
          run: () => {
            throw new Error(`fault injected into pass ${p.id} (${INJECT_FAULT_ENV})`);
          },
        }
      : p,
  );
}

/** Should the worker thread die on this file? */
export function workerDiesOn(spec: string | undefined, file: string): boolean {
  return spec?.startsWith("exit:") === true && file.includes(spec.slice("exit:".length));
}
