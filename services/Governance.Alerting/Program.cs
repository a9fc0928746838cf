using Governance.Alerting;
using Governance.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(AlertingTelemetry.Name, "MassTransit");
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
