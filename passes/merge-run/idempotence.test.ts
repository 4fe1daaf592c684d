// merge-run is idempotent: its output, optimized again, stays byte for byte. Generated Dockerfiles mix package
// installs of every kind with instructions that end a merge group and with stages built FROM others, so that a
// RUN's cleanup depends on later RUNs that the same pass also rewrites (apk `--no-cache`, apt lists…).
import { describe, expect, test } from "vitest";
import { optimize } from "../../src/core/pipeline.js";

const RUNS = [
  "RUN apk update",
  "RUN apk add curl",
  "RUN apk add --virtual .build-deps gcc && make && apk del .build-deps",
  "RUN apk --update add bash",
  "RUN apk add --no-cache git && rm -rf /var/cache/apk/*",
  "RUN apk upgrade",
  "RUN apt-get update",
  "RUN apt-get install -y curl",
  "RUN apt-get update && apt-get install -y git",
  "RUN apt-cache policy git",
  "RUN pip install flask",
  "RUN pip install --upgrade pip",
  "RUN npm ci",
  "RUN npm ci --offline",
  "RUN dnf install -y gcc",
  "RUN cargo build --release",
  "RUN ln -sf /bin/bash /bin/sh",
  "RUN cd /src && make",
];
const BREAKS = ["COPY . /app", "ENV A=1", "USER app", "WORKDIR /w"];

/** A small deterministic generator (no Math.random: same cases every run). */
function* dockerfiles(count: number): Generator<string> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const lines = ["FROM alpine:3.20 AS base"];
    const length = 3 + next(6);
    for (let k = 0; k < length; k++) {
      const pick = next(10);
      if (pick === 0) lines.push(BREAKS[next(BREAKS.length)]);
      else if (pick === 1) lines.push(`FROM ${next(2) === 0 ? "base" : "debian:bookworm"}`);
      else lines.push(RUNS[next(RUNS.length)]);
    }
    yield `${lines.join("\n")}\n`;
  }
}

describe("merge-run output is stable", () => {
  for (const cacheMounts of [false, true]) {
    test(`150 generated Dockerfiles${cacheMounts ? ", with cache mounts" : ""}`, async () => {
      let changed = 0;
      for (const input of dockerfiles(150)) {
        const options = { passes: ["merge-run"], cacheMounts, syntaxDirective: "auto" as const };
        const once = await optimize(input, options);
        const twice = await optimize(once.output, options);
        expect(twice.output, `input:\n${input}\nonce:\n${once.output}`).toBe(once.output);
        expect(twice.changes, `input:\n${input}`).toEqual([]);
        if (once.output !== input) changed++;
      }
      expect(changed).toBeGreaterThan(100);
    });
  }
});
