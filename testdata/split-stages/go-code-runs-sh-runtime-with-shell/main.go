package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("sh", "-c", "echo from-shell").Output()
	fmt.Println(string(out), err)
}
