using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

public class DocumentContentTests
{
    [Fact]
    public void JpegPngAndPdfAreKnownByTheirFirstBytes()
    {
        Assert.Equal(DocumentContent.Jpeg, DocumentContent.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46]));
        Assert.Equal(DocumentContent.Png, DocumentContent.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal(DocumentContent.Pdf, DocumentContent.Sniff("%PDF-1.7"u8));
    }

    [Fact]
    public void AnExecutableOrAnEmptyFileIsNothingWeAccept()
    {
        Assert.Null(DocumentContent.Sniff("MZ\x90\0\x03\0\0\0"u8));
        Assert.Null(DocumentContent.Sniff([]));
        Assert.Null(DocumentContent.Sniff([0xFF, 0xD8]));
    }
}
