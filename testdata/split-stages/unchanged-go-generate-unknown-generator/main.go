package main

import "fmt"

//go:generate protoc-gen-seed --out seed.go

func main() { fmt.Println("ok") }
