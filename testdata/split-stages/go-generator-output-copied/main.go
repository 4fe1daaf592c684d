package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	info, err := os.ReadFile("generated/build-info.txt")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "%s %v", info, err) })
	http.ListenAndServe(":8080", nil)
}
