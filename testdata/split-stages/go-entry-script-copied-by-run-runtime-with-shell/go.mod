module example.com/c11

go 1.22
