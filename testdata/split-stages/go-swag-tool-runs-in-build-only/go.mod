module example.com/api

go 1.22

require github.com/swaggo/swag v1.16.4
