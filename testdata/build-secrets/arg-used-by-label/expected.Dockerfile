FROM alpine:3.20
ARG DEPLOY_TOKEN
LABEL token=$DEPLOY_TOKEN
RUN wget --header "Authorization: $DEPLOY_TOKEN" https://example.com/x
