namespace Jiexin.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Jiexin</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and other local data; relative paths are resolved against the working directory.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Apply pending migrations when the app starts. Turn off in production and migrate as a release step.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public const string SqliteMigrationsAssembly = "Jiexin.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Jiexin.Migrations.Postgres";

    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDir), "jiexin.db");
}
