package main

import (
	"github.com/beego/beego/v2/server/web"
)

type MainController struct{ web.Controller }

func (c *MainController) Get() {
	c.Data["Website"] = "example.com"
	c.TplName = "index.tpl"
}

func main() {
	web.Router("/", &MainController{})
	web.Run()
}
