package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	err := os.WriteFile("/var/lib/app/boot.txt", []byte(time.Now().String()), 0644)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "uid=%d bootwrite=%v\n", os.Getuid(), err)
	})
	http.ListenAndServe(":8080", nil)
}
