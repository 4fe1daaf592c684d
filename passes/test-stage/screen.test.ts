import { expect, test } from "vitest";
import { parseDockerfile } from "../../src/core/parse.js";
import { mayRunTests } from "./index.js";

const firstRun = (text: string) => parseDockerfile(`FROM node:20\n${text}\n`).dockerfile.stages[0].body[0];

test("the screen before the shell parse lets every spelling of a test command through", () => {
  for (const run of [
    "RUN npm test",
    "RUN npm t",
    'RUN npm "t"',
    "RUN npm te''st",
    "RUN npm \\\n  test",
    "RUN go te\\st ./...",
    "RUN mvn verify",
    "RUN make check",
    "RUN python -m pytest",
    "RUN <<EOF\nyarn test\nEOF",
    "RUN yarn test:unit",
    "RUN npm run test:e2e",
    "RUN cd /app && npm test; echo done",
    "RUN (make test)",
    "RUN /usr/local/bin/pytest -q",
    "RUN py.test tests/",
    "RUN python3 -m unittest discover",
    "RUN ./gradlew check",
    "RUN cargo test|tee log",
    "RUN dotnet test&&echo ok",
  ])
    expect(mayRunTests(firstRun(run)), run).toBe(true);
  for (const run of [
    "RUN npm ci",
    "RUN apt-get update && apt-get install -y curl",
    "RUN go build -o /app .",
    "RUN curl -fsSL https://example.com/latest/x.tgz | tar -xz",
    'RUN echo "$SHA  x.tgz" | sha256sum --check --strict',
    "RUN gpg --batch --verify x.asc x && ./test.sh && test-runner",
    'RUN if test -n "$X"; then echo yes; fi',
    "RUN ./configure && make-check test && go-test check",
  ])
    expect(mayRunTests(firstRun(run)), run).toBe(false);
});
