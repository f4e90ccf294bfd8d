using Fund.Core.Accounts;
using Fund.Data.Stores;
using Wechat.Host.Counter;
using Wechat.Host.H5;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// A document is served to its owner (the account bound to the H5 session) and to signed-in counter staff; to anyone
/// else it does not exist. Two routes, because the two audiences carry different cookies on different paths.
/// </summary>
internal static class DocumentEndpoints
{
    public static string CitizenUrl(long id) => $"/h5/withdraw/documents/{id}";
    public static string CounterUrl(long id) => $"/counter/documents/{id}";

    public static void Map(WebApplication app)
    {
        app.MapGet("/h5/withdraw/documents/{id:long}", async (long id, HttpContext http, AccountQuery accounts,
            MySqlMaterialStore materials, DocumentFiles files) =>
        {
            var account = await accounts.ForOpenIdAsync(H5Session.Of(http).OpenId, http.RequestAborted);
            var document = await materials.GetDocumentAsync(id, http.RequestAborted);
            if (account is null || document is null || document.Grzh != account.Grzh) return Results.NotFound();
            return await files.ServeAsync(document, http.Response, http.RequestAborted);
        });

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
