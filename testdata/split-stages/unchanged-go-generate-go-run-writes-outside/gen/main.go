package main

import "os"

func main() {
	os.MkdirAll("/var/lib/app", 0o755)
	os.WriteFile("/var/lib/app/seed.txt", []byte("seeded"), 0o644)
}
