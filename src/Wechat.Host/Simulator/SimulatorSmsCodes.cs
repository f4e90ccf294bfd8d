using Fund.Core.Validation;
using Microsoft.Extensions.Options;
using Wechat.Host.Sms;

namespace Wechat.Host.Simulator;

/// <summary>
/// Development only: <see cref="SmsCodes"/> as it is, plus a copy of each text that went to the dev outbox in the
/// simulator chat of the OpenID that asked for it, so a flow that needs a code can be finished from the phone frame.
/// </summary>
/// <remarks>
/// The outbox knows the phone but not who asked; <see cref="ISmsCodes.SendAsync"/> knows both, which is why the copy
/// is made here rather than in the sender.
/// </remarks>
public sealed class SimulatorSmsCodes(SmsCodes codes, DevSmsOutbox outbox, SimulatorInbox inbox, IOptions<SmsOptions> options) : ISmsCodes
{
    public async Task<SmsSendOutcome> SendAsync(SmsPurpose purpose, string subject, string phone, string client, string address, CancellationToken ct)
    {
        var outcome = await codes.SendAsync(purpose, subject, phone, client, address, ct);
        if (outcome != SmsSendOutcome.Sent || !string.IsNullOrEmpty(options.Value.GatewayUrl)) return outcome;

        var text = (await outbox.LatestAsync(20)).FirstOrDefault(t => t.Phone == phone);
        if (text is not null)
            await inbox.AddAsync(client, new PushedMessage(0, "sms", default, Text: text.Body, Title: Mask.Phone(phone), Code: text.Code));
        return outcome;
    }

    public Task<bool> VerifyAsync(SmsPurpose purpose, string subject, string phone, string code, CancellationToken ct) =>
        codes.VerifyAsync(purpose, subject, phone, code, ct);
}
