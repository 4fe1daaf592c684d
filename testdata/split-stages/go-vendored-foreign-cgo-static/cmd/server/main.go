package main

import (
	"fmt"
	"net/http"

	"example.com/sysx"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "page size", sysx.PageSize()) })
	http.ListenAndServe(":8080", nil)
}
