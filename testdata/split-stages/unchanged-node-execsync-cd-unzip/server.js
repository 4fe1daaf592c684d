const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dataDir = path.join(__dirname, 'data');
if (!fs.existsSync(path.join(dataDir, 'GeoLite2.mmdb'))) {
  execSync(`cd ${dataDir} && unzip -o geoip.zip`, { stdio: 'inherit' });
}
console.log('geoip db:', fs.readFileSync(path.join(dataDir, 'GeoLite2.mmdb'), 'utf8').trim());
