package main

import (
	"net/http"

	_ "example.com/api/docs"
)

// @title API
func main() { http.ListenAndServe(":8080", nil) }
