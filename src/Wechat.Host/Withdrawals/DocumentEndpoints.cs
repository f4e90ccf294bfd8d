using Fund.Core.Accounts;
using Fund.Data.Stores;
using Wechat.Host.Counter;
using Wechat.Host.H5;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// A document is served to its owner (the account of the citizen's session, H5 or hall) and to signed-in counter staff;
/// to anyone else it does not exist. A route per channel and one for the counter, because each audience carries its
/// own cookie.
/// </summary>
internal static class DocumentEndpoints
{
    public static string CitizenUrl(long id) => $"/h5/withdraw/documents/{id}";
    public static string CounterUrl(long id) => $"/counter/documents/{id}";

    public static void Map(WebApplication app)
    {
        foreach (var channel in new[] { Channels.Channel.H5, Channels.Channel.Hall })
        {
            app.MapGet(channel.Prefix + "/withdraw/documents/{id:long}", async (long id, HttpContext http, AccountQuery accounts,
                MySqlMaterialStore materials, DocumentFiles files) =>
            {
                var grzh = await accounts.GrzhOfAsync(H5Session.Of(http), http.RequestAborted);
                var document = await materials.GetDocumentAsync(id, http.RequestAborted);
                if (grzh is null || document is null || document.Grzh != grzh) return Results.NotFound();
                return await files.ServeAsync(document, http.Response, http.RequestAborted);
            });
        }

        app.MapGet("/counter/documents/{id:long}", async (long id, HttpContext http, MySqlMaterialStore materials,
            DocumentFiles files, AuditTrail audit) =>
        {
            var document = await materials.GetDocumentAsync(id, http.RequestAborted);
            if (document is null) return Results.NotFound();
            await audit.WriteAsync(AuditTrail.Staff(http.User.Identity!.Name!), "document.view", "document:" + id, "", http.RequestAborted);
            return await files.ServeAsync(document, http.Response, http.RequestAborted);
        }).RequireAuthorization(CounterAuth.StaffPolicy);
    }
}
