using Governance.Hosting;
using Governance.Ingestion;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IngestionTelemetry.Name);
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
