using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Governance.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Chaos;

/// <summary>
/// A RabbitMQ virtual host of one run (through the management API), so its worker's
/// <c>governance.risk-signals</c> queue holds that run's signals only, whoever else publishes.
/// </summary>
public sealed class RabbitVhost : IAsyncDisposable
{
    private readonly HttpClient _http;

    private readonly RabbitMqServer _rabbit;

    private RabbitVhost(HttpClient http, RabbitMqServer rabbit, string name)
    {
        _http = http;
        _rabbit = rabbit;
        Name = name;
    }

    public string Name { get; }

    public static async Task<RabbitVhost> CreateAsync(RabbitMqServer rabbit, string name)
    {
        var port = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_PORT") is { Length: > 0 } p ? p : "15672";
        var http = new HttpClient { BaseAddress = new Uri($"http://{rabbit.Host}:{port}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.User}:{rabbit.Password}")));
        var vhost = Uri.EscapeDataString(name);
        (await RetryAsync(() => http.PutAsync($"vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json")))).EnsureSuccessStatusCode();
        (await RetryAsync(() => http.PutAsync(
            $"permissions/{vhost}/{Uri.EscapeDataString(rabbit.User)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")))).EnsureSuccessStatusCode();
        return new RabbitVhost(http, rabbit, name);
    }

    /// <summary>Whether the queue exists in this virtual host.</summary>
    public async Task<bool> QueueExistsAsync(string queue)
    {
        using var response = await RetryAsync(() => _http.GetAsync($"queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}"));
        return response.IsSuccessStatusCode;
    }

    /// <summary>The exchanges (other than RabbitMQ's own) and bindings of this virtual host, for a report.</summary>
    public async Task<string> TopologyAsync()
    {
        var vhost = Uri.EscapeDataString(Name);
        using var exchangesResponse = await RetryAsync(() => _http.GetAsync($"exchanges/{vhost}"));
        using var bindingsResponse = await RetryAsync(() => _http.GetAsync($"bindings/{vhost}"));
        if (!exchangesResponse.IsSuccessStatusCode || !bindingsResponse.IsSuccessStatusCode)
        {
            return $"(management API answered {(int)exchangesResponse.StatusCode}/{(int)bindingsResponse.StatusCode})";
        }

        using var exchanges = JsonDocument.Parse(await exchangesResponse.Content.ReadAsStringAsync());
        using var bindings = JsonDocument.Parse(await bindingsResponse.Content.ReadAsStringAsync());
        var names = exchanges.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Where(n => n is { Length: > 0 } && !n.StartsWith("amq.", StringComparison.Ordinal));
        var links = bindings.RootElement.EnumerateArray()
            .Where(b => b.GetProperty("source").GetString() is { Length: > 0 })
            .Select(b => $"{b.GetProperty("source").GetString()} → {b.GetProperty("destination_type").GetString()} {b.GetProperty("destination").GetString()}");
        return $"exchanges [{string.Join(", ", names)}], bindings [{string.Join(", ", links)}]";
    }

    /// <summary>
    /// Declares the hand-off as the worker is meant to (services/Governance.Signals, SignalHandOff): the
    /// message type's fanout exchange bound to a fanout exchange of the queue's name, bound to the durable
    /// quorum queue. The suite does it only after recording that the worker did not.
    /// </summary>
    public Task DeclareHandOffAsync(string messageExchange, string queue) => DeclareAsync(async channel =>
    {
        await channel.ExchangeDeclareAsync(messageExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QuorumQueue);
        await channel.QueueBindAsync(queue, queue, "");
        await channel.ExchangeBindAsync(queue, messageExchange, "");
    });

    /// <summary>
    /// The suite's own queue bound to the signal message exchange (declared as MassTransit declares it, so
    /// the worker's declaration agrees), before any service starts: every signal is copied to it.
    /// </summary>
    public Task DeclareCopyAsync(string messageExchange, string queue) => DeclareAsync(async channel =>
    {
        await channel.ExchangeDeclareAsync(messageExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QuorumQueue);
        await channel.QueueBindAsync(queue, messageExchange, "");
    });

    private static Dictionary<string, object?> QuorumQueue => new() { ["x-queue-type"] = "quorum" };

    private async Task DeclareAsync(Func<IChannel, Task> declare)
    {
        var factory = _rabbit.Factory;
        factory.VirtualHost = Name;
        await using var connection = await RetryAsync(() => factory.CreateConnectionAsync());
        await using var channel = await connection.CreateChannelAsync();
        await declare(channel);
    }

    /// <summary>
    /// The local RabbitMQ is shared: other tests stop and start its application (OutageTests, this
    /// suite's rabbitmq-restart). A call that finds it away is tried again for up to a minute.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is HttpRequestException or BrokerUnreachableException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1000);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _http.DeleteAsync($"vhosts/{Uri.EscapeDataString(Name)}");
        }
        catch (HttpRequestException)
        {
        }

        _http.Dispose();
    }
}
