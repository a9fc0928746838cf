using System.Net.Http.Headers;
using System.Text;
using Governance.Testing;

namespace Governance.Chaos;

/// <summary>
/// A RabbitMQ virtual host of one run (through the management API), so its worker's
/// <c>governance.risk-signals</c> queue holds that run's signals only, whoever else publishes.
/// </summary>
public sealed class RabbitVhost : IAsyncDisposable
{
    private readonly HttpClient _http;

    private RabbitVhost(HttpClient http, string name)
    {
        _http = http;
        Name = name;
    }

    public string Name { get; }

    public static async Task<RabbitVhost> CreateAsync(RabbitMqServer rabbit, string name)
    {
        var port = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_PORT") is { Length: > 0 } p ? p : "15672";
        var http = new HttpClient { BaseAddress = new Uri($"http://{rabbit.Host}:{port}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.User}:{rabbit.Password}")));
        var vhost = Uri.EscapeDataString(name);
        (await http.PutAsync($"vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await http.PutAsync(
            $"permissions/{vhost}/{Uri.EscapeDataString(rabbit.User)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return new RabbitVhost(http, name);
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
