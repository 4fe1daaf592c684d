package main

import (
	"fmt"
	"os"
)

const dsn = "file:data/app.db?cache=shared"

func main() {
	b, err := os.ReadFile("data/app.db")
	fmt.Println(dsn, string(b), err)
}
