module example.com/envbot

go 1.22
