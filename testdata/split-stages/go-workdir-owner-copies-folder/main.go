package main

import (
	"fmt"
	"os"
)

func main() {
	err := os.WriteFile("state.json", []byte("{}"), 0o644)
	fmt.Println("write state.json:", err)
}
