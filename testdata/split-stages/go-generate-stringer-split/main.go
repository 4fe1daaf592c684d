package main

import "fmt"

//go:generate stringer -type=Kind

type Kind int

const (
	Small Kind = iota
	Large
)

func main() { fmt.Println(Small, Large) }
