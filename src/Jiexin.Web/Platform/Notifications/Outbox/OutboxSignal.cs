namespace Jiexin.Platform.Notifications.Outbox;

/// <summary>Wakes this instance's dispatcher after a save that enqueued something, so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _signal.WaitAsync(timeout, ct);
    }
}
