FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
COPY app.csproj /src/
WORKDIR /src
RUN ls
RUN dotnet restore app.csproj
COPY . /src
RUN dotnet build "app.csproj" -c Release -o /app/build
