FROM golang:1.22
ARG GOBIN=/usr/local/bin
WORKDIR /src
COPY . .
RUN go install .
CMD ["app"]
