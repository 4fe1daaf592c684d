const client = require("prom-client");
exports.metrics = async (ctx, next) => next();
