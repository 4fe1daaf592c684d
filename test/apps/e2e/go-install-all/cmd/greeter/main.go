package main

import (
	"fmt"
	"os"

	"example.com/tools/v2/internal/greet"
)

func main() { fmt.Println(greet.Hello(os.Args[1])) }
