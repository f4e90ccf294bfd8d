using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class CDataTests
{
    [Fact]
    public void ClosingSequenceIsSplitAcrossTwoSections()
    {
        var xml = new StringBuilder();

        CData.Append(xml, "a]]>b");

        Assert.Equal("<![CDATA[a]]]]><![CDATA[>b]]>", xml.ToString());
    }

    [Fact]
    public void EscapedTextEscapesMarkup()
    {
        var xml = new StringBuilder();

        CData.AppendEscapedText(xml, "1<2&3>0");

        Assert.Equal("1&lt;2&amp;3&gt;0", xml.ToString());
    }
}
