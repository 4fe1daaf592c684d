package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"time"
)

func main() {
	// A fixed instant, shown in a named zone: needs the zoneinfo database at run time.
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println("no time zones:", err)
		os.Exit(1)
	}
	fmt.Println(time.Unix(1700000000, 0).In(paris).Format(time.RFC3339))
	// TLS clients verify servers against the system CA bundle.
	pool, err := x509.SystemCertPool()
	if err != nil || len(pool.Subjects()) == 0 { //nolint:staticcheck // a count is all we need
		fmt.Println("no CA certificates")
		os.Exit(1)
	}
	fmt.Println("CA bundle present")
}
