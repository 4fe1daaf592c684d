module.exports = function(){ return 1000 }; module.exports.patched = true;
