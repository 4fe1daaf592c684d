package main

import (
	"fmt"

	// #cgo LDFLAGS: -lsqlite3
	// #include <sqlite3.h>
	"C"
)

func main() { fmt.Println(C.GoString(C.sqlite3_libversion())) }
