//go:build ignore

// A generator run by hand (`go run gen.go`): its build constraint keeps it out of `go install ./...`.
package main

func main() {}
