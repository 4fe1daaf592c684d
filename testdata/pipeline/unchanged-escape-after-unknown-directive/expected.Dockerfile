# foo=bar
# escape=`
FROM debian:bookworm
RUN echo a \
  b
RUN echo c
CMD ["sh"]
