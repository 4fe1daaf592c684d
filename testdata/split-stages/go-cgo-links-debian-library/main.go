package main

// #cgo LDFLAGS: -lyaml
// #include <yaml.h>
import "C"

import "fmt"

func main() { fmt.Println(C.GoString(C.yaml_get_version_string())) }
