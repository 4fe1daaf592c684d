FROM node:20.20.2 AS build
RUN node --version > /version

FROM python:3.12.14-slim
COPY --from=build /version /version
CMD ["python3", "-c", "print(open('/version').read())"]
