// Loads farmhash's addon, compiled at install from the C++ sources it ships (node-gyp, no system library):
// the runtime must have the C++ run-time library it links.
const farmhash = require("farmhash");
console.log(JSON.stringify({ hash32: farmhash.hash32("msb-opt"), fingerprint64: farmhash.fingerprint64("msb-opt") }));
