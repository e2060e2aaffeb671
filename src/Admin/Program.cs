using Sejahtera.Admin;
using Sejahtera.Admin.Cli;
using Sejahtera.Admin.Jobs;
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
await app.PrepareAsync();
app.MapAdmin();
app.MapJobs();
await app.RunAsync();
return 0;
public partial class Program;
