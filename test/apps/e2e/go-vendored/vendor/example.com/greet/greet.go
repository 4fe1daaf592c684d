package greet

// Hello greets someone.
func Hello(name string) string { return "hello, " + name }
