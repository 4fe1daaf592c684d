package main

import (
	"html/template"
	"net/http"
)

func main() {
	pages := template.Must(template.ParseGlob("*.tmpl"))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { pages.ExecuteTemplate(w, "page.tmpl", "ok") })
	http.ListenAndServe(":8080", nil)
}
