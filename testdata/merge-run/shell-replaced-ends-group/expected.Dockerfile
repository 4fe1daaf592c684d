FROM debian:bookworm
RUN ln -sf /bin/bash /bin/sh
RUN ( source /etc/profile && echo {a,b} > /ab ) \
    && rm /bin/sh \
    && ln -s /bin/dash /bin/sh
RUN echo done
