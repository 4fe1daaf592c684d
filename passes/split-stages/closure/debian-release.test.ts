import { expect, test } from "vitest";
import { parseImageRef } from "../../../src/core/image-ref.js";
import { debianRelease } from "./debian-release.js";

test.each([
  ["python:3.11-slim-bookworm", "bookworm"],
  ["python:3.11", "trixie"],
  ["golang:1.22", "bookworm"],
  ["debian:12", "bookworm"],
  ["debian:bookworm-slim", "bookworm"],
  ["debian:12.5", "bookworm"],
  ["node:20-bullseye", "bullseye"],
  ["ubuntu:22.04", null],
  ["eclipse-temurin:17-jdk", null],
  ["python:3.11-alpine", null],
  ["gcr.io/distroless/static-debian12", "bookworm"],
  ["example.com/python:3.11", null],
  // Left the catalog, built on one release all their life (scripts/retired-releases.mjs).
  ["golang:1.21", "bookworm"],
  ["golang:1.20.7", "bookworm"],
  ["golang:1.24.5", "bookworm"],
  ["python:3.10.4", "bullseye"],
  ["node:20.2", "bullseye"],
  ["rust:1.83.0", "bookworm"],
  ["golang:1.21.5", "bookworm"],
  ["node:20.11.1-slim", "bookworm"],
  ["python:3.12.4", "bookworm"],
  // Built on bullseye, then bookworm (or bookworm, then trixie): not known.
  ["golang:1.20", null],
  ["golang:1.24.6", null],
  ["python:3.12.11", null],
  ["python:3.11.4-slim", null],
])("%s is built on %s", (ref, release) => expect(debianRelease(parseImageRef(ref))).toBe(release));
