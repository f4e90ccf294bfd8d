using System.Buffers.Binary;

namespace Fund.Pdf;

/// <summary>
/// Takes one font out of a TrueType collection (.ttc). PDFsharp's font resolver wants the bytes of a single font,
/// and Debian ships WenQuanYi Micro Hei only as a collection (regular and mono). A collection is a header listing
/// each font's table directory; the tables themselves may be shared. The single font is that directory with its
/// tables copied after it, each at a 4-byte boundary, and the offsets rewritten.
/// </summary>
public static class CollectionFont
{
    private const uint CollectionTag = 0x74746366; // 'ttcf'

    /// <summary>The font at <paramref name="index"/> as a standalone .ttf; a file that is already one font comes back as is.</summary>
    public static byte[] Extract(ReadOnlySpan<byte> file, int index = 0)
    {
        if (file.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(file) != CollectionTag) return file.ToArray();
        var count = BinaryPrimitives.ReadInt32BigEndian(file[8..]);
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), $"The collection holds {count} fonts.");
        var directory = (int)BinaryPrimitives.ReadUInt32BigEndian(file[(12 + 4 * index)..]);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file[(directory + 4)..]);
        var headerSize = 12 + 16 * tables;

        var size = headerSize;
        for (var i = 0; i < tables; i++)
            size += Pad4((int)BinaryPrimitives.ReadUInt32BigEndian(file[(directory + 12 + 16 * i + 12)..]));

        var font = new byte[size];
        file.Slice(directory, headerSize).CopyTo(font);
        var at = headerSize;
        for (var i = 0; i < tables; i++)
        {
            var record = font.AsSpan(12 + 16 * i, 16);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            file.Slice(offset, length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            at += Pad4(length);
        }
        return font;
    }

    private static int Pad4(int length) => (length + 3) & ~3;
}
