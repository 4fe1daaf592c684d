import { expect, test } from "vitest";
import { devRole, someNames } from "./dev-roles.js";

test("build-only devDependencies by role; anything else is a library", () => {
  const roles = Object.fromEntries(
    [
      "@types/node",
      "eslint-plugin-import",
      "@typescript-eslint/parser",
      "jest",
      "@jest/globals",
      "aws-sdk-mock",
      "ts-loader",
      "typescript",
      "@babel/preset-env",
      "nodemon",
      "@nestjs/cli",
      "husky",
      "npm-run-all2",
      "tsconfig-paths",
      "enzyme",
      "enzyme-adapter-react-16",
      "cypress-real-events",
      "@cypress/code-coverage",
    ].map((n) => [n, devRole(n)]),
  );
  expect(roles).toEqual({
    "@types/node": "types",
    "eslint-plugin-import": "lint",
    "@typescript-eslint/parser": "lint",
    jest: "test",
    enzyme: "test",
    "enzyme-adapter-react-16": "test",
    "cypress-real-events": "test",
    "@cypress/code-coverage": "test",
    "@jest/globals": "test",
    "aws-sdk-mock": "test",
    "ts-loader": "build",
    typescript: "build",
    "@babel/preset-env": "build",
    nodemon: "watch",
    "@nestjs/cli": "cli",
    husky: "repo",
    "npm-run-all2": "script",
    "tsconfig-paths": "register",
  });
  // Found in the survey lists' package.json files: told by a part of the name or listed.
  for (const name of [
    "@tanstack/eslint-plugin-query",
    "html-webpack-plugin",
    "vite-tsconfig-paths",
    "@storybook/react",
    "vue-template-compiler",
    "gh-pages",
    "vue-jest",
  ])
    expect(devRole(name)).not.toBeNull();
  // Run-time helpers of compilers, drivers, engines and transports are libraries.
  for (const name of [
    "tslib",
    "@babel/runtime",
    "@swc/helpers",
    "pg",
    "ejs",
    "pino-pretty",
    "dotenv",
    "js-yaml",
    "react",
    "reflect-metadata",
    "regenerator-runtime",
  ])
    expect(devRole(name)).toBeNull();
});

test("someNames: at most three, then how many more", () => {
  expect(someNames(["a"])).toBe("`a`");
  expect(someNames(["a", "b"])).toBe("`a` and `b`");
  expect(someNames(["a", "b", "c"])).toBe("`a`, `b` and `c`");
  expect(someNames(["a", "b", "c", "d", "e"])).toBe("`a`, `b`, `c` and 2 more");
});
