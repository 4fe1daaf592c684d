FROM debian:bookworm-slim
# like the official cassandra image: one key per line, a comment above each
ENV GPG_KEYS \
# Eric Evans <eevans@example.com>
	CEC86BB4A0BA9D0F90397CAEF8358FA2F2833C93 \
# Sylvain Lebresne <sylvain@example.com>
	5AED1BF378E9A19DADE1BCB34BD736A82B5C1B00
ENV DEPLOY_TOKEN \
# the token of the deploy bot
	ghp_fake0123456789
RUN echo ok
