using System.Security.Cryptography;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// Uploaded documents on disk: outside the web root, under a random name, accepted only when their bytes say JPEG,
/// PNG or PDF, and encrypted (<see cref="DocumentCipher"/>) in a file only the service's user may read (0600, in a
/// 0700 directory). The name the browser sent is looked at only to refuse a path in it, and never stored. The file is
/// written first and removed again unless its row commits, so a failed or refused database write leaves no file.
/// </summary>
public sealed class DocumentFiles(IOptions<WithdrawalOptions> options, IWebHostEnvironment env, MySqlMaterialStore materials,
    DocumentCipher cipher, ILogger<DocumentFiles> log)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public int MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>The Chinese message for a file over the limit, the same wherever it is caught.</summary>
    public string TooLargeMessage => $"文件不能超过{MaxBytes / 1024 / 1024}MB，请压缩后重新上传";

    public string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath,
        string.IsNullOrWhiteSpace(options.Value.UploadPath) ? WithdrawalOptions.DevelopmentUploadPath : options.Value.UploadPath));

    /// <summary>Stores the upload and records it; returns the problem in Chinese instead when it is refused.</summary>
    public async Task<string?> SaveAsync(string grzh, long materialId, DocumentKind kind, IFormFile file, CancellationToken ct)
    {
        if (file.FileName.Contains('/') || file.FileName.Contains('\\') || file.FileName.Contains("..", StringComparison.Ordinal))
            return "文件名无效，请重新选择文件";
        if (file.Length == 0) return "文件为空，请重新选择";
        if (file.Length > MaxBytes) return TooLargeMessage;

        await using var input = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await input.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var contentType = DocumentContent.Sniff(bytes.Span[..Math.Min(bytes.Length, DocumentContent.HeaderLength)]);
        if (contentType is null) return "仅支持 JPG、PNG 图片或 PDF 文件";

        var storedName = Guid.NewGuid().ToString("N") + ".bin";
        var path = await WriteAsync(storedName, cipher.Encrypt(bytes.Span, storedName), ct);
        var committed = false;
        try
        {
            var (id, problem) = await materials.AddDocumentAsync(grzh, materialId, kind, storedName, cipher.CurrentKeyId,
                SHA256.HashData(bytes.Span), contentType, bytes.Length, ct);
            if (problem is not null) return problem;
            committed = true;
            log.LogInformation("Stored document {DocumentId} of {Size} bytes as {ContentType}", id, bytes.Length, contentType);
            return null;
        }
        finally
        {
            if (!committed) File.Delete(path);
        }
    }

    /// <summary>Removes the files of rows already deleted; a file that is gone already is fine.</summary>
    public void Remove(IEnumerable<string> storedNames)
    {
        foreach (var name in storedNames) File.Delete(Path.Combine(Root, Path.GetFileName(name)));
    }

    /// <summary>The clear bytes of a document, or null when its file is missing.</summary>
    public async Task<byte[]?> ReadAsync(WithdrawalDocument document, CancellationToken ct)
    {
        var path = Path.Combine(Root, Path.GetFileName(document.StoredName));
        if (!File.Exists(path)) return null;
        var stored = await File.ReadAllBytesAsync(path, ct);
        // A row without a key id is a file written before encryption; `documents rekey` encrypts it.
        return document.KeyId is null ? stored : cipher.Decrypt(stored, document.KeyId, document.StoredName);
    }

    /// <summary>Decrypts the file behind a document row on the way out; the stored name is ours, so it cannot point outside the root.</summary>
    public async Task<IResult> ServeAsync(WithdrawalDocument document, HttpResponse response, CancellationToken ct)
    {
        if (await ReadAsync(document, ct) is not { } bytes) return Results.NotFound();
        // A PDF opened inline runs in a sandbox without our origin's cookies or scripts; nothing is second-guessed as HTML.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        response.Headers.CacheControl = "private, no-store";
        return Results.File(bytes, document.ContentType);
    }

    /// <summary>
    /// Re-encrypts every file not under the current key (or still in clear) under a new name, moves its row, then
    /// removes the old file. Safe to run while the service runs, and again after an interruption.
    /// </summary>
    public async Task<(int Moved, int Missing)> RekeyAsync(CancellationToken ct)
    {
        var (moved, missing) = (0, 0);
        foreach (var document in await materials.NotUnderKeyAsync(cipher.CurrentKeyId, ct))
        {
            if (await ReadAsync(document, ct) is not { } clear)
            {
                missing++;
                log.LogWarning("Document {DocumentId}: file missing, not re-encrypted", document.Id);
                continue;
            }
            var storedName = Guid.NewGuid().ToString("N") + ".bin";
            var path = await WriteAsync(storedName, cipher.Encrypt(clear, storedName), ct);
            if (await materials.MoveToKeyAsync(document.Id, document.StoredName, storedName, cipher.CurrentKeyId, ct))
            {
                Remove([document.StoredName]);
                moved++;
            }
            else File.Delete(path);
        }
        return (moved, missing);
    }

    private async Task<string> WriteAsync(string storedName, byte[] content, CancellationToken ct)
    {
        if (!Directory.Exists(Root))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Root);
            else Directory.CreateDirectory(Root, OwnerOnlyDirectory);
        }
        var path = Path.Combine(Root, storedName);
        var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = OwnerReadWrite;
        await using (var stream = new FileStream(path, mode)) await stream.WriteAsync(content, ct);
        return path;
    }
}
