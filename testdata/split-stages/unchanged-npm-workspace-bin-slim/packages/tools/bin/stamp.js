#!/usr/bin/env node
require('fs').writeFileSync(process.argv[2], JSON.stringify({ built: 'stamped-by-tools' }));
