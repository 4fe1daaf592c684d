exports.build = () => {};
