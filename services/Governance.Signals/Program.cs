using Governance.Hosting;
using Governance.Signals;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(SignalsTelemetry.Name, "MassTransit");
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
