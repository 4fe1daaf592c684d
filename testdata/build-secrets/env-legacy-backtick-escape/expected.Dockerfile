# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ENV API_KEY `
    abc123
ENV TOOLS_HOME `
# where the tools go
    C:\tools
RUN echo ok
