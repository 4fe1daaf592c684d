const fs = require('fs'); const ms = require('ms');
require('http').createServer((q, r) => {
  const rd = (p) => { try { return fs.readFileSync(p, 'utf8').trim(); } catch (e) { return e.code; } };
  r.end(`config=${rd(process.env.CONFIG_PATH)} asset=${rd('/assets/a.txt')} ${ms(1000)}\n`);
}).listen(3000);
