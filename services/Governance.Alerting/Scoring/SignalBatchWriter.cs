using System.Threading.Channels;
using Governance.Alerting.Consumers;
using Microsoft.Extensions.Options;

namespace Governance.Alerting.Scoring;

/// <summary>
/// Group commit of signals: consumers hand their signal in and wait; one loop takes every signal waiting
/// (up to <c>Alerting:Batch:MessageLimit</c>, lingering <c>TimeLimit</c> for more when fewer wait), sorts
/// them into delivery order and writes them in one transaction (<see cref="SignalBatchProcessor"/>). Under
/// load the batches grow by themselves (what arrived during one commit is the next batch); at low rates a
/// signal waits at most the linger. One batch at a time, so a creator's signals are applied in order.
/// PostgreSQL being away holds the batch (<see cref="DatabaseRetry"/>); any other failure of a batch is
/// retried one signal at a time, in order, so only the failing signal's consumer sees the exception.
/// </summary>
internal sealed class SignalBatchWriter(SignalBatchProcessor processor, DatabaseRetry database, IOptions<AlertingOptions> options, TimeProvider time, ILogger<SignalBatchWriter> logger) : BackgroundService
{
    private readonly SignalBatchOptions _options = options.Value.Batch;
    private readonly Channel<Pending> _waiting = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(SignalBatchProcessor.Valid Signal, ulong? Sequence, TaskCompletionSource<SignalOutcome> Done, CancellationToken Token);

    /// <summary>Returns when the transaction holding the signal committed (its outcome), or throws what failed it.</summary>
    public Task<SignalOutcome> WriteAsync(SignalBatchProcessor.Valid signal, ulong? sequence, CancellationToken cancellationToken)
    {
        var pending = new Pending(signal, sequence, new TaskCompletionSource<SignalOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_waiting.Writer.TryWrite(pending))
        {
            throw new OperationCanceledException("the signal batch writer has stopped", cancellationToken);
        }

        // A consumer given up on (shutdown) does not wait; if its signal still commits, the redelivery is a duplicate.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_options.MessageLimit);
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                Take(batch);
                if (batch.Count < _options.MessageLimit && _options.TimeLimit > TimeSpan.Zero)
                {
                    await Task.Delay(_options.TimeLimit, time, stoppingToken);
                    Take(batch);
                }

                if (batch.Count > 0)
                {
                    await WriteBatchAsync([.. batch.OrderBy(p => p.Sequence ?? 0)], stoppingToken);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: waiting signals are not acknowledged and come back after a restart
        }
        finally
        {
            _waiting.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Done.TrySetCanceled(stoppingToken);
            }

            while (_waiting.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private void Take(List<Pending> batch)
    {
        while (batch.Count < _options.MessageLimit && _waiting.Reader.TryRead(out var pending))
        {
            if (pending.Token.IsCancellationRequested)
            {
                pending.Done.TrySetCanceled(pending.Token);
            }
            else
            {
                batch.Add(pending);
            }
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<Pending> batch, CancellationToken stoppingToken)
    {
        try
        {
            IReadOnlyList<SignalOutcome> outcomes = [];
            var label = batch.Count == 1 ? batch[0].Signal.Signal.SignalId : $"{batch[0].Signal.Signal.SignalId} and {batch.Count - 1} more";
            await database.RunAsync(label, async token => outcomes = await processor.ProcessAsync([.. batch.Select(p => p.Signal)], token), stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && !stoppingToken.IsCancellationRequested)
        {
            // Nothing of the batch committed: apply its signals one by one, in order, so that the
            // signal at fault fails alone (its consumer retries it, then the error queue) and the rest commit.
            AlertingLog.BatchFailed(logger, ex, batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending], stoppingToken);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            batch[0].Done.TrySetException(ex);
        }
    }
}
