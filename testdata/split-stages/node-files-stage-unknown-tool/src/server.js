require("ms");
