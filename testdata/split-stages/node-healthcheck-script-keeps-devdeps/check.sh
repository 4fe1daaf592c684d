sleep 6; echo "-- health: $(/usr/bin/docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' $CID)"
