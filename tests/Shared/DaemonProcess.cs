using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jiexin.Testing;

/// <summary>
/// A Debian daemon (redis-server, nginx) run in the foreground as a child of the test, on its own port and its own
/// files, and killed with the test: nothing is installed as a service or left running.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DaemonProcess(Process process) => _process = process;

    public string Tail
    {
        get
        {
            lock (_log)
            {
                var text = _log.ToString();
                return text.Length <= 3000 ? text : text[^3000..];
            }
        }
    }

    /// <summary>The path of <paramref name="name"/> on this machine, or null (CI installs nginx and redis-server).</summary>
    public static string? Find(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Starts <paramref name="file"/> and waits until it accepts TCP connections on <paramref name="port"/>.</summary>
    public static async Task<DaemonProcess> StartAsync(string file, IEnumerable<string> arguments, int port, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var daemon = new DaemonProcess(Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start"));
        daemon._process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        daemon._process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        daemon._process.BeginOutputReadLine();
        daemon._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (daemon._process.HasExited)
            {
                throw new InvalidOperationException($"{file} exited with {daemon._process.ExitCode}:\n{daemon.Tail}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return daemon;
            }
            catch (SocketException)
            {
                await Task.Delay(100, ct);
            }
        }

        await daemon.DisposeAsync();
        throw new TimeoutException($"{file} did not listen on {port} within 30 s:\n{daemon.Tail}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
