FROM debian:bookworm-slim
ENV SERVICE_PASSWORD \ 
	hunter2
ENV PLAIN_VALUE one \  
	two
RUN echo ok
