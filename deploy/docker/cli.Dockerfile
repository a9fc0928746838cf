# syntax=docker/dockerfile:1
# The governance CLI with the default rule pack: the initializer that publishes the pack
# (`governance rules publish --rules /app/rules`, the default command), and the CLI for operators
# (`docker run --rm creator-governance/cli:dev alerts tail`). Build from the repository root:
#   docker build -f deploy/docker/cli.Dockerfile -t creator-governance/cli:dev .
# Topic creation is not a CLI command: the initializer's other half runs kafka-topics.sh from the
# Kafka image (docker-compose.yml: init-topics; deploy/k8s/init-job.yaml: an init container).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/Governance.Configuration/Governance.Configuration.csproj shared/Governance.Configuration/
COPY shared/Governance.Contracts/Governance.Contracts.csproj shared/Governance.Contracts/
COPY shared/Governance.Hosting/Governance.Hosting.csproj shared/Governance.Hosting/
COPY shared/Governance.Kafka/Governance.Kafka.csproj shared/Governance.Kafka/
COPY shared/Governance.SampleData/Governance.SampleData.csproj shared/Governance.SampleData/
COPY shared/Governance.Rules/Governance.Rules.csproj shared/Governance.Rules/
COPY shared/Governance.Redis/Governance.Redis.csproj shared/Governance.Redis/
COPY shared/Governance.Validation/Governance.Validation.csproj shared/Governance.Validation/
COPY shared/Governance.Scoring/Governance.Scoring.csproj shared/Governance.Scoring/
COPY tools/Governance.Cli/Governance.Cli.csproj tools/Governance.Cli/
RUN dotnet restore tools/Governance.Cli/Governance.Cli.csproj
COPY shared/ shared/
COPY tools/Governance.Cli/ tools/Governance.Cli/
RUN dotnet publish tools/Governance.Cli/Governance.Cli.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The rule pack (rules, term lists, fixtures, policy/escalation.yaml), validated before it is published.
COPY rules/ rules/
USER $APP_UID
ENTRYPOINT ["dotnet", "governance.dll"]
CMD ["rules", "publish", "--rules", "/app/rules"]
