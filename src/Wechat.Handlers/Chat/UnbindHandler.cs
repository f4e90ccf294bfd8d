using Fund.Core.Binding;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>
/// 解除绑定 in two steps, because one mistaken tap should not cut a citizen off: the menu click asks, and the text
/// "确认解绑" within five minutes does it.
/// </summary>
/// <remarks>The pending confirmation is the Redis key <c>wechat:unbind:{openid}</c>.</remarks>
public sealed class UnbindHandler(
    IBindingStore bindings, IConnectionMultiplexer redis, GuideHandler guide, ILogger<UnbindHandler> logger)
{
    public const string ConfirmWord = "确认解绑";
    public static readonly TimeSpan ConfirmationTtl = TimeSpan.FromMinutes(5);

    internal static RedisKey KeyFor(string openId) => "wechat:unbind:" + openId;

    public async ValueTask<Reply> AskAsync(MessageContext ctx)
    {
        if (await ctx.GrzhAsync() is null)
        {
            return new TextReply("您尚未绑定公积金账户，无需解绑。");
        }

        await redis.GetDatabase().StringSetAsync(KeyFor(ctx.OpenId), "1", ConfirmationTtl);
        return new TextReply("解除绑定后将无法在公众号查询公积金信息。\n回复“确认解绑”解除绑定（5分钟内有效）。");
    }

    public async ValueTask<Reply> ConfirmAsync(MessageContext ctx)
    {
        // GETDEL: the confirmation is used once, even if two "确认解绑" race.
        if ((await redis.GetDatabase().StringGetDeleteAsync(KeyFor(ctx.OpenId))).IsNull)
        {
            return new TextReply("如需解除绑定，请先点击菜单“我的账户 → 解除绑定”，再于5分钟内回复“确认解绑”。");
        }

        var removed = await bindings.UnbindAsync(ctx.OpenId, ctx.RequestAborted);
        logger.LogInformation("Unbind confirmed for user {User}; a binding was removed: {Removed}", LogId.Of(ctx.OpenId), removed);
        return new TextReply($"已解除绑定。如需再次查询，请重新绑定：{guide.Link("/h5/login")}");
    }
}
