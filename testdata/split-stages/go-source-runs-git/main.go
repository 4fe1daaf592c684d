package main

import "os/exec"

func main() { exec.Command("git", "fetch").Run() }
