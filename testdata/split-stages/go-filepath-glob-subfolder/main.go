package main

import (
	"fmt"
	"path/filepath"
)

func main() {
	files, _ := filepath.Glob("static/*.txt")
	fmt.Println(files)
}
