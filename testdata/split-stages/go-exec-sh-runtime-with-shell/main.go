package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"time"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		loc, err := time.LoadLocation(os.Getenv("APP_TZ"))
		tz := "ERR"
		if err == nil {
			tz = time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).In(loc).Format("15:04 MST")
		}
		out, err := exec.Command("sh", "-c", "echo hi").CombinedOutput()
		fmt.Fprintf(w, "tz=%s sh=%s err=%v\n", tz, string(out), err)
		data, err := os.ReadFile("/etc/app/settings.conf")
		fmt.Fprintf(w, "conf=%s err=%v\n", string(data), err)
	})
	http.ListenAndServe(":8080", nil)
}
