# syntax=docker/dockerfile:1
# Alerting (RabbitMQ -> PostgreSQL + outbox -> RabbitMQ). Build from the repository root:
#   docker build -f deploy/docker/alerting.Dockerfile -t creator-governance/alerting:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/Governance.Configuration/Governance.Configuration.csproj shared/Governance.Configuration/
COPY shared/Governance.Contracts/Governance.Contracts.csproj shared/Governance.Contracts/
COPY shared/Governance.Hosting/Governance.Hosting.csproj shared/Governance.Hosting/
COPY shared/Governance.Rules/Governance.Rules.csproj shared/Governance.Rules/
COPY shared/Governance.Scoring/Governance.Scoring.csproj shared/Governance.Scoring/
COPY services/Governance.Alerting/Governance.Alerting.csproj services/Governance.Alerting/
RUN dotnet restore services/Governance.Alerting/Governance.Alerting.csproj
COPY shared/ shared/
COPY services/Governance.Alerting/ services/Governance.Alerting/
RUN dotnet publish services/Governance.Alerting/Governance.Alerting.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV Urls=http://+:8083 \
    ASPNETCORE_HTTP_PORTS= \
    Hosting__LogFormat=json
COPY --from=build /app .
# The escalation policy: Alerting:PolicyPath is rules/policy/escalation.yaml, relative to /app.
COPY rules/policy/ rules/policy/
USER $APP_UID
EXPOSE 8083
ENTRYPOINT ["dotnet", "Governance.Alerting.dll"]
