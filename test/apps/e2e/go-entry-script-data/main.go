// A server started by an entry script: it reads a file the build made and writes beside it as the app user.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) {
		seed, err := os.ReadFile("data/seed.txt")
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		if err := os.WriteFile("data/visit.txt", []byte("visited\n"), 0o644); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		fmt.Fprintf(w, "seed: %s", seed)
	})
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
