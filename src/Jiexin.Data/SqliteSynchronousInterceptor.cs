using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jiexin.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous</c> whenever EF opens a SQLite connection: unlike <c>journal_mode=WAL</c> it is a
/// property of the connection, not of the file, so it has to be said on every (pooled) connection.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(SqliteDurability durability) : DbConnectionInterceptor
{
    private readonly string _pragma = durability == SqliteDurability.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
