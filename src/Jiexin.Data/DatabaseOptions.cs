namespace Jiexin.Data;

/// <summary>How hard SQLite pushes each commit to the disk (PRAGMA synchronous, set on every connection).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// WAL + synchronous=NORMAL: a commit is in the WAL file before it is acknowledged, so it survives the
    /// process being killed; only an OS crash or power loss can take back the last commits. No fsync per commit.
    /// </summary>
    Normal,

    /// <summary>WAL + synchronous=FULL: fsync on every commit; survives power loss, at one disk flush per write.</summary>
    Full,
}

/// <summary>Who runs SQLite's WAL checkpoints.</summary>
public enum SqliteCheckpointMode
{
    /// <summary>
    /// The app's connections never checkpoint (<c>wal_autocheckpoint=0</c>); a background service does, on a connection
    /// of its own, mostly while writers go on.
    /// </summary>
    Background,

    /// <summary>SQLite's default: the writer whose commit takes the log past 1,000 pages checkpoints before it returns.</summary>
    Writer,
}

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

    /// <summary>SQLite only; see <see cref="SqliteDurability"/> and docs/decisions (SQLite durability).</summary>
    public SqliteDurability SqliteSynchronous { get; set; } = SqliteDurability.Normal;

    /// <summary>
    /// SQLite only: who copies the write-ahead log back into the database file. <see cref="SqliteCheckpointMode.Background"/>
    /// (default) takes it off the writers; see <c>SqliteCheckpointer</c> and docs/decisions/0044-sqlite-background-checkpoint.md.
    /// </summary>
    public SqliteCheckpointMode SqliteCheckpoint { get; set; } = SqliteCheckpointMode.Background;

    public const string SqliteMigrationsAssembly = "Jiexin.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Jiexin.Migrations.Postgres";

    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDir), "jiexin.db");
}
