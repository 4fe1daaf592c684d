FROM golang:1.22
COPY --chown=1000:1000 .netrc /root/.netrc
RUN go mod download && rm /root/.netrc
