module example.com/entrydata

go 1.22
