require('is-number'); require('fs').writeFileSync('build.txt','b')
