const { readPackage } = require("./scripts/pnpm-hooks.js");

module.exports = { hooks: { readPackage } };
