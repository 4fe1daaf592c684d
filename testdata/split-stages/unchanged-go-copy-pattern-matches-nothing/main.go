package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	env, err := os.ReadFile(".env")
	if err != nil {
		log.Fatalf("Cannot read .env file: %v", err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write(env) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}
