module github.com/example/web

go 1.22
