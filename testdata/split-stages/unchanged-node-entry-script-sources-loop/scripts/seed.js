require('fs').writeFileSync('/tmp/seeded', String(require('is-number')(5)))
