# syntax=docker/dockerfile:1
# Ingestion (Kafka -> validate -> normalize -> Kafka). Build from the repository root:
#   docker build -f deploy/docker/ingestion.Dockerfile -t creator-governance/ingestion:dev .
# docker-compose.yml builds it; tests/Governance.Deploy.Tests checks the paths, ports and user below.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/Governance.Configuration/Governance.Configuration.csproj shared/Governance.Configuration/
COPY shared/Governance.Contracts/Governance.Contracts.csproj shared/Governance.Contracts/
COPY shared/Governance.Hosting/Governance.Hosting.csproj shared/Governance.Hosting/
COPY shared/Governance.Kafka/Governance.Kafka.csproj shared/Governance.Kafka/
COPY shared/Governance.Validation/Governance.Validation.csproj shared/Governance.Validation/
COPY services/Governance.Ingestion/Governance.Ingestion.csproj services/Governance.Ingestion/
RUN dotnet restore services/Governance.Ingestion/Governance.Ingestion.csproj
COPY shared/ shared/
COPY services/Governance.Ingestion/ services/Governance.Ingestion/
RUN dotnet publish services/Governance.Ingestion/Governance.Ingestion.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Health probes (/health/live, /health/ready) on all interfaces, on the port of appsettings.json's Urls.
# ASPNETCORE_HTTP_PORTS (8080 in the base image) is cleared so that Urls alone decides.
ENV Urls=http://+:8081 \
    ASPNETCORE_HTTP_PORTS= \
    Hosting__LogFormat=json
COPY --from=build /app .
# The base image's non-root user "app", by its numeric id (1654) so that Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
EXPOSE 8081
ENTRYPOINT ["dotnet", "Governance.Ingestion.dll"]
