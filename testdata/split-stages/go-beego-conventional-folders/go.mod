module example.com/app

go 1.22

require github.com/beego/beego/v2 v2.2.2
