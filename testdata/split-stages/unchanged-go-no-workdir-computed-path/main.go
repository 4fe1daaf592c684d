package main

import "os"

func main() { b, _ := os.ReadFile(os.Getenv("CONFIG")); os.Stdout.Write(b) }
