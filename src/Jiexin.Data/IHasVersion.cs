namespace Jiexin.Data;

/// <summary>
/// An entity edited by people concurrently. <see cref="Version"/> is a concurrency token that
/// <see cref="JiexinDbContext"/> increments on every update, so of two people saving the same
/// version only the first wins; the second gets a <c>DbUpdateConcurrencyException</c>.
/// </summary>
public interface IHasVersion
{
    int Version { get; set; }
}
