// The words of a shell command as the install classifiers read them, and what a command is to reorder-copy:
// an install step, a harmless helper, something else, or a refusal.
import { toWord, type SimpleCommand, type Word } from "../../src/core/shell.js";
import { refusal, type Refusal } from "./messages.js";

export type Ecosystem = "npm" | "yarn" | "pnpm" | "pip" | "poetry" | "pipenv" | "uv" | "go" | "bundler" | "composer" | "maven" | "dotnet";

export interface InstallStep {
  readonly ecosystem: Ecosystem;
  /** How the step reads in the RUN, for messages: `npm ci`. */
  readonly command: string;
  /** Literal values of the words after the command name. */
  readonly args: readonly string[];
  /** Files the command line names (pip requirements and constraints, dotnet projects, maven settings), relative to its working folder or absolute. */
  readonly files: readonly string[];
  /** `NAME=value` assignments written before the command (value null when it expands a variable). */
  readonly env: ReadonlyMap<string, string | null>;
  /** msb-opt adds this step (a prefetch before a build), it is not in the Dockerfile. */
  readonly added?: boolean;
}

export type CommandKind = InstallStep | "helper" | "other" | { readonly refuse: Refusal };

export const refuse = (id: Parameters<typeof refusal>[0], data: Record<string, string> = {}): CommandKind => ({
  refuse: refusal(id, data),
});
export const basename = (name: string) => name.slice(name.lastIndexOf("/") + 1);

export function commandText(cmd: SimpleCommand): string {
  const text = cmd.node.text.replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function step(ecosystem: Ecosystem, command: string, words: readonly Word[], files: string[] = []): CommandKind {
  const args = words.map((w) => w.value);
  if (args.some((a) => a === null)) return refuse("variableArgument", { command });
  return { ecosystem, command, args: args as string[], files, env: new Map() };
}

/** The `NAME=value` words before a command name. */
export function assignments(cmd: SimpleCommand): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const child of cmd.node.namedChildren) {
    if (child?.type !== "variable_assignment") continue;
    const name = child.childForFieldName("name")?.text;
    const value = child.childForFieldName("value");
    if (name) env.set(name, value ? toWord(value).value : "");
  }
  return env;
}

export const flags = (words: readonly Word[]) => words.map((w) => w.value ?? "").filter((v) => v.startsWith("-"));
export const hasFlag = (words: readonly Word[], ...names: string[]) => flags(words).some((f) => names.includes(f.split("=")[0]));

/** A setting's value that names no file: a URL or a plain word (`registry https://…`, `strict-ssl false`). */
const CONFIG_VALUE = /^(https?:\/\/\S*|[\w@:+-]+)$/;

/**
 * `npm config set KEY VALUE` (yarn, pnpm, pip, poetry, …) whose value may name a file
 * (`pip config set global.constraint /app/constraints.txt`): the install reads that file.
 */
export function setsConfigFile(cmd: SimpleCommand): boolean {
  const name = basename(cmd.name ?? "");
  const words = cmd.args.map((w) => w.value);
  if (!/^(npm|yarn|pnpm|pip[\d.]*|poetry|pipenv|composer|bundle)$/.test(name) || words[0] !== "config" || words[1] !== "set") return false;
  const rest = words.slice(2);
  const values = rest.length === 1 ? [rest[0]?.includes("=") ? rest[0].slice(rest[0].indexOf("=") + 1) : null] : rest.slice(1);
  return !values.every((v) => v !== null && CONFIG_VALUE.test(v));
}

/** The command writes a file by redirect (`echo registry=… > .npmrc`); `> /dev/null` and `2>&1` write none. */
export function redirectsToFile(cmd: SimpleCommand): boolean {
  const statement = cmd.node.parent;
  if (statement?.type !== "redirected_statement") return false;
  for (const child of statement.namedChildren) {
    if (child?.type !== "file_redirect") continue;
    const m = /^\d*(?:&>>?|>>?|>\|)\s*(\S+)/.exec(child.text);
    if (m && !m[1].startsWith("/dev/") && !m[1].startsWith("&")) return true;
  }
  return false;
}
