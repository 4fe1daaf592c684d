#!/usr/bin/env node
// The entry of msb-opt's image (Dockerfile): the BuildKit frontend or the CLI (src/entry-image.ts), run
// with a V8 code cache (bin/code-cache.js) that the image's build writes once, in $MSB_OPT_CACHE_DIR.
"use strict";
require("./code-cache.js").runBundle(require("node:path").join(__dirname, "..", "dist", "frontend.cjs"));
