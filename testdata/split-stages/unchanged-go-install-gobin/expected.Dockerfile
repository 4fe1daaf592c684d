FROM golang:1.22
WORKDIR /src
COPY . .
ENV GOBIN=/usr/local/bin
RUN go install .
CMD ["app"]
