using Sejahtera.Admin;
using Sejahtera.Admin.Cli;
using Sejahtera.Admin.Jobs;
using Sejahtera.Admin.Startup;
using Sejahtera.Engine;

if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddEngine(builder.Configuration);
builder.Services.AddAdmin(builder.Configuration);
builder.Services.AddJobs(builder.Configuration);

var app = builder.Build();

// --urls, ASPNETCORE_URLS or Urls; without any, the README's default (launchSettings.json sets none, so
// `dotnet run` honours them too). A port already taken ends the start here, before any start-up work.
var addresses = ListenAddresses.Of(app.Configuration);
if (app.Configuration["urls"] is not { Length: > 0 })
{
    app.Urls.Add(ListenAddresses.Default);
}

if (ListenAddresses.Taken(addresses) is { } taken)
{
    await Console.Error.WriteLineAsync(taken);
    return 1;
}

await app.PrepareAsync();
app.MapAdmin();
app.MapJobs();
await app.RunAsync();
return 0;
public partial class Program;
