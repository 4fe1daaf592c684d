FROM node:20.20.2
RUN echo a
# MSB-OPT IGNORE=merge-run
RUN echo b
RUN echo c
# msb-opt: ignore=merge-run
RUN echo d
RUN echo e
# msb-opt ignore merge-run
RUN echo f
# msb-opt ignor=merge-run
RUN echo g \
    && echo h
# msb-opt Ignore=pin-tags
CMD ["node"]
