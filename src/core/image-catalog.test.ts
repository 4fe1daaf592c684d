import { expect, test, vi } from "vitest";
import data from "./image-catalog.json" with { type: "json" };
import { CATALOG_DATE, catalogGroup, catalogPin } from "./image-catalog.js";
import { parseVersionTag } from "./image-tags.js";

test("the catalog is dated", () => {
  expect(CATALOG_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test("floating tags of official images pin to a release tag of the same variant", () => {
  for (const tag of ["latest", "lts", "slim", "lts-slim"]) {
    const pin = catalogPin(null, "node", tag);
    expect(pin, tag).not.toBeNull();
    const v = parseVersionTag(pin!.tag);
    expect(v?.parts.length, pin!.tag).toBe(3);
    expect(v?.variant).toBe(tag.endsWith("slim") ? "slim" : "");
  }
  expect(catalogPin("docker.io", "library/python", "3-slim")?.tag).toMatch(/^3\.\d+\.\d+-slim$/);
  expect(catalogPin(null, "ubuntu", "jammy")?.tag).toBe("22.04");
});

test("unknown images, registries and tags are not in the catalog", () => {
  expect(catalogPin(null, "myorg/app", "latest")).toBeNull();
  expect(catalogPin("ghcr.io", "node", "latest")).toBeNull();
  expect(catalogPin(null, "node", "no-such-tag")).toBeNull();
});

test("a tag's group is the first line that lists it, looked up alone or from an image's index", () => {
  // Each image's first tags are looked up alone, the rest (past LOOKUPS_BEFORE_INDEX) from its index; a tag
  // that is a part of others (`20` of `20.20.2`) is found whole.
  const images: Record<string, readonly string[]> = data.images;
  for (const [image, lines] of Object.entries(images)) {
    const tags = [...new Set(lines.flatMap((line) => line.split(" ")))];
    for (const tag of ["no-such-tag", ...tags, tags[0]]) {
      const expected = lines.find((line) => line.split(" ").includes(tag))?.split(" ") ?? [];
      expect(catalogGroup(null, image, tag), `${image}:${tag}`).toEqual(expected);
    }
  }
});

test("a tag that is a part of others' is found whole when looked up alone", async () => {
  vi.resetModules();
  const fresh = await import("./image-catalog.js");
  const lines: readonly string[] = data.images.node;
  for (const tag of ["20", "20-slim", "lts", "slim", "current"]) {
    const expected = lines.find((line) => line.split(" ").includes(tag))?.split(" ");
    expect(fresh.catalogGroup(null, "node", tag), tag).toEqual(expected);
    expect(expected, tag).toBeDefined();
  }
});
