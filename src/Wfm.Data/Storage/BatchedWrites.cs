using System.Threading.Channels;

namespace Wfm.Data.Storage;

/// <summary>
/// Items many callers add at once, written together: whatever is waiting when the previous write ends goes in the
/// next one (one transaction), and each caller's task completes when its item is written — or fails with the write.
/// </summary>
public sealed class BatchedWrites<T> : IAsyncDisposable
{
    private const int MaxItemsPerWrite = 500;
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly Channel<(T Item, TaskCompletionSource Done)> _items = Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public BatchedWrites(Func<IReadOnlyList<T>, Task> write)
    {
        _write = write;
        _loop = Task.Run(RunAsync);
    }

    public Task AddAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_items.Writer.TryWrite((item, done)), this);
        return done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<(T Item, TaskCompletionSource Done)>();
        while (await _items.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxItemsPerWrite && _items.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await _write(batch.Select(b => b.Item).ToList());
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.TrySetException(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _loop;
    }
}
