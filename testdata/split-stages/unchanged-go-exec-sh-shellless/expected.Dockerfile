FROM golang:1.22
ENV APP_TZ=Europe/Paris
WORKDIR /go/src/app
COPY go.mod ./
COPY *.go ./
RUN CGO_ENABLED=0 go build -o /go/bin/app .
COPY settings.conf /etc/app/settings.conf
EXPOSE 8080
CMD ["/go/bin/app"]
