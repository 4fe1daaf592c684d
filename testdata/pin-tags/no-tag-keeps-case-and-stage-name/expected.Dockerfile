from python:3.14.7 as build
RUN pip --version

FROM python:3.14.7-slim
COPY --from=build /etc/hostname /x
