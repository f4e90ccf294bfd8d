using PdfSharp.Fonts;

namespace Fund.Pdf;

/// <summary>
/// The one typeface certificates use: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei), its first font taken out of
/// the collection file. PDFsharp embeds the subset of glyphs a document uses, with a ToUnicode map, so the Chinese on
/// a certificate is real text that can be searched and copied. PDFsharp allows one font resolver per process, set
/// before any text is drawn; <see cref="Install"/> sets it once and later calls only check it is ours.
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    private const string Face = "wqy-microhei-0";
    private static readonly Lock Gate = new();
    private static CertificateFonts? _installed;
    private readonly byte[] _font;

    private CertificateFonts(byte[] font) => _font = font;

    /// <summary>Makes the font known to PDFsharp (once per process); throws when the font file is missing.</summary>
    public static void Install(string path = DefaultPath)
    {
        lock (Gate)
        {
            if (_installed is not null) return;
            if (!File.Exists(path))
                throw new FileNotFoundException($"The certificate font is missing: install Debian's fonts-wqy-microhei ({path}).", path);
            _installed = new CertificateFonts(CollectionFont.Extract(File.ReadAllBytes(path)));
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    // Every family asked for is ours; bold is drawn by PDFsharp's simulation (the collection has no bold face).
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, false);

    public byte[]? GetFont(string faceName) => faceName == Face ? _font : null;
}
