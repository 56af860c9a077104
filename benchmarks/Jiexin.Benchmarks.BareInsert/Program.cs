using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var dataDir = app.Configuration["DataDir"] ?? Path.Combine(Path.GetTempPath(), "jiexin-bare-insert");
Directory.CreateDirectory(dataDir);
// Same durability as the app (Jiexin:SqliteSynchronous), said on every connection as the app does.
var synchronous = string.Equals(app.Configuration["Synchronous"], "Full", StringComparison.OrdinalIgnoreCase)
    ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
var connectionString = new SqliteConnectionStringBuilder
{
    DataSource = Path.Combine(dataDir, "bare.db"),
    Mode = SqliteOpenMode.ReadWriteCreate,
    Pooling = true,
}.ToString();

using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    using var command = setup.CreateCommand();
    command.CommandText = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, description TEXT NOT NULL, latitude REAL, longitude REAL, created_at TEXT NOT NULL);
        """;
    command.ExecuteNonQuery();
}

app.MapPost("/reports", async (Report report) =>
{
    var id = Guid.CreateVersion7();
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = synchronous;
        await pragma.ExecuteNonQueryAsync();
    }

    await using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO reports (id, description, latitude, longitude, created_at) VALUES ($id, $d, $lat, $lng, $at)";
    command.Parameters.AddWithValue("$id", id.ToString());
    command.Parameters.AddWithValue("$d", report.Description ?? "");
    command.Parameters.AddWithValue("$lat", (object?)report.Latitude ?? DBNull.Value);
    command.Parameters.AddWithValue("$lng", (object?)report.Longitude ?? DBNull.Value);
    command.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O"));
    await command.ExecuteNonQueryAsync();
    return Results.Created($"/reports/{id}", new { id });
});

app.Run();

internal sealed record Report(string? Description, double? Latitude, double? Longitude);
