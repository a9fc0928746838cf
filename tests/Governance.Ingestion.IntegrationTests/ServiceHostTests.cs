using System.Net;
using System.Net.Sockets;
using Governance.SampleData;
using Governance.Testing;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>The service as users run it: probes over HTTP, clear start-up errors.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ServiceHostTests(KafkaBroker broker)
{
    [Fact]
    public async Task LivenessAndReadinessAnswerOverHttp()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var port = FreePort();
        var environment = topics.Environment(broker.BootstrapServers, "g-" + Guid.NewGuid());
        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["Hosting__LogFormat"] = "json";
        using var service = ServiceProcess.Start(RepositoryPaths.BuiltDll("services", "Governance.Ingestion"), environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var ready = await PollAsync(http, "/health/ready", TimeSpan.FromSeconds(30));
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.True(ready == HttpStatusCode.OK, $"ready answered {ready}\n{service.Output}");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(service.Stop(TimeSpan.FromSeconds(30)), "no graceful exit on SIGTERM");
        Assert.Contains("Ingestion stopped", service.Output, StringComparison.Ordinal);
        Assert.Contains(service.Output.Split('\n'), line => line.StartsWith("{\"Timestamp\"", StringComparison.Ordinal) && line.Contains("Ingestion stopped", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingBootstrapServersStopsWithAClearError()
    {
        var environment = new Dictionary<string, string> { ["Urls"] = "http://127.0.0.1:0", ["KAFKA_BOOTSTRAP_SERVERS"] = "" };
        using var service = ServiceProcess.Start(RepositoryPaths.BuiltDll("services", "Governance.Ingestion"), environment);

        Assert.True(service.WaitForExit(TimeSpan.FromSeconds(30)), "the service kept running without Kafka settings");
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Kafka:BootstrapServers", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusScrapesTheServicesOwnCountersOnItsPort()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var port = FreePort();
        var environment = topics.Environment(broker.BootstrapServers, "g-" + Guid.NewGuid());
        environment["Urls"] = $"http://127.0.0.1:{port}";
        using var service = ServiceProcess.Start(RepositoryPaths.BuiltDll("services", "Governance.Ingestion"), environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.True(await PollAsync(http, "/health/ready", TimeSpan.FromSeconds(30)) == HttpStatusCode.OK, service.Output);
        await topics.ProduceAsync(broker.BootstrapServers, new SampleEventGenerator(new() { InvalidShare = 0, EventIdPrefix = "metrics" }).Generate().Take(50));

        var scraped = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && !scraped.Contains("governance_ingestion_records", StringComparison.Ordinal); await Task.Delay(500))
        {
            scraped = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        Assert.Contains("# TYPE governance_ingestion_records", scraped, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> PollAsync(HttpClient http, string path, TimeSpan timeout)
    {
        HttpStatusCode? last = null;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        return last;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
