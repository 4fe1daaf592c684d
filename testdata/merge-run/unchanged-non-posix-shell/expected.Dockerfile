FROM debian:bookworm
SHELL ["pwsh", "-Command"]
RUN New-Item -ItemType Directory /app
RUN New-Item /app/a
