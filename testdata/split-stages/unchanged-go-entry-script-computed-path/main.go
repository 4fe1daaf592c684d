package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "mode=%s\n", os.Getenv("MODE"))
	})
	http.ListenAndServe(":8080", nil)
}
