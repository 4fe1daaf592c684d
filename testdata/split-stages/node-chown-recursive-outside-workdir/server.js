const fs = require('fs'); const r = [];
for (const d of ['/var/log/app', '/app/tmp', '/app/uploads', '/data/cache']) { try { fs.writeFileSync(d + '/w', 'x'); r.push(d + ':ok'); } catch (e) { r.push(d + ':' + e.code); } }
console.log(require('ms')('1s'), fs.readFileSync('dist/out.txt','utf8'), r.join(' '));
