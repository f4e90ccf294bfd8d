using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Pipeline;

/// <summary>The rest of the pipeline from some step on: ASP.NET Core's RequestDelegate for one WeChat message.</summary>
public delegate ValueTask<Reply> MessageDelegate(MessageContext ctx);
