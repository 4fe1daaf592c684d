const fs = require('fs'); const path = require('path');
const p = process.env.CONFIG_PATH;
fs.mkdirSync(path.dirname(p), { recursive: true });
fs.writeFileSync(p, JSON.stringify({ builtAt: 'build', feature: true }));
const out = path.join(__dirname, '..', '..', 'assets');
fs.mkdirSync(out, { recursive: true }); fs.writeFileSync(path.join(out, 'a.txt'), 'asset\n');
