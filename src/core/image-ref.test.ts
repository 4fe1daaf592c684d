import { expect, test } from "vitest";
import { catalogHasImage, catalogPin } from "./image-catalog.js";
import { officialImage, officialName, parseImageRef } from "./image-ref.js";

test("the official image is known under each of its names, with the text before its name as written", () => {
  const cases: [string, string, string | null, string][] = [
    ["node:20", "node", null, ""],
    ["library/node:20", "node", null, "library/"],
    ["docker.io/library/node:20", "node", null, "docker.io/library/"],
    ["index.docker.io/node:20", "node", null, "index.docker.io/"],
    ["arm64v8/node:20-alpine", "node", "arm64v8", "arm64v8/"],
    ["docker.io/amd64/python:3.12", "python", "amd64", "docker.io/amd64/"],
    ["public.ecr.aws/docker/library/ubuntu:18.04", "ubuntu", null, "public.ecr.aws/docker/library/"],
    ["mirror.gcr.io/library/golang:1.22@sha256:abc", "golang", null, "mirror.gcr.io/library/"],
  ];
  for (const [raw, name, arch, prefix] of cases) expect(officialImage(parseImageRef(raw)), raw).toEqual({ name, arch, prefix });
});

test("other repositories are not the official image", () => {
  for (const raw of [
    "bitnami/node:20",
    "arm32v7/node:20",
    "arm64v8/library/node:20",
    "public.ecr.aws/bitnami/node:20",
    "public.ecr.aws/docker/library/a/b:1",
    "gcr.io/library/node:20",
    "ghcr.io/node:20",
    "localhost:5000/node:20",
  ])
    expect(officialName(parseImageRef(raw).registry, parseImageRef(raw).name), raw).toBeNull();
});

test("the catalog pins the official image under its other names", () => {
  expect(catalogHasImage("public.ecr.aws", "docker/library/node")).toBe(true);
  expect(catalogPin("arm64v8", "node", "20-alpine")).toBeNull(); // a registry named arm64v8 is not Docker Hub
  const ref = parseImageRef("arm64v8/node:20-alpine");
  expect(catalogPin(ref.registry, ref.name, "20-alpine")?.tag).toEqual(catalogPin(null, "node", "20-alpine")?.tag);
});
