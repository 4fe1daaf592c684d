// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: "e2e docs",
  tagline: "A Docusaurus site in a container",
  url: "https://example.com",
  baseUrl: "/",
  onBrokenLinks: "throw",
  onBrokenMarkdownLinks: "warn",
  i18n: { defaultLocale: "en", locales: ["en"] },
  presets: [
    [
      "classic",
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: { sidebarPath: "./sidebars.js" },
        blog: false,
        theme: {},
      }),
    ],
  ],
  themeConfig: {
    navbar: { title: "e2e docs", items: [{ type: "doc", docId: "intro", label: "Docs", position: "left" }] },
  },
};

module.exports = config;
