// Option `harden`: run the runtime as a non-root user when the original ran as root and nothing in the
// Dockerfile or the sources visibly need root (harden-writes.ts). Writes the sources hide (a path made at run
// time) cannot be seen, so it is opt-in.
import type { BuildContext } from "../../src/core/context.js";
import { declaredVariables } from "../../src/core/instructions.js";
import type { Stage } from "../../src/core/ir.js";
import { unownedWrite } from "./harden-writes.js";
import type { RecipePlan } from "./recipes/types.js";

export type Hardening = { readonly user: NonNullable<RecipePlan["nonRootUser"]> } | { readonly reason: string } | null;

export function hardeningUser(stage: Stage, plan: RecipePlan, context?: BuildContext): Hardening {
  if (stage.body.some((i) => i.keyword === "USER")) return null;
  if (!plan.nonRootUser) return { reason: `\`${plan.image}\` has no ready non-root user` };
  const blocker = hardeningBlocker(stage);
  if (blocker) return { reason: blocker };
  // A write the sources show, to a path the user would not own, fails as that user (EACCES).
  const write = context ? unownedWrite(context, stage, plan.nonRootUser.name) : null;
  if (write)
    return {
      reason: `\`${write.file}\` writes \`${write.path}\`, outside the copied files, /tmp and the user's home, which \`${plan.nonRootUser.name}\` could not write`,
    };
  return { user: plan.nonRootUser };
}

/** What in the stage may need root (a low port, a VOLUME), so that hardening is refused; null when nothing does. */
export function hardeningBlocker(stage: Stage): string | null {
  const ports = stage.body.filter((i) => i.keyword === "EXPOSE").flatMap((i) => i.args.trim().split(/\s+/));
  const low = ports.find((p) => !/^\d+(\/\w+)?$/.test(p) || Number.parseInt(p, 10) < 1024);
  if (low) return `it exposes port \`${low}\`, which may need root to bind`;
  // A server told its port by ENV binds it whether or not EXPOSE says so.
  const env = stage.body
    .filter((i) => i.keyword === "ENV")
    .flatMap((i) => declaredVariables(i) ?? [])
    .find((v) => /PORT$/.test(v.name) && (!/^\d+$/.test(v.value ?? "") || Number(v.value) < 1024));
  if (env) return `it sets \`${env.name}=${env.value ?? ""}\`, a port that may need root to bind`;
  if (stage.body.some((i) => i.keyword === "VOLUME")) return "it declares a VOLUME, whose ownership the user may not have";
  return null;
}
