using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Wechat.Host.H5;

/// <summary>
/// The statement page as this instance last rendered it for an OpenID and year (issue 21): while the statement read
/// that the page was made from is still the one the account copy serves, the same bytes are sent again without
/// running Razor.
/// </summary>
/// <remarks>
/// Only ever as current as the copy: a rendering is tied to the very object the statement read returned
/// (<see cref="Fund.Data.Stores.AccountCopies"/> returns the same years list for as long as its copy is current, and
/// every read from MariaDB makes a new one), so the version check that decides whether the copy may be served decides
/// for the rendering too — a posting published by any instance shows on the next page. Keyed by the session's own
/// OpenID, never by anything the request names, plus everything else the page shows (path, year shown, 大字, the
/// expired-session notice, the printing date). The session cookie is still checked in Redis before every page, and the
/// response keeps <c>Cache-Control: no-store</c>: this copy lives in the process only. Bounded by
/// <see cref="MaxBytes"/>: past it the whole table is dropped and pages are rendered again on demand.
/// </remarks>
public sealed class RenderedStatements
{
    /// <summary>About 11 KB a page: some 700 pages.</summary>
    public const long MaxBytes = 8L * 1024 * 1024;

    public readonly record struct Key(string OpenId, string Path, int Year, bool LargeType, bool SessionExpired, DateOnly PrintedOn);

    private sealed record Rendered(object Source, byte[] Html);

    private readonly ConcurrentDictionary<Key, Rendered> _pages = new();
    private long _bytes;
    private long _served;

    /// <summary>Pages answered from a rendering (for tests and the bench).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>The rendering of <paramref name="key"/> made from <paramref name="source"/> itself; null otherwise.</summary>
    public byte[]? Find(Key key, object source)
    {
        if (!_pages.TryGetValue(key, out var page) || !ReferenceEquals(page.Source, source)) return null;
        Interlocked.Increment(ref _served);
        return page.Html;
    }

    public void Keep(Key key, object source, byte[] html)
    {
        if (Interlocked.Add(ref _bytes, html.Length) > MaxBytes)
        {
            _pages.Clear();
            Interlocked.Exchange(ref _bytes, html.Length);
        }
        if (_pages.TryGetValue(key, out var old)) Interlocked.Add(ref _bytes, -old.Html.Length);
        _pages[key] = new Rendered(source, html);
    }

    /// <summary>A kept rendering, sent as it is.</summary>
    public sealed class PageBytes(byte[] html) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = html.Length;
            return response.Body.WriteAsync(html, 0, html.Length, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Where a page that wants its rendering kept leaves what to do with it (<see cref="CaptureAttribute"/>).</summary>
    public static readonly object CaptureItem = new();

    /// <summary>
    /// On a page that left a <see cref="CaptureItem"/>: runs its result as usual into a buffer, hands what a 200
    /// rendered to it, then sends it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class CaptureAttribute : Attribute, IAsyncResultFilter
    {
        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (context.HttpContext.Items[CaptureItem] is not Action<byte[]> keep)
            {
                await next();
                return;
            }
            var response = context.HttpContext.Response;
            var original = response.Body;
            using var buffer = new MemoryStream(16 * 1024);
            response.Body = buffer;
            ResultExecutedContext executed;
            try
            {
                executed = await next();
            }
            finally
            {
                response.Body = original;
            }
            if (executed.Exception is not null && !executed.ExceptionHandled) return;
            var html = buffer.ToArray();
            if (response.StatusCode == StatusCodes.Status200OK) keep(html);
            response.ContentLength = html.Length;
            await original.WriteAsync(html, context.HttpContext.RequestAborted);
        }
    }
}
