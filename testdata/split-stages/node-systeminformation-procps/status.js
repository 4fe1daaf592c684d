const si = require('systeminformation');
si.processes().then((p) => {
  console.log('all>0:', p.all > 0, 'node seen:', p.list.some((x) => x.name === 'node'));
});
