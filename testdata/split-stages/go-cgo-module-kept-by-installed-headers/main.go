package main

import (
	"fmt"

	vips "github.com/example/vips"
)

func main() { fmt.Println(vips.Version()) }
