//go:build tools

// Tools the module pins (a common idiom): no build without `-tags tools` compiles it.
package main

import _ "example.com/tools/v2/internal/greet"
