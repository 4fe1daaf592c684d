FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj ./Api/
RUN dotnet restore Api/Api.csproj -r linux-x64
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -r linux-x64 -o /out
