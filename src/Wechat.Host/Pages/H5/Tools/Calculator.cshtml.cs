using System.Text.Json;
using Fund.Core;
using Fund.Core.Loans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Tools;

namespace Wechat.Host.Pages.H5.Tools;

/// <summary>
/// 贷款计算器. A GET form: the query string carries every input, so a result is a link that can be shared and
/// reopened. Bad input comes back as Chinese messages on the form with status 200.
/// </summary>
public sealed class CalculatorModel(RateTable rates, TimeProvider time) : PageModel
{
    public CalculatorQuery Query { get; private set; } = new(null, null, null, null, null);
    public RateTableVersion? CurrentTable { get; private set; }
    public decimal? DefaultRate { get; private set; }
    public RepaymentPlan? Plan { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? amount, string? months, string? rate, string? method, string? home, CancellationToken ct)
    {
        Query = new CalculatorQuery(amount, months, rate, method, home);
        CurrentTable = await rates.InForceAsync(CentreClock.Today(time), ct);
        DefaultRate = CurrentTable?.Find(Query.HomeKind, RateTable.BandFor(Query.MonthsOrDefault))?.AnnualRate;
        if (Query.IsEmpty) return;

        var (terms, errors) = Query.Parse(DefaultRate);
        Errors = errors;
        if (terms is null) return;
        try
        {
            Plan = LoanCalculator.Calculate(terms);
        }
        catch (ArgumentException e)
        {
            // The calculator's messages are written for the citizen.
            Errors = [e.Message];
        }
    }

    /// <summary>The rate field's value: what was typed, else the table's default for the chosen home and term.</summary>
    public string RateFieldValue => !string.IsNullOrWhiteSpace(Query.Rate) ? Query.Rate
        : DefaultRate is { } d ? ToolsFormat.PercentNumber(d) : "";

    /// <summary>The four current rates for the page's script, which refills the rate when home or term changes.</summary>
    public string CurrentRatesJson => JsonSerializer.Serialize(new
    {
        first = Band(HomeKind.First),
        second = Band(HomeKind.Second),
    });

    /// <summary>Per year: principal and interest repaid, and the balance left at the year's end.</summary>
    public string ChartJson => Plan is null ? "null" : JsonSerializer.Serialize(
        Plan.Schedule.GroupBy(i => (i.Month - 1) / 12 + 1).Select(y => new
        {
            year = y.Key,
            principal = y.Sum(i => i.Principal),
            interest = y.Sum(i => i.Interest),
            balance = y.Last().Balance,
        }));

    public string MethodName => Plan?.Terms.Method == RepaymentMethod.EqualPrincipal ? "等额本金" : "等额本息";

    private object Band(HomeKind home) => new
    {
        upTo5 = CurrentTable?.Find(home, RateTermBand.UpToFiveYears) is { } s ? ToolsFormat.PercentNumber(s.AnnualRate) : null,
        over5 = CurrentTable?.Find(home, RateTermBand.OverFiveYears) is { } l ? ToolsFormat.PercentNumber(l.AnnualRate) : null,
    };
}
