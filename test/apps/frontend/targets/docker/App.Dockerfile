FROM debian:bookworm-slim AS base
RUN echo base > /stage
RUN echo shared > /shared

FROM base AS final
RUN echo final > /stage
CMD ["cat", "/stage"]
