FROM --platform=$TARGETPLATFORM gcc:13
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -o app main.cpp
CMD ["./app"]
