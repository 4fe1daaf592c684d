module example.com/app

go 1.22

require example.com/sysx v0.1.0
