package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("Local:", time.Now().Location(), time.Now().Format("MST"))
}
