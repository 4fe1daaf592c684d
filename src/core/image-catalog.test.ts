import { expect, test } from "vitest";
import { CATALOG_DATE, catalogPin } from "./image-catalog.js";
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
