#!/usr/bin/env node
// The msb-opt command: the bundled CLI, run with a V8 code cache (bin/code-cache.js). CommonJS
// (bin/package.json), so Node starts it without its ES module loader.
"use strict";
require("./code-cache.js").runBundle(require("node:path").join(__dirname, "..", "dist", "cli.cjs"));
