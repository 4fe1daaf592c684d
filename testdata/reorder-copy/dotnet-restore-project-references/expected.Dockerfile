FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY App.sln Directory.Build.props NuGet.Config ./
COPY src/Web/Web.csproj ./src/Web/
COPY src/Core/Core.csproj ./src/Core/
RUN dotnet restore App.sln
COPY . .
RUN dotnet publish src/Web/Web.csproj -c Release -o /out
