const fs = require('fs');
const path = require('path');
const ms = require('ms');
const html = fs.readFileSync(path.join(__dirname, 'public', 'index.html'), 'utf8');
console.log('serving', html.trim(), 'cache', ms(3600000));
