package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("sh", "-c", "cd /srv/data && unzip -o geoip.zip").CombinedOutput()
	fmt.Println(string(out), err)
}
