FROM debian:bookworm
RUN curl -fsSL -o /usr/local/bin/kubectl https://dl.k8s.io/kubectl \
    && chmod +x /usr/local/bin/kubectl \
    && kubectl version --client \
    && pip install --no-cache-dir flask \
    && pip install --no-cache-dir gunicorn
