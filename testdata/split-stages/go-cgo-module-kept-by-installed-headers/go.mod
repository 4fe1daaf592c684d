module example.com/app

go 1.22

require github.com/example/vips v1.1.9
