const fs=require('fs');const f=require.resolve('ms');fs.appendFileSync(f,'\nmodule.exports.patched = true;\n');
