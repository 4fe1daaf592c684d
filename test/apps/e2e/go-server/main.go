package main

import (
	"fmt"
	"net/http"
	"runtime"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "go %s says hi to %s\n", runtime.Version(), r.URL.Path)
	})
	http.ListenAndServe(":8080", nil)
}
