package main

import (
	"html/template"
	"os"
)

func main() {
	t := template.Must(template.ParseGlob("/app/templates/*.html"))
	t.ExecuteTemplate(os.Stdout, "index.html", "hi")
}
