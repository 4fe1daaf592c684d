//go:build !linux || !cgo

package main

import "os"

func pid() int { return os.Getpid() }
