// `bytes` is listed under devDependencies but loaded at run time: a pruned image would crash here.
const bytes = require("bytes");
const ms = require("ms");
exports.describe = () => ({ app: "mislabelled", size: bytes(1024 * 1024), hour: ms("1h") });
