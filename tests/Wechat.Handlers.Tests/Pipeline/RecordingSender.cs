using System.Threading.Channels;
using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>Stands in for the WeChat API client: keeps what would have been sent as customer-service messages.</summary>
internal sealed class RecordingSender : ICustomerServiceSender
{
    private readonly Channel<(string OpenId, string Text)> _sent = Channel.CreateUnbounded<(string, string)>();

    public Task SendTextAsync(string openId, string text, CancellationToken ct)
    {
        _sent.Writer.TryWrite((openId, text));
        return Task.CompletedTask;
    }

    public async Task<(string OpenId, string Text)> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        return await _sent.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when nothing more arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> NothingMoreAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            await _sent.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
