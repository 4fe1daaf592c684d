# The same service without the file its HEALTHCHECK looks for; it has no port, so only the HEALTHCHECK tells.
FROM debian:bookworm-slim
RUN mkdir -p /var/lib/app
HEALTHCHECK --interval=5s CMD ["test", "-f", "/var/lib/app/ready"]
CMD ["sleep", "600"]
