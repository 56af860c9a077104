using Jiexin.Data;
using Jiexin.Modules.Accounts;
using Jiexin.Modules.Analytics;
using Jiexin.Modules.Assessment;
using Jiexin.Modules.Attribution;
using Jiexin.Modules.Attribution.ClassifierCommands;
using Jiexin.Modules.Disputes;
using Jiexin.Modules.Events;
using Jiexin.Modules.Registry;
using Jiexin.Modules.SelfGovernance;
using Jiexin.Modules.ServiceLists;
using Jiexin.Modules.Territory;
using Jiexin.Modules.Warnings;
using Jiexin.Platform;

// `classifier train|eval ...`: offline commands on the app's own executable, handled before any host is built.
if (ClassifierCommands.IsCommand(args))
{
    Environment.ExitCode = ClassifierCommands.Run(args[1..], Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddTerritory();
builder.AddAccounts();
builder.AddAttribution();
builder.AddEvents();
builder.AddRegistry();
builder.AddDisputes();
builder.AddSelfGovernance();
builder.AddServiceLists();
builder.AddAnalytics();
builder.AddAssessment();
builder.AddWarnings();

// Last: it writes the rows the modules' SaveChanges interceptors add (audit, outbox, figures) with the save.
builder.Services.AddJiexinDirectInserts();

var app = builder.Build();

await app.PrepareAsync();

// `migrate`: the release step of a multi-instance deployment (docs/deploy.md): migrates and seeds, then exits.
if (args is ["migrate"])
{
    return;
}

// `demo generate --events N`: bulk demo events and their figures into the configured database (no serving).
if (Jiexin.Modules.Analytics.Demo.DemoCommands.IsCommand(args))
{
    Environment.ExitCode = await Jiexin.Modules.Analytics.Demo.DemoCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
    return;
}

app.UsePlatform();

var api = app.MapApiGroup();
app.MapTerritory(api);
app.MapAccounts(api);
app.MapAttribution(api);
app.MapEvents(api);
app.MapRegistry(api);
app.MapDisputes(api);
app.MapSelfGovernance(api);
app.MapServiceLists(api);
app.MapAnalytics(api);
app.MapAssessment(api);
app.MapWarnings(api);

app.MapPlatform();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
