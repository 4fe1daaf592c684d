// Build commands that download their dependencies as they compile (`go build`, `cargo build`, `mvn package`,
// `gradle`, `dotnet publish`): reorder-copy adds or advises the ecosystem's prefetch step before the sources.
import type { SimpleCommand } from "../../src/core/shell.js";
import { basename, commandText } from "./command-kind.js";

/** A build command that fetches dependencies itself (`go build`, `cargo build`, `mvn package`…), with the usual dependency step. */
export interface BuildWithoutDependencyStep {
  readonly tool: "go" | "cargo" | "maven" | "gradle" | "dotnet";
  readonly cmd: SimpleCommand;
  readonly command: string;
  readonly manifest: string;
  readonly advice: string;
}

const BUILDS: readonly { tool: BuildWithoutDependencyStep["tool"]; test: RegExp; manifest: string; advice: string }[] = [
  {
    tool: "go",
    test: /^go (build|install|test|vet)\b/,
    manifest: "go.mod",
    advice: "`COPY go.mod go.sum ./` and `RUN go mod download` before copying the sources",
  },
  {
    tool: "cargo",
    test: /^cargo (build|install|test)\b/,
    manifest: "Cargo.toml",
    advice:
      "a cache mount (`RUN --mount=type=cache,target=/usr/local/cargo/registry …`) or a dependency-only build before copying the sources",
  },
  {
    tool: "maven",
    test: /^(mvn|mvnw) .*\b(package|install|verify|compile)\b/,
    manifest: "pom.xml",
    advice: "`COPY pom.xml ./` and `RUN mvn dependency:go-offline` before copying the sources",
  },
  {
    tool: "gradle",
    test: /^(gradle|gradlew) /,
    manifest: "settings.gradle",
    advice: "the build and settings files and a `RUN gradle dependencies` step (or a cache mount) before copying the sources",
  },
  {
    tool: "dotnet",
    test: /^dotnet (build|publish|test)\b/,
    manifest: "*.csproj",
    advice: "the project files and `RUN dotnet restore` before copying the sources",
  },
];

/** The first build command of a RUN that downloads dependencies as part of the build. */
export function buildWithoutDependencyStep(commands: readonly SimpleCommand[]): BuildWithoutDependencyStep | null {
  for (const cmd of commands) {
    if (cmd.name === null) continue;
    const line = [basename(cmd.name), ...cmd.args.map((a) => a.value ?? a.text)].join(" ");
    // `go mod tidy` (or `go get`) first rewrites go.mod from the sources: a RUN of its own gets no prefetch either,
    // so merged with the build (`go mod tidy && go build`, as merge-run writes it) it must not get one (red team 18 F4).
    if (/^go (mod tidy|get)\b/.test(line)) return null;
    const hit = BUILDS.find((b) => b.test.test(line));
    if (hit) return { tool: hit.tool, cmd, command: commandText(cmd), manifest: hit.manifest, advice: hit.advice };
  }
  return null;
}
