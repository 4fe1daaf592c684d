FROM golang:1.22
ENV TOOL=git
WORKDIR /app
COPY . .
RUN go build -o server .
CMD ["./server"]
