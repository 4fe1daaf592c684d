package main

import (
	"net/http"
	"os"
)

func main() {
	os.MkdirAll("/var/lib/app/cache", 0o755)
	http.ListenAndServe(":8080", nil)
}
