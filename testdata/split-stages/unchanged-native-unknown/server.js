require("node-expat");
