module example.com/app

go 1.22

require golang.org/x/tools v0.21.0
