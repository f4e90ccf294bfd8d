using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Sms;

/// <summary>
/// The SMS gateway over HTTP: POST {GatewayUrl} with a bearer key and
/// <c>{"phone","templateId","params":{"code","minutes"}}</c> (codes) or <c>{"phone","templateId","params":{"newPhone"}}</c>
/// (the phone-changed notice, template <c>Sms:NoticeTemplateId</c>); any 2xx is accepted.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options, ILogger<HttpSmsSender> log) : ISmsSender
{
    public Task SendCodeAsync(string phone, string code, CancellationToken ct) =>
        PostAsync(new { phone, templateId = options.Value.TemplateId, @params = new { code, minutes = SmsCodes.Lifetime.TotalMinutes.ToString("0") } }, ct);

    public Task SendPhoneChangedNoticeAsync(string oldPhone, string maskedNewPhone, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Value.NoticeTemplateId))
        {
            log.LogWarning("Sms:NoticeTemplateId is not configured: the phone-changed notice to the old number is not sent");
            return Task.CompletedTask;
        }
        return PostAsync(new { phone = oldPhone, templateId = options.Value.NoticeTemplateId, @params = new { newPhone = maskedNewPhone } }, ct);
    }

    private async Task PostAsync(object body, CancellationToken ct)
    {
        var sms = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.GatewayUrl) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.ApiKey);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            log.LogError("SMS gateway answered {Status}", (int)response.StatusCode);
            throw new SmsGatewayException($"SMS gateway answered {(int)response.StatusCode}");
        }
    }
}
