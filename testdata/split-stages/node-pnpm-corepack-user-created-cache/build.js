require('is-number'); require('fs').writeFileSync('build.txt', 'built');
