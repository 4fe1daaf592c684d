package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	out, err := exec.Command("sh", "-c", "echo hi").Output()
	fmt.Print(string(out), err, "\n")
	out, err = exec.Command(os.Getenv("TOOL"), "--version").Output()
	fmt.Print(string(out), err, "\n")
}
