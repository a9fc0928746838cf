using System.Threading.Channels;

namespace Governance.Alerting.Outbox;

/// <summary>Wakes the dispatcher after a commit that wrote to the outbox (many commits, one wake-up).</summary>
internal sealed class OutboxNotifier
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed: look anyway (rows left by a crash, or another instance)
        }
    }
}
