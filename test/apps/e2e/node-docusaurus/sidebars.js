/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = { docs: ["intro", "deploy"] };

module.exports = sidebars;

// msb-opt verify 60e769887262 original 0
