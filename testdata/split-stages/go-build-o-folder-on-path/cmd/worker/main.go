package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	u, err := user.Current()
	fmt.Println("user", u, err)
	err = os.WriteFile("/tmp/x", []byte("x"), 0o644)
	fmt.Println("write /data:", err)
	h, _ := os.UserHomeDir()
	fmt.Println("home", h)
}
