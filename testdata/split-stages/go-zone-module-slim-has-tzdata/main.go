package main

import (
	"database/sql"
	"fmt"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/mattn/go-sqlite3"
)

func main() {
	db, err := sql.Open("mysql", "app:secret@tcp(db:3306)/app?parseTime=true&loc=Asia%2FShanghai")
	fmt.Println(db != nil, err)
	cache, _ := sql.Open("sqlite3", "cache.db")
	fmt.Println(cache != nil)
}
