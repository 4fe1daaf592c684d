package sysx

import "os"

// PageSize is the memory page size of the system.
func PageSize() int { return os.Getpagesize() }
