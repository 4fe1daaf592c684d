const fs = require('fs');
console.log('geoip db:', fs.readFileSync(__dirname + '/data/GeoLite2.mmdb', 'utf8').trim());
