FROM golang:1.22
ARG GIT_USER
RUN echo "machine github.com login ${GIT_USER}" > /root/.netrc
RUN go mod download
RUN rm /root/.netrc
