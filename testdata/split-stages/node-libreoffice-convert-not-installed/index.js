const libre = require('libreoffice-convert');
const fs = require('fs');
libre.convert(fs.readFileSync('in.docx'), '.pdf', undefined, (err, out) => fs.writeFileSync('out.pdf', out));
