import { describe, expect, test } from "vitest";
import { internalResult } from "./process-file.js";
import { renderReviewPage } from "./review-html.js";

describe("renderReviewPage", () => {
  const task = { path: "/repo/a/Dockerfile", context: "/repo/a", display: "a/Dockerfile" };
  const page = renderReviewPage([internalResult(task, new Error("boom"), "FROM scratch\n")]);
  const scripts = [...page.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

  test("an internal error has its own status in the page data, with the report request", () => {
    const data = JSON.parse(scripts[0]);
    expect(data.summary).toMatchObject({ files: 1, internal: 1, error: 0 });
    expect(data.files[0]).toMatchObject({ p: "a/Dockerfile", s: "internal" });
    expect(data.files[0].e).toMatch(
      /^internal error in msb-opt .*boom; please report it at https:\/\/github\.com\/msb-opt\/msb-opt\/issues/,
    );
  });

  test("the page script parses, and has a card and a filter for internal errors", () => {
    expect(() => new Function(scripts[1])).not.toThrow();
    expect(scripts[1]).toContain('["internal", "internal errors"]');
    expect(scripts[1]).toContain('"internal", "skipped", "unchanged"]');
  });
});
