using System.Security.Cryptography;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// Uploaded documents on disk: outside the web root, under a random name, accepted only when their bytes say JPEG,
/// PNG or PDF. The name the browser sent is looked at only to refuse a path in it, and never stored.
/// </summary>
public sealed class DocumentFiles(IOptions<WithdrawalOptions> options, IWebHostEnvironment env, MySqlMaterialStore materials, AuditTrail audit, ILogger<DocumentFiles> log)
{
    public int MaxBytes => options.Value.MaxUploadBytes;

    private string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.UploadPath));

    /// <summary>Stores the upload and records it; returns the problem in Chinese instead when it is refused.</summary>
    public async Task<string?> SaveAsync(string grzh, long materialId, DocumentKind kind, IFormFile file, CancellationToken ct)
    {
        if (file.FileName.Contains('/') || file.FileName.Contains('\\') || file.FileName.Contains("..", StringComparison.Ordinal))
            return "文件名无效，请重新选择文件";
        if (file.Length == 0) return "文件为空，请重新选择";
        if (file.Length > MaxBytes) return $"文件不能超过{MaxBytes / 1024 / 1024}MB，请压缩后重新上传";

        await using var input = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await input.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var contentType = DocumentContent.Sniff(bytes.Span[..Math.Min(bytes.Length, DocumentContent.HeaderLength)]);
        if (contentType is null) return "仅支持 JPG、PNG 图片或 PDF 文件";

        var storedName = Guid.NewGuid().ToString("N") + DocumentContent.Extension(contentType);
        Directory.CreateDirectory(Root);
        await File.WriteAllBytesAsync(Path.Combine(Root, storedName), bytes.ToArray(), ct);
        var id = await materials.AddDocumentAsync(grzh, materialId, kind, storedName, SHA256.HashData(bytes.Span), contentType, bytes.Length, ct);
        await audit.WriteAsync(AuditTrail.Citizen(grzh), "document.upload", "document:" + id, $"material={materialId} kind={(int)kind}", ct);
        log.LogInformation("Stored document {DocumentId} of {Size} bytes as {ContentType}", id, bytes.Length, contentType);
        return null;
    }

    /// <summary>The file behind a document row; the stored name is ours, so it cannot point outside the root.</summary>
    public IResult Serve(WithdrawalDocument document, HttpResponse response)
    {
        var path = Path.Combine(Root, Path.GetFileName(document.StoredName));
        if (!File.Exists(path)) return Results.NotFound();
        // A PDF opened inline runs in a sandbox without our origin's cookies or scripts; nothing is second-guessed as HTML.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        response.Headers.CacheControl = "private, no-store";
        return Results.File(path, document.ContentType, enableRangeProcessing: false);
    }
}
