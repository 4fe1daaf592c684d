package main

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.ParseGlob("templates/*.html"))

func main() {
	http.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir("static"))))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { page.Execute(w, "hello") })
	http.ListenAndServe(":8080", nil)
}
