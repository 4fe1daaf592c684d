//go:build go1.30

package main

func main() {}
