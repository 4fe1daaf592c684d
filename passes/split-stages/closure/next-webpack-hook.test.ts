import { expect, test } from "vitest";
import { codeOnly, withoutWebpackHooks } from "./next-webpack-hook.js";

const named = (text: string) => withoutWebpackHooks(text).includes('"@svgr/webpack"');

test("the body of a webpack hook is blanked, however the function is written", () => {
  const method =
    'export default { reactStrictMode: true, webpack(config) { config.module.rules.push({ test: /\\.svg$/i, use: ["@svgr/webpack"] }); return config; } };';
  expect(named(method)).toBe(false);
  expect(withoutWebpackHooks(method)).toContain("reactStrictMode: true");
  expect(named('module.exports = { webpack: (config, { isServer }) => { config.x = ["@svgr/webpack"]; return config; } };')).toBe(false);
  expect(named('module.exports = { webpack: config => { config.x = ["@svgr/webpack"]; return config; } };')).toBe(false);
  expect(named('module.exports = withX({ async webpack(config) { config.x = ["@svgr/webpack"]; return config; } });')).toBe(false);
  expect(named('module.exports = { webpack: function hook(config) { config.x = ["@svgr/webpack"]; return config } };')).toBe(false);
  // Braces and quotes in strings, templates, regular expressions and comments do not end the body early.
  const tricky =
    'module.exports = { webpack(config) { const a = "}"; const b = `${"}"}`; const r = /[}"]/; /* } */ // }\n config.x = ["@svgr/webpack"]; return config; } };';
  expect(named(tricky)).toBe(false);
});

test("a name outside the hook, or a hook written elsewhere, stays", () => {
  expect(named('module.exports = { images: { loader: "@svgr/webpack" }, webpack(config) { return config; } };')).toBe(true);
  // A function defined elsewhere: not read as the hook.
  expect(named('function hook(config) { config.x = ["@svgr/webpack"]; return config; }\nmodule.exports = { webpack: hook };')).toBe(true);
  // Not a property of an object literal.
  expect(named('webpack(config => { config.x = ["@svgr/webpack"]; });')).toBe(true);
  // A string that does not scan leaves the text as it is.
  expect(named('module.exports = { webpack(config) { config.x = ["@svgr/webpack"]; }, y: "open };')).toBe(true);
});

test("code only: strings, templates, regular expressions and comments blanked; a division stays", () => {
  // A template's `${…}` stays code; a `/` after an operand divides.
  expect(codeOnly('a = "x{" + `y${b}z`; // c\n/re{/g.test(d) / 2')).toBe("a =      +   ${b}  ;     \n      .test(d) / 2");
  expect(codeOnly("a = 'open")).toBeNull();
  expect(codeOnly("a = { b")).toBeNull();
});
