/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = { docs: ["intro", "deploy"] };

module.exports = sidebars;
