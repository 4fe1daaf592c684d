package sysx

// #include <unistd.h>
import "C"

func pageSizeC() int { return int(C.getpagesize()) }
