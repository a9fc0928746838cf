using Governance.Hosting;
using RabbitMQ.Client;

namespace Governance.Alerting;

/// <summary>Plain RabbitMQ.Client connections beside MassTransit's (declarations, the queue-depth probe), with the service's credentials.</summary>
internal static class RabbitMqConnections
{
    public static ConnectionFactory Factory(this RabbitMqOptions o) => new()
    {
        HostName = o.Host,
        Port = o.Port,
        VirtualHost = o.VirtualHost,
        UserName = o.Username,
        Password = o.Password,
    };
}
