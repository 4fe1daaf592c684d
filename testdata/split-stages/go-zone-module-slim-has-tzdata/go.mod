module example.com/app

go 1.25

require (
	github.com/go-sql-driver/mysql v1.8.1
	github.com/mattn/go-sqlite3 v1.14.22
)
