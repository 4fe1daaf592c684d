const e=require("express")();e.use(require("express").static(__dirname+"/public"));e.listen(3000)
