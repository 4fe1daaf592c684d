//go:build gccgo && !aix && !hurd

package sysx

// #include <errno.h>
import "C"

func errnoC() int { return int(C.errno) }
