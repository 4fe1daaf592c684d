module forum

go 1.24
