package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
)

//go:embed static
var files embed.FS

func main() {
	root, err := fs.Sub(files, "static")
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/", http.FileServer(http.FS(root)))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
