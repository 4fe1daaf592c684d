console.log(require('browser-dl/package.json').name);
