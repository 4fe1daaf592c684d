module example.com/tools/app/v2

go 1.22
