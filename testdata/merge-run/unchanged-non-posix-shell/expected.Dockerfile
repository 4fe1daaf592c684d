FROM debian:bookworm
SHELL ["pwsh", "-Command"]
RUN New-Item -ItemType Directory /app
RUN New-Item /app/a
RUN New-Item /app/b
RUN ["pwsh", "-Command", "New-Item /app/c"]
