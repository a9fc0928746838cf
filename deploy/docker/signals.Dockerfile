# syntax=docker/dockerfile:1
# Signal worker (Kafka -> rules + windows in Redis -> RabbitMQ). Build from the repository root:
#   docker build -f deploy/docker/signals.Dockerfile -t creator-governance/signals:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/Governance.Configuration/Governance.Configuration.csproj shared/Governance.Configuration/
COPY shared/Governance.Contracts/Governance.Contracts.csproj shared/Governance.Contracts/
COPY shared/Governance.Hosting/Governance.Hosting.csproj shared/Governance.Hosting/
COPY shared/Governance.Kafka/Governance.Kafka.csproj shared/Governance.Kafka/
COPY shared/Governance.Rules/Governance.Rules.csproj shared/Governance.Rules/
COPY shared/Governance.Redis/Governance.Redis.csproj shared/Governance.Redis/
COPY services/Governance.Signals/Governance.Signals.csproj services/Governance.Signals/
RUN dotnet restore services/Governance.Signals/Governance.Signals.csproj
COPY shared/ shared/
COPY services/Governance.Signals/ services/Governance.Signals/
RUN dotnet publish services/Governance.Signals/Governance.Signals.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV Urls=http://+:8082 \
    ASPNETCORE_HTTP_PORTS= \
    Hosting__LogFormat=json
COPY --from=build /app .
# The default rule pack: the worker loads Signals:RulesPath (rules, i.e. /app/rules) only while Redis
# holds no published pack; the initializer (cli.Dockerfile) publishes the same folder.
COPY rules/ rules/
USER $APP_UID
EXPOSE 8082
ENTRYPOINT ["dotnet", "Governance.Signals.dll"]
