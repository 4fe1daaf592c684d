FROM golang:1.22 AS build
RUN useradd -m app
WORKDIR /home/app/svc
COPY . .
ENV CGO_ENABLED=0
RUN go build -o server . && mkdir data && touch data/.keep && mkdir tmp && rm -rf tmp && chown -R app:app /home/app/svc

FROM debian:bookworm-slim AS runtime
RUN useradd -m app
COPY --from=build --chown=app:app /home/app/svc/data /home/app/svc/data
COPY --from=build --chown=app:app /home/app/svc/server /home/app/svc/server
WORKDIR /home/app/svc
USER app
CMD ./server
