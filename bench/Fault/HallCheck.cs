using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Fault;

/// <summary>
/// The employer hall's mutual TLS through nginx: with the demo operator's certificate (scripts/unit-demo-cert.sh
/// --cluster) the operator signs in with it and a transaction (职工信息修改) goes through; without a certificate nginx
/// refuses; a forged certificate header sent straight to an instance is refused by the instance.
/// </summary>
internal sealed partial class HallCheck(Cluster cluster)
{
    private const string DemoGrzh = "411500000001"; // 张伟, an employee of the demo operator's employer 411501000001
    private const string DemoPhone = "13803760001"; // changed, then back: the demo stays as it was
    private const string OtherPhone = "13803769999";

    /// <summary>职工信息修改 in its two steps (下一步, 确认修改); the page the confirm redirects to.</summary>
    private static async Task<string> ChangePhoneAsync(HttpClient hall, string form, string phone)
    {
        using var step1 = await hall.PostAsync("unit/business/phone", Form(form, new() { ["Grzh"] = DemoGrzh, ["Phone"] = phone }));
        var confirm = await step1.Content.ReadAsStringAsync();
        if (!confirm.Contains("phone-confirm-submit", StringComparison.Ordinal)) return $"{(int)step1.StatusCode} no confirmation: {confirm}";
        using var step2 = await hall.PostAsync("unit/business/phone?handler=Confirm", Form(confirm, new() { ["Grzh"] = DemoGrzh, ["Phone"] = phone }));
        if (step2.StatusCode != HttpStatusCode.Redirect || step2.Headers.Location is not { } done) return $"{(int)step2.StatusCode} on confirm";
        return await hall.GetStringAsync(done);
    }

    public async Task<(IReadOnlyList<string> Passed, IReadOnlyList<string> Failed)> RunAsync()
    {
        var (passed, failed) = (new List<string>(), new List<string>());
        void Check(bool ok, string what) => (ok ? passed : failed).Add(what);

        using var operatorCert = await DemoCertificateAsync();
        using (var hall = cluster.Client(new CookieContainer(), TimeSpan.FromSeconds(30), cluster.HallUrl, operatorCert))
        {
            var index = await (await hall.GetAsync("unit")).Content.ReadAsStringAsync();
            Check(index.Contains("id=\"ca-subject\">周敏<", StringComparison.Ordinal), "with the certificate: /unit sees 周敏's certificate");
            using var signIn = await hall.PostAsync("unit?handler=Certificate", Form(index, []));
            Check(signIn.StatusCode == HttpStatusCode.Redirect && signIn.Headers.Location?.OriginalString == "/unit/home",
                $"with the certificate: CA sign-in ({(int)signIn.StatusCode} → {signIn.Headers.Location})");
            using var phonePage = await hall.GetAsync("unit/business/phone");
            var phoneForm = await phonePage.Content.ReadAsStringAsync();
            Check(phonePage.StatusCode == HttpStatusCode.OK, $"with the certificate: the transaction page ({(int)phonePage.StatusCode})");
            if (phonePage.StatusCode == HttpStatusCode.OK)
            {
                // The change and its confirmation, then back to the demo's number the same way: the demo stays as it was.
                var changed = await ChangePhoneAsync(hall, phoneForm, OtherPhone);
                Check(changed.Contains("修改成功", StringComparison.Ordinal), $"with the certificate: 职工信息修改 goes through ({PushTraffic.Snippet(changed)})");
                var back = await ChangePhoneAsync(hall, phoneForm, DemoPhone);
                Check(back.Contains("修改成功", StringComparison.Ordinal), $"with the certificate: 职工信息修改 back to the demo's number ({PushTraffic.Snippet(back)})");
            }
        }

        using (var anonymous = cluster.Client(new CookieContainer(), TimeSpan.FromSeconds(30), cluster.HallUrl))
        {
            try
            {
                using var refused = await anonymous.GetAsync("unit/business/phone");
                Check(refused.StatusCode == HttpStatusCode.BadRequest, $"without a certificate: nginx refuses ({(int)refused.StatusCode})");
            }
            catch (HttpRequestException e)
            {
                Check(true, $"without a certificate: nginx refuses the handshake ({e.Message})");
            }
        }

        using (var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            var port = cluster.InstancePorts[0];
            using var forged = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/unit");
            forged.Headers.Add("X-Client-Cert", Uri.EscapeDataString(operatorCert.ExportCertificatePem()));
            forged.Headers.Add("X-Client-Verify", "SUCCESS");
            using var answer = await direct.SendAsync(forged);
            Check(answer.StatusCode == HttpStatusCode.Forbidden, $"a forged X-Client-Cert straight to instance :{port} is refused ({(int)answer.StatusCode})");
        }
        return (passed, failed);
    }

    /// <summary>The demo operator's certificate, issued by the cluster's CA when missing.</summary>
    private async Task<X509Certificate2> DemoCertificateAsync()
    {
        var dir = Path.Combine(cluster.Directory, "unit-demo");
        if (!File.Exists(Path.Combine(dir, "operator.p12")))
            await cluster.RunScriptAsync("unit-demo-cert.sh", "--cluster");
        var password = (await File.ReadAllTextAsync(Path.Combine(dir, "operator.password"))).Trim();
        return X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dir, "operator.p12"), password);
    }

    private static FormUrlEncodedContent Form(string html, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("the hall's page has no antiforgery token");
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
