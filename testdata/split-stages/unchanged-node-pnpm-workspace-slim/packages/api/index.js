require("ms");require("express")().listen(3000);
