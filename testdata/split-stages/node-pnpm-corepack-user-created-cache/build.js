require('prettier'); require('fs').writeFileSync('build.txt', 'built');
