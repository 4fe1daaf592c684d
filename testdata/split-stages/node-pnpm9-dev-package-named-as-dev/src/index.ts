const debug = require("debug")("x");
debug("up");
