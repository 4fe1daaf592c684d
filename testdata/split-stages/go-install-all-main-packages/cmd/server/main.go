package main

import (
	"net/http"
	"os/exec"

	"example.com/tools/v2/internal/greet"
)

// The server answers with its own greeting and the output of `greeter`, a second program of the module that
// `go install ./...` put beside it in GOBIN and that it finds through PATH.
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		out, err := exec.Command("greeter", "web").Output()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write([]byte(greet.Hello("server") + "\n" + string(out)))
	})
	http.ListenAndServe(":8080", nil)
}
