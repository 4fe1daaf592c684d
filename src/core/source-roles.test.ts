import { describe, expect, test } from "vitest";
import { isTestOrToolFile } from "./source-roles.js";

describe("isTestOrToolFile", () => {
  test("CI pipelines are the CI server's, never the image's (Dhiman23/go-toto-app's `jenkinsfile` runs `git`)", () => {
    for (const path of [
      "Jenkinsfile",
      "jenkinsfile",
      "ci/Jenkinsfile.prod",
      ".gitlab-ci.yml",
      ".github/workflows/build.yaml",
      ".circleci/config.yml",
    ])
      expect(isTestOrToolFile(path), path).toBe(true);
  });
  test("the app's own files and scripts are not", () => {
    for (const path of ["main.go", "scripts/jenkins.sh", "Makefile", "entrypoint.sh", "src/workflows/build.yml", "ci.js"])
      expect(isTestOrToolFile(path), path).toBe(false);
  });
});
