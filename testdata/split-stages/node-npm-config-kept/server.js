require("ws");
