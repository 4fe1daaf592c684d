const fs = require('fs');
const path = require('path');
const { marked } = require('marked');
const out = path.join(__dirname, '..', 'server', 'public');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'index.html'), marked.parse(fs.readFileSync(path.join(__dirname, 'src', 'page.md'), 'utf8')));
