package main

import (
	"fmt"

	"golang.org/x/tools/go/packages"
)

func main() {
	p, err := packages.Load(&packages.Config{Mode: packages.NeedName}, "./...")
	fmt.Println(len(p), err)
}
