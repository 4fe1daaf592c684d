import { beforeAll, describe, expect, test } from "vitest";
import { buildWithoutDependencyStep, classifyRun, isLocalNpmSpec, isLocalRequirement } from "./install-commands.js";
import { loadShell, parseShell, simpleCommands } from "../../src/core/shell.js";
import { formatMessage } from "../../src/core/pass.js";
import { REFUSALS } from "./messages.js";

beforeAll(() => loadShell());
const classify = (script: string) => classifyRun(simpleCommands(parseShell(script)));
const commands = (script: string) => {
  const kind = classify(script);
  return kind.kind === "install" ? kind.steps.map((s) => s.command) : kind.kind;
};

describe("classifyRun", () => {
  test.each([
    ["npm ci", ["npm ci"]],
    ["npm ci --omit=dev && npm cache clean --force", ["npm ci"]],
    ["npm install", ["npm install"]],
    ["npm i -g pnpm && pnpm install --frozen-lockfile", ["pnpm install"]],
    ["corepack enable && yarn", ["yarn"]],
    ["yarn install --immutable", ["yarn install"]],
    ["pip install --no-cache-dir -r requirements.txt", ["pip install"]],
    ["python3 -m pip install -rrequirements/dev.txt", ["python3 -m pip install"]],
    ["pip install --upgrade pip && pip install -r req.txt", ["pip install"]],
    ["uv pip install --system -r requirements.txt", ["uv pip install"]],
    ["uv sync --frozen --no-install-project", ["uv sync"]],
    ["poetry config virtualenvs.create false && poetry install --no-root", ["poetry install"]],
    ["pipenv install --deploy --system", ["pipenv install"]],
    ["go mod download && go mod verify", ["go mod download"]],
    ["bundle config set without dev && bundle install", ["bundle install"]],
    ["composer install --no-scripts --no-autoloader", ["composer install"]],
    ["apt-get update && apt-get install -y gcc && pip install -r r.txt && rm -rf /var/lib/apt/lists/*", ["pip install"]],
    ["mvn -B dependency:go-offline", ["mvn dependency:go-offline"]],
    ["./mvnw -q dependency:resolve dependency:resolve-plugins", ["mvnw dependency:resolve dependency:resolve-plugins"]],
    ["dotnet restore App.sln", ["dotnet restore"]],
    ["mvn package", "none"],
    ["npm run build", "none"],
    ["go build ./...", "none"],
    ["pip install flask", "none"],
    ["echo hi", "none"],
  ])("%s", (script, expected) => expect(commands(script)).toEqual(expected));

  test.each([
    ["npm ci && npm run build", "also runs `npm run build`"],
    ["cd web && npm ci", "`cd` changes the folder"],
    ["npm install express", "changes package.json"],
    ["npm ci --prefix web", "another folder"],
    ["npm ci $FLAGS", "expands a variable"],
    ["pip install -r $REQS", "expands a variable"],
    ["pip install -e .", "the project's own sources"],
    ["pip install .", "the project's own sources"],
    ["pip install -r requirements.txt -f ./wheels", "local folder"],
    ["poetry install", "--no-root"],
    ["uv sync", "--no-install-project"],
    ["composer install", "--no-scripts --no-autoloader"],
    ["npm ci && rm -rf node_modules/.cache", "also runs `rm -rf node_modules/.cache`"],
    ["npm ci && npm install -g .", "installs the project itself"],
    ["npm ci && npm i --global ./cli", "installs the project itself"],
    ["npm install -g file:packages/cli", "installs the project itself"],
    ["npm install -g typescript@5 ./dist/app-1.0.0.tgz", "installs the project itself"],
    ["npm install -g mycli@file:.", "installs the project itself"],
    ["npm ci && yarn global add file:.", "also runs `yarn global add file:.`"],
  ])("refuses %s", (script, reason) => {
    const kind = classify(script);
    expect(kind.kind).toBe("refuse");
    expect(kind.kind === "refuse" && formatMessage(REFUSALS[kind.refusal.id], kind.refusal.data)).toContain(reason);
  });

  test("pip records requirement and constraint files", () => {
    const kind = classify("pip install -r a.txt --requirement=b.txt -c c.txt gunicorn");
    expect(kind.kind === "install" && kind.steps[0].files).toEqual(["a.txt", "b.txt", "c.txt"]);
  });
});

describe("isLocalRequirement", () => {
  test.each([
    [".", true],
    ["./libs/x", true],
    ["dist/x-1.0-py3-none-any.whl", true],
    ["x @ file:///src/x", true],
    ["flask==3.0", false],
    ["requests[socks]>=2", false],
    ["x @ https://example.com/x.tar.gz", false],
    ["git+https://github.com/a/b", false],
  ])("%s → %s", (spec, expected) => expect(isLocalRequirement(spec)).toBe(expected));
});

describe("isLocalNpmSpec", () => {
  test.each([
    [".", true],
    ["..", true],
    ["./cli", true],
    ["/src/app", true],
    ["~/app", true],
    ["file:.", true],
    ["app-1.0.0.tgz", true],
    ["packages/cli/sub", true],
    ["@scope/name/sub", true],
    ["cli@file:../cli", true],
    ["typescript", false],
    ["typescript@5.4", false],
    ["@nestjs/cli@10.4.9", false],
    ["@nestjs/cli", false],
    ["user/repo", false],
    ["user/repo#v1", false],
    ["github:user/repo", false],
    ["git+https://github.com/u/r.git", false],
    ["https://example.com/x-1.0.tgz", false],
    ["git@github.com:u/r.git", false],
  ])("%s → %s", (spec, expected) => expect(isLocalNpmSpec(spec)).toBe(expected));
});

describe("buildWithoutDependencyStep", () => {
  test.each([
    ["CGO_ENABLED=0 go build -o /app .", "go.mod"],
    ["cargo build --release", "Cargo.toml"],
    ["./mvnw -B package -DskipTests", "pom.xml"],
    ["./gradlew bootJar", "settings.gradle"],
    ["dotnet publish -c Release", "*.csproj"],
    ["go mod download", null],
    ["npm run build", null],
  ])("%s", (script, manifest) => {
    expect(buildWithoutDependencyStep(simpleCommands(parseShell(script)))?.manifest ?? null).toBe(manifest);
  });
});
