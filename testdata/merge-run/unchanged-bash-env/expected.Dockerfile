FROM debian:bookworm
ENV BASH_ENV=/etc/bash_env
SHELL ["/bin/bash", "-c"]
RUN echo 'echo sourced >> /count' > /etc/bash_env
RUN touch /a
