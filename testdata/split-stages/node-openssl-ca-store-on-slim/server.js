const fs = require('fs');
const tls = require('tls');
const extra = process.env.NODE_EXTRA_CA_CERTS;
let n = 0; try { n = (fs.readFileSync(extra, 'utf8').match(/BEGIN CERTIFICATE/g) || []).length; } catch (e) { console.log('no bundle', e.code); }
console.log('bundle certs > 100:', n > 100, 'corp present:', fs.existsSync('/etc/ssl/certs/corp-root-ca.pem'), 'root certs', tls.rootCertificates.length > 100);
