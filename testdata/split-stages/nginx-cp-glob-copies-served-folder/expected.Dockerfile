FROM nginx:stable AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY src ./src
COPY gen.py .
RUN python3 gen.py && cp -r out/* /usr/share/nginx/html/

FROM nginx:stable AS runtime
WORKDIR /build
COPY --from=build /usr/share/nginx/html /usr/share/nginx/html
COPY default.conf /etc/nginx/conf.d/default.conf
CMD ["nginx", "-g", "daemon off;"]
