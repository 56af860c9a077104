using System.Runtime.InteropServices;

namespace Jiexin.Platform.Media;

/// <summary>
/// Writes a file so that a crash (power cut, SIGKILL) leaves either nothing or the whole file under its final name:
/// write a temporary name in the same folder, fsync it, rename it (atomic on POSIX and NTFS), fsync the folder so the
/// rename itself is on disk. Temporary files a crash leaves end in <see cref="TempSuffix"/> and are swept.
/// </summary>
internal static class DurableFile
{
    public const string TempSuffix = ".tmp";

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(path)!;
        CreateFolder(folder);
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, ct);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        SyncFolder(folder);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the orphan sweep.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Creates the folder and any missing parents, making each new entry durable in its parent.</summary>
    private static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder);
        if (parent is not null)
        {
            CreateFolder(parent);
        }

        Directory.CreateDirectory(folder);
        if (parent is not null)
        {
            SyncFolder(parent);
        }
    }

    /// <summary>fsync of a directory: .NET cannot open one as a file, so this goes to libc. Windows needs none (NTFS journals renames).</summary>
    private static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        var fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return; // best effort: the file itself is already durable
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the latter's generated code needs AllowUnsafeBlocks for the whole app.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
