using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Sms;

/// <summary>
/// The SMS gateway over HTTP: POST {GatewayUrl} with a bearer key and
/// <c>{"phone","templateId","params":{"code","minutes"}}</c>; any 2xx is accepted.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options, ILogger<HttpSmsSender> log) : ISmsSender
{
    public async Task SendCodeAsync(string phone, string code, CancellationToken ct)
    {
        var sms = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.GatewayUrl)
        {
            Content = JsonContent.Create(new
            {
                phone,
                templateId = sms.TemplateId,
                @params = new { code, minutes = SmsCodes.Lifetime.TotalMinutes.ToString("0") },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.ApiKey);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            log.LogError("SMS gateway answered {Status}", (int)response.StatusCode);
            throw new SmsGatewayException($"SMS gateway answered {(int)response.StatusCode}");
        }
    }
}
