namespace Wechat.Handlers.Protocol;

/// <summary>What we answer to one push, within WeChat's 5-second budget.</summary>
public abstract record Reply
{
    /// <summary>False for bodies WeChat takes as "nothing to show" ("success" or empty); those are never encrypted.</summary>
    public virtual bool IsXml => true;
}

/// <summary>One article card: WeChat shows the picture, title and description, and opens Url on tap.</summary>
public sealed record NewsReply(string Title, string Description, string PicUrl, string Url) : Reply;

/// <summary>The literal body "success": nothing is shown to the citizen and WeChat does not retry.</summary>
public sealed record SuccessReply : Reply
{
    public static SuccessReply Instance { get; } = new();

    public override bool IsXml => false;
}

/// <summary>An empty body: like "success", accepted by WeChat without retrying or showing anything.</summary>
public sealed record EmptyReply : Reply
{
    public static EmptyReply Instance { get; } = new();

    public override bool IsXml => false;
}
