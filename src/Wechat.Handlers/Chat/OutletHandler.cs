using System.Text;
using Fund.Core.Outlets;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>服务网点: all of them from the menu, the nearest three when the citizen sends a location.</summary>
public sealed class OutletHandler(OutletFinder outlets)
{
    public const int NearestCount = 3;
    public const string SendLocationHint = "发送位置可查看最近的网点";

    public async ValueTask<Reply> AllAsync(MessageContext ctx)
    {
        var all = await outlets.AllAsync(ctx.RequestAborted);
        var text = new StringBuilder("【服务网点】");
        var n = 0;
        foreach (var outlet in all)
        {
            text.Append("\n\n").Append(++n).Append(". ").Append(Describe(outlet));
        }

        return new TextReply(text.Append("\n\n").Append(SendLocationHint).ToString());
    }

    public async ValueTask<Reply> NearestAsync(MessageContext ctx, decimal latitude, decimal longitude)
    {
        var nearest = await outlets.NearestAsync((double)latitude, (double)longitude, NearestCount, ctx.RequestAborted);
        if (nearest.Count == 0)
        {
            return new TextReply("暂无服务网点信息。");
        }

        var text = new StringBuilder("离您最近的服务网点：");
        var n = 0;
        foreach (var near in nearest)
        {
            text.Append("\n\n").Append(++n).Append(". ").Append(near.Outlet.Name)
                .Append("（距您").Append(near.DistanceText).Append('）')
                .Append("\n地址：").Append(near.Outlet.Address)
                .Append("\n办公时间：").Append(near.Outlet.Hours)
                .Append("\n电话：").Append(near.Outlet.Phone);
        }

        return new TextReply(text.ToString());
    }

    private static string Describe(ServiceOutlet outlet) =>
        $"{outlet.Name}\n地址：{outlet.Address}\n办公时间：{outlet.Hours}\n电话：{outlet.Phone}";
}
