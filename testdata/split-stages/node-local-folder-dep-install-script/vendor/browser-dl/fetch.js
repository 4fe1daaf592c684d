require('fs').writeFileSync(__dirname + '/browser', 'x');
