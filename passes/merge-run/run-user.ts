// Who a RUN runs as and which environment it sees, as far as the Dockerfile shows it: a cache mount belongs to
// root and sits where root's cache is, unless it is given the user's uid and home.
import { stageIndex, type Dockerfile, type Stage } from "../../src/core/ir.js";
import { parseRun } from "../../src/core/run-script.js";
import { simpleCommands } from "../../src/core/shell.js";
import { baseName } from "./package-managers.js";

export type RunUser =
  | { readonly root: true }
  | {
      readonly root: false;
      /** As the USER instruction says it. */
      readonly user: string;
      readonly uid: number | null;
      readonly gid: number | null;
      readonly home: string | null;
    };

/** Every instruction before `before` in the stage, after those of the stages it is built FROM. */
function chain(df: Dockerfile, stage: Stage, before: number): { stage: Stage; index: number }[] {
  const parent = stageIndex(df, stage.base.raw, df.stages.indexOf(stage));
  const up = parent >= 0 ? chain(df, df.stages[parent], df.stages[parent].body.length) : [];
  return [...up, ...stage.body.slice(0, before).map((_, index) => ({ stage, index }))];
}

/** The variables that ENV instructions set before `before` (base images' own ENV is not visible). */
export function envAt(df: Dockerfile, stage: Stage, before: number): Map<string, string> {
  const env = new Map<string, string>();
  for (const { stage: s, index } of chain(df, stage, before)) {
    const instr = s.body[index];
    if (instr.keyword !== "ENV") continue;
    const args = instr.args.replace(/\\\r?\n/g, " ").trim();
    const legacy = /^([A-Za-z_]\w*)\s+([^=]*)$/.exec(args);
    if (legacy) env.set(legacy[1], legacy[2].trim());
    else for (const m of args.matchAll(/([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)/g)) env.set(m[1], m[2].replace(/^["']|["']$/g, ""));
  }
  return env;
}

/** The user of the RUN at `before`: root unless a USER says otherwise (base images are assumed to run as root). */
export function userAt(df: Dockerfile, stage: Stage, before: number): RunUser {
  const steps = chain(df, stage, before);
  const last = [...steps].reverse().find(({ stage: s, index }) => s.body[index].keyword === "USER");
  if (!last) return { root: true };
  const user = last.stage.body[last.index].args.trim();
  const [name, group] = user.split(":");
  if (/^(root|0)$/.test(name)) return { root: true };
  const created = createdUsers(df, steps);
  const found = /^\d+$/.test(name) ? created.find((u) => u.uid === Number(name)) : created.find((u) => u.name === name);
  const uid = /^\d+$/.test(name) ? Number(name) : (found?.uid ?? null);
  const groupGid = group === undefined ? null : /^\d+$/.test(group) ? Number(group) : (created.find((u) => u.group === group)?.gid ?? null);
  return { root: false, user, uid, gid: groupGid ?? found?.gid ?? null, home: found?.home ?? null };
}

interface CreatedUser {
  readonly name: string;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly group: string | null;
  readonly home: string | null;
}

/** Users and groups that `useradd`/`adduser`/`groupadd`/`addgroup` in earlier RUNs create. */
function createdUsers(df: Dockerfile, steps: readonly { stage: Stage; index: number }[]): CreatedUser[] {
  const users: CreatedUser[] = [];
  const groups = new Map<string, number>();
  for (const { stage, index } of steps) {
    const instr = stage.body[index];
    if (instr.keyword !== "RUN") continue;
    const parsed = parseRun(df, stage, instr);
    if (!parsed.ok) continue;
    for (const c of simpleCommands(parsed.script)) {
      const base = baseName(c.name);
      const values = c.args.map((a) => a.value ?? "");
      const option = (...names: string[]) => {
        const i = values.findIndex((v) => names.includes(v));
        const inline = values.find((v) => names.some((n) => n.startsWith("--") && v.startsWith(`${n}=`)));
        return i >= 0 ? (values[i + 1] ?? null) : inline ? inline.slice(inline.indexOf("=") + 1) : null;
      };
      const name = values[values.length - 1] ?? "";
      const number = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : null);
      if (base === "groupadd" || base === "addgroup") {
        const gid = number(option("-g", "--gid"));
        if (gid !== null) groups.set(name, gid);
      } else if (base === "useradd" || base === "adduser") {
        const group = option("-g", "--gid", "-G", "--ingroup");
        const home =
          option("-d", "--home-dir", "--home", "-h") ??
          (values.includes("-M") || values.includes("--no-create-home") ? null : `/home/${name}`);
        users.push({
          name,
          uid: number(option("-u", "--uid")),
          gid: number(group) ?? (group ? (groups.get(group) ?? null) : (groups.get(name) ?? null)),
          group: group && !/^\d+$/.test(group) ? group : name,
          home,
        });
      }
    }
  }
  return users.map((u) => ({ ...u, gid: u.gid ?? (u.group ? (groups.get(u.group) ?? null) : null) }));
}
