package main

//go:generate go run ./gen

import (
	"fmt"
	"os"
)

func main() {
	b, err := os.ReadFile("/var/lib/app/seed.txt")
	fmt.Println(string(b), err)
}
