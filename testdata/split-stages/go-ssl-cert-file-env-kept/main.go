package main

import (
	"crypto/x509"
	"fmt"
	"strings"
)

func main() {
	pool, err := x509.SystemCertPool()
	if err != nil {
		fmt.Println("pool error:", err)
		return
	}
	//nolint:staticcheck // Subjects is enough to show which roots the program trusts
	subjects := pool.Subjects()
	corp := false
	for _, s := range subjects {
		if strings.Contains(string(s), "Corp Internal CA") {
			corp = true
		}
	}
	fmt.Println("roots:", len(subjects), "trusts Corp Internal CA:", corp)
}
