package main

import (
	"html/template"
	"os"
)

func main() {
	t := template.Must(template.ParseGlob("../web/templates/*.html"))
	t.ExecuteTemplate(os.Stdout, "index.html", "hi")
}
