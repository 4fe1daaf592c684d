module.exports = (s) => `[${s}]`;
