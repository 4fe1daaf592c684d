package main

import (
	"fmt"
	"os"
)

func main() {
	err := os.WriteFile("data/out.txt", []byte("x"), 0644)
	fmt.Println("write:", err)
	fmt.Println("greeting:", os.Getenv("GREETING"))
	wd, _ := os.Getwd()
	fmt.Println("wd:", wd)
}
