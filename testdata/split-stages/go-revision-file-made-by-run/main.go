package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	revision, _ := os.ReadFile("REVISION")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "%s", revision) })
	http.ListenAndServe(":8080", nil)
}
