import { execFileSync } from "node:child_process";
export const rev = () => execFileSync("git", ["rev-parse", "HEAD"]).toString();
