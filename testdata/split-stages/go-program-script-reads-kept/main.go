package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("sh", "scripts/migrate.sh").CombinedOutput()
	fmt.Println(string(out), err)
}
