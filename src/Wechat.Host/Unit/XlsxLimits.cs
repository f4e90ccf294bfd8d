using System.IO.Compression;
using System.Xml;

namespace Wechat.Host.Unit;

/// <summary>
/// Bounds an uploaded .xlsx before any spreadsheet parser sees it. The 5 MB upload limit counts compressed bytes
/// only: 615 KB of ZIP held one 600 MiB cell and took an instance to 5.2 GB. Every part is inflated here through a
/// counter that stops at <see cref="MaxPartBytes"/> (a size the ZIP merely declares is not believed), the whole at
/// <see cref="MaxTotalBytes"/>, and every text in the workbook's XML is read in chunks and refused beyond
/// <see cref="MaxCellChars"/>: memory stays bounded whatever the file claims.
/// </summary>
public static class XlsxLimits
{
    public const int MaxParts = 200;
    public const long MaxPartBytes = 32L * 1024 * 1024;
    public const long MaxTotalBytes = 64L * 1024 * 1024;
    public const int MaxCellChars = 1000;

    public const string TooLarge = "文件解压后过大，请使用下载的模板，每次不超过2万行";
    public const string CellTooLong = "文件中有单元格内容过长（超过1000个字符），请检查后重新上传";
    public const string Unreadable = "文件无法读取，请使用下载的模板";

    /// <summary>A copy of the workbook whose parts were all inflated within the limits, or the problem in Chinese.</summary>
    public static (MemoryStream? Safe, string? Problem) Check(Stream xlsx)
    {
        var safe = new MemoryStream();
        string? problem = null;
        try
        {
            using (var source = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true))
            using (var target = new ZipArchive(safe, ZipArchiveMode.Create, leaveOpen: true))
            {
                problem = CopyParts(source, target);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or NotSupportedException)
        {
            problem = Unreadable;
        }
        if (problem is not null) return Refuse(safe, problem);
        safe.Position = 0;
        return (safe, null);
    }

    private static string? CopyParts(ZipArchive source, ZipArchive target)
    {
        if (source.Entries.Count > MaxParts) return TooLarge;
        long total = 0;
        foreach (var entry in source.Entries)
        {
            // Declared sizes first (cheap), then the real count while inflating (declared sizes can lie).
            if (entry.Length > MaxPartBytes || (total += entry.Length) > MaxTotalBytes) return TooLarge;
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            using var from = entry.Open();
            using var to = copy.Open();
            var problem = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                ? CopyXml(from, to)
                : Copy(from, to, MaxPartBytes);
            if (problem is not null) return problem;
        }
        return null;
    }

    private static (MemoryStream?, string?) Refuse(MemoryStream safe, string problem)
    {
        safe.Dispose();
        return (null, problem);
    }

    private static string? Copy(Stream from, Stream to, long max)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int n;
        while ((n = from.Read(buffer, 0, buffer.Length)) > 0)
        {
            if ((copied += n) > max) return TooLarge;
            to.Write(buffer, 0, n);
        }
        return null;
    }

    /// <summary>Copies a part through a byte limit while an XmlReader walks it, refusing any text longer than a cell may be.</summary>
    private static string? CopyXml(Stream from, Stream to)
    {
        var counted = new CountingStream(from, MaxPartBytes, to);
        using var reader = XmlReader.Create(counted, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
        var chunk = new char[1024];
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
                var length = 0;
                int n;
                while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    if ((length += n) > MaxCellChars) return CellTooLong;
            }
        }
        catch (InvalidDataException) when (counted.Exceeded)
        {
            return TooLarge;
        }
        // Whatever follows the document element still belongs in the copy (and still counts).
        try { counted.CopyTo(Stream.Null); }
        catch (InvalidDataException) when (counted.Exceeded) { return TooLarge; }
        return null;
    }

    /// <summary>Reads through to <c>copy</c>, and throws once more than <c>max</c> bytes came out of the inflater.</summary>
    private sealed class CountingStream(Stream inner, long max, Stream copy) : Stream
    {
        private long read;

        public bool Exceeded { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if ((read += n) > max)
            {
                Exceeded = true;
                throw new InvalidDataException("Part larger than allowed.");
            }
            copy.Write(buffer, offset, n);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
