package sysx

// #include <stdlib.h>
import "C"
