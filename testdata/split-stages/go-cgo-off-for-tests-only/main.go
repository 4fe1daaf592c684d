package main

import (
	"fmt"
	"net"
	"os/user"
)

func main() {
	u, err := user.Current()
	addrs, _ := net.LookupHost("localhost")
	fmt.Println("user", u != nil && err == nil, "localhost", len(addrs) > 0)
}
