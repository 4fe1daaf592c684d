module github.com/someone/Chess-Backend

go 1.22
