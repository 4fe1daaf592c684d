// What a devDependency is for, by its name. A devDependency that is a build or development tool by role (a type
// package, a linter, a test runner, a compiler) is not loaded by the app at run time unless something the split
// reads says so (a preload, an import, a production compiler that runs at start: node-entry.ts checks those). Any
// other devDependency is a library, and a production package may load a library by a name the app's code does not
// show (sequelize's `dialect: 'postgres'` loads pg, Express's `res.render('x.ejs')` loads ejs, pino's transport
// `target` in a JSON file, a worker file a pool loads by path): its absence from the module graph is no evidence
// that the runtime can do without it.
//
// Sources: each family's own documentation of how it is installed (as a devDependency, for development), and
// the devDependencies of 267 package.json files of msb-opt's five survey lists, where about nine in ten entries
// are of these families; the libraries seen there (tsconfig-paths aside) were dotenv, http-proxy-middleware,
// tslib, axios, body-parser, express, prom-client, redis, lodash, chalk, glob and front-end bundles.

export type DevRole = "types" | "lint" | "test" | "build" | "watch" | "cli" | "repo" | "script" | "register";

type Family = {
  readonly role: DevRole;
  readonly names: readonly string[];
  readonly prefixes?: readonly string[];
  readonly suffixes?: readonly string[];
  /** Parts of a name (`@tanstack/eslint-plugin-query`, `tsconfig-paths-webpack-plugin`). */
  readonly parts?: readonly string[];
};

const FAMILIES: readonly Family[] = [
  // TypeScript's declaration packages hold `.d.ts` files only: nothing can require them.
  { role: "types", names: [], prefixes: ["@types/"] },
  // Linters, formatters and type checkers read the sources at development time (and in CI); eslint's flat config
  // imports `globals` and `@eslint/js`, its own data; scoped plugins and shared configs
  // (`@vue/eslint-config-typescript`, `@trivago/prettier-plugin-sort-imports`) are told by a part of the name.
  {
    role: "lint",
    names: ["eslint", "typescript-eslint", "babel-eslint", "globals", "prettier", "stylelint", "oxlint", "oxfmt", "tslint", "jshint"],
    prefixes: ["eslint-", "@eslint/", "@typescript-eslint/", "prettier-", "@prettier/", "stylelint-", "@biomejs/", "@stylistic/"],
    parts: ["eslint-plugin", "eslint-config", "prettier-plugin"],
  },
  { role: "lint", names: ["standard", "ts-standard", "xo", "svelte-check", "publint"] },
  // Test runners, assertion and mocking libraries, fake data, browser drivers, coverage reporters, load testers and
  // throwaway services for tests: the test files that load them are not part of the image's entry.
  {
    role: "test",
    names: [
      ...["jest", "ts-jest", "babel-jest", "vitest", "mocha", "chai", "sinon", "nyc", "c8", "supertest", "jsdom", "karma", "jasmine"],
      ...["playwright", "cypress", "nock", "msw", "mongodb-memory-server", "testcontainers", "ava", "tap", "@nestjs/testing"],
      ...["@vue/test-utils", "node-mocks-http", "coveralls", "autocannon", "enzyme", "enzyme-to-json", "react-test-renderer"],
      // Fake data for tests and seeds (a seed the entry runs imports it: the module graph keeps it then).
      ...["@faker-js/faker", "faker"],
    ],
    prefixes: [
      ...["jest-", "@jest/", "@vitest/", "chai-", "sinon-", "@testing-library/", "karma-", "jasmine-", "@playwright/"],
      ...["@testcontainers/", "mocha-", "mock-", "istanbul", "enzyme-adapter-", "cypress-", "@cypress/"],
    ],
    suffixes: ["-mock", "-jest"],
  },
  // Compilers, bundlers and their plugins run in the build stage and write the files the runtime copies. Babel's
  // CLI, presets and plugins are build-only unless a production package loads babel at run time (node-entry.ts
  // `runtimeCompiler`); the run-time helpers of compilers (`@babel/runtime`, `@swc/helpers`, `tslib`) and
  // polyfills are libraries. Framework template compilers (vue-template-compiler, @angular/compiler-cli) and
  // grunt's task plugins belong here too.
  {
    role: "build",
    names: [
      ...["typescript", "esbuild", "rollup", "vite", "parcel", "tsup", "tsc-alias", "browserify", "autoprefixer", "tailwindcss"],
      ...["sass", "node-sass", "less", "@swc/core", "@swc/cli", "@swc/jest", "@babel/core", "@babel/cli", "babel-cli", "babel-core"],
      ...["vue-template-compiler", "@vue/compiler-sfc", "@angular/compiler-cli", "svelte-preprocess", "@sveltejs/package"],
      ...["typescript-plugin-css-modules", "baseline-browser-mapping", "grunt", "load-grunt-tasks", "time-grunt"],
    ],
    prefixes: [
      ...["@rollup/", "rollup-plugin-", "@vitejs/", "vite-", "@sveltejs/vite-plugin-", "@sveltejs/adapter-", "@parcel/", "postcss"],
      ...["@babel/preset-", "@babel/plugin-", "babel-preset-", "babel-plugin-", "@tailwindcss/", "@tsconfig/", "grunt-"],
    ],
    suffixes: ["-loader"],
    parts: ["webpack"],
  },
  // Watchers and dev servers restart the app on edits (an image that runs one is kept by the runner rule);
  // react-error-overlay is the dev server's error page.
  { role: "watch", names: ["nodemon", "ts-node-dev", "tsc-watch", "node-dev", "react-error-overlay"] },
  // Framework CLIs scaffold, build and serve in development (Remix's and React Router's `dev` packages hold their
  // CLI and bundler plugin; Nx runs a monorepo's builds; Storybook is a component workshop).
  {
    role: "cli",
    names: ["@nestjs/cli", "@nestjs/schematics", "@angular/cli", "react-scripts", "@remix-run/dev", "@react-router/dev", "nx", "storybook"],
    prefixes: ["@angular-devkit/", "@vue/cli-", "vue-cli-plugin-", "@nx/", "@storybook/"],
  },
  // Git hooks, commit linting, releases, publishing, API docs, code generators and security scanners run on a
  // developer's machine or in CI; prisma's and drizzle's CLIs generate the client and migrations at build time
  // (the client, `@prisma/client`, is a dependency).
  {
    role: "repo",
    names: [
      ...["husky", "lint-staged", "semantic-release", "standard-version", "prisma", "drizzle-kit", "gh-pages", "apidoc"],
      ...["snyk", "npm-shrinkwrap"],
    ],
    prefixes: ["@commitlint/", "@semantic-release/", "@graphql-codegen/", "graphql-codegen-"],
  },
  // Helpers of the package.json scripts: cleaning, copying, setting variables, running several scripts, opening a
  // browser, telling CI apart in an install hook (`is-ci || husky install`).
  {
    role: "script",
    names: ["rimraf", "cross-env", "concurrently", "copyfiles", "dotenv-cli", "shx", "ncp", "cpy-cli", "is-ci", "opn-cli"],
    prefixes: ["npm-run-all"],
  },
  // Register hooks and the runners built on them compile or rewrite modules as node loads them: needed only when a
  // preload, a require, NODE_OPTIONS or a runner's config loads them, which node-entry.ts reads.
  {
    role: "register",
    names: [
      ...["tsconfig-paths", "source-map-support", "ts-node", "tsx", "@babel/register", "babel-register", "@babel/node"],
      ...["esbuild-register", "@swc/register", "@swc-node/register"],
    ],
  },
];

/** The role of the devDependency `name` when it is a build or development tool, null when it is a library. */
export function devRole(name: string): DevRole | null {
  for (const f of FAMILIES) {
    if (f.names.includes(name)) return f.role;
    if (f.prefixes?.some((p) => name.startsWith(p))) return f.role;
    if (f.suffixes?.some((s) => name.endsWith(s))) return f.role;
    if (f.parts?.some((p) => name.includes(p))) return f.role;
  }
  return null;
}

/** `a`, `a and b`, `a, b, c and N more`: at most three names, each in backticks. */
export function someNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `\`${n}\``);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
