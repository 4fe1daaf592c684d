/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = { docs: ["intro", "deploy"] };

module.exports = sidebars;

// msb-opt verify 346e4b5683c7 optimized 1
