require("express"); require("he")
