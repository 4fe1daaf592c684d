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
  ])
    expect(mayRunTests(firstRun(run)), run).toBe(true);
  for (const run of ["RUN npm ci", "RUN apt-get update && apt-get install -y curl", "RUN go build -o /app ."])
    expect(mayRunTests(firstRun(run)), run).toBe(false);
});
