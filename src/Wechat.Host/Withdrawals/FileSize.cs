namespace Wechat.Host.Withdrawals;

public static class FileSize
{
    /// <summary>820 B, 12.5 KB, 3.2 MB: small scans must not read as 0KB.</summary>
    public static string Text(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
