package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

func main() {
	files, _ := filepath.Glob("static/*.txt")
	fmt.Println(files)
	filepath.WalkDir("static", func(path string, d fs.DirEntry, err error) error {
		fmt.Println(path)
		return err
	})
}
